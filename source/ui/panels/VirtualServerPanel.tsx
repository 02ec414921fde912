import { Box } from 'ink';
import type { VirtualServerView } from './panel-data.js';
import { PanelLines, type PanelLine } from './PanelLines.js';
import { PanelTitle } from './PanelTitle.js';

export interface VirtualServerPanelProps {
  view: VirtualServerView;
  width: number;
  /** Lines for the whole panel, title included. */
  maxLines: number;
}

function lines(view: VirtualServerView): PanelLine[] {
  const ips: PanelLine = view.ips.length
    ? { label: 'IP', text: view.ips.join(', '), color: 'green' }
    : { label: 'IP', text: 'waiting for NSX-T to assign one…', color: 'yellow' };
  // The NCP error explains a missing IP: it goes before the pool members.
  const error: PanelLine[] = view.error
    ? [{ label: 'NCP error', text: view.error, color: 'red' }]
    : [];
  const members: PanelLine = view.members.length
    ? { label: `pool members (${view.members.length})`, text: view.members.join(', ') }
    : { label: 'pool members', text: 'none yet (no ready endpoints)', color: 'yellow' };
  return [ips, ...error, members];
}

/** The NSX-T load balancer in front of ingress-nginx: its IP and its server pool. */
export function VirtualServerPanel({ view, width, maxLines }: VirtualServerPanelProps) {
  return (
    <Box flexDirection="column" width={width}>
      <PanelTitle title="NSX-T virtual server" detail={`service ${view.service}`} />
      <PanelLines lines={lines(view)} maxLines={maxLines - 1} />
    </Box>
  );
}
