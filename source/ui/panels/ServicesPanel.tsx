import { Box } from 'ink';
import type { ServiceRow } from './cluster-snapshot.js';
import type { Column } from './fit-columns.js';
import { PanelTitle } from './PanelTitle.js';
import { Table } from './Table.js';

export interface ServicesPanelProps {
  namespace: string;
  services: ServiceRow[];
  width: number;
  /** Lines for the whole panel, title included. */
  maxLines: number;
}

// `kubectl get svc` plus the endpoints behind each service. EXTERNAL-IP is the NSX-T
// virtual server the user types into DNS: never cut, and the last to go (priority above
// the name's). Names are cut in the middle, so
// `ingress-nginx-controller` and `ingress-nginx-controller-admission` stay apart.
const columns: Column[] = [
  { header: 'NAME', priority: 9, cut: { min: 14, at: 'middle' } },
  { header: 'TYPE', priority: 7 },
  { header: 'CLUSTER-IP', priority: 1 },
  { header: 'EXTERNAL-IP', priority: 10 },
  { header: 'PORT(S)', priority: 5, cut: { min: 10, at: 'end' } },
  { header: 'ENDPOINTS', priority: 6, cut: { min: 12, at: 'end' } },
];

function endpointsCell(endpoints: string[]): string {
  if (endpoints.length === 0) return '<none>';
  // kubectl's style: the first few, then how many more.
  const shown = endpoints.slice(0, 3).join(',');
  return endpoints.length > 3 ? `${shown} + ${endpoints.length - 3} more` : shown;
}

export function ServicesPanel({ namespace, services, width, maxLines }: ServicesPanelProps) {
  const rows = services.map((s) => [
    s.name,
    s.type,
    s.clusterIp,
    s.externalIps,
    s.ports,
    endpointsCell(s.endpoints),
  ]);
  const color = (r: number, c: number) => {
    const svc = services[r]!;
    if (c === 3 && svc.externalIps === '<pending>') return 'yellow';
    if (c === 5) return svc.endpoints.length ? 'green' : 'yellow';
    return undefined;
  };
  return (
    <Box flexDirection="column" width={width}>
      <PanelTitle title="Services" detail={namespace} />
      <Table
        columns={columns}
        rows={rows}
        width={width}
        maxLines={maxLines - 1}
        empty="no services yet"
        color={color}
      />
    </Box>
  );
}
