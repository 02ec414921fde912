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

// `kubectl get svc` plus the endpoints behind each service.
const columns: Column[] = [
  { header: 'NAME', min: 14, priority: 9 },
  { header: 'TYPE', min: 12, priority: 7 },
  { header: 'CLUSTER-IP', priority: 1 },
  { header: 'EXTERNAL-IP', min: 11, priority: 8 },
  { header: 'PORT(S)', min: 10, priority: 5 },
  { header: 'ENDPOINTS', min: 12, priority: 6 },
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
