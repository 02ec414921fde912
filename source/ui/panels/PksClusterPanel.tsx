import { Box } from 'ink';
import type { PksClusterView } from './panel-data.js';
import { PanelLines, type PanelLine } from './PanelLines.js';
import { PanelTitle } from './PanelTitle.js';

export interface PksClusterPanelProps {
  view: PksClusterView;
  width: number;
  /** Lines for the whole panel, title included. */
  maxLines: number;
}

function stateColor(state: string): string {
  if (state === 'succeeded') return 'green';
  if (state === 'failed' || state === 'error') return 'red';
  return 'yellow';
}

/** What `pks cluster NAME` says, refreshed while the cluster is being provisioned. */
export function PksClusterPanel({ view, width, maxLines }: PksClusterPanelProps) {
  const masters = view.masterIps.filter((ip) => ip !== 'In Progress');
  const lines: PanelLine[] = [
    { label: 'last action', text: `${view.action} ${view.state}`, color: stateColor(view.state) },
    { label: 'description', text: view.description || '-' },
    {
      label: 'master IPs',
      text: masters.length ? masters.join(', ') : 'not yet',
      dim: masters.length === 0,
    },
  ];
  return (
    <Box flexDirection="column" width={width}>
      <PanelTitle title="PKS cluster" detail={view.name} />
      <PanelLines lines={lines} maxLines={maxLines - 1} />
    </Box>
  );
}
