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

function ipLine(view: VirtualServerView): PanelLine {
  if (view.ips.length === 0)
    return { label: 'IP', text: 'waiting for NSX-T to assign one…', color: 'yellow' };
  if (!view.dnsIp)
    return { label: 'IP', text: `${view.ips.join(', ')} (transit only)`, color: 'yellow' };
  const others = view.ips.filter((ip) => ip !== view.dnsIp);
  const text = others.length ? `${view.dnsIp} (for DNS; also ${others.join(', ')})` : view.dnsIp;
  return { label: 'IP', text, color: 'green' };
}

function budgetLine(view: VirtualServerView): PanelLine[] {
  const vs = view.virtualServers;
  if (!vs) return [];
  const of = vs.capacity ? ` of ~${vs.capacity} (lb_size ${vs.lbSize})` : ` (lb_size ${vs.lbSize})`;
  return [{ label: 'virtual servers', text: `${vs.used} in use${of}` }];
}

function lines(view: VirtualServerView): PanelLine[] {
  const ips = ipLine(view);
  // The NCP error explains a missing IP: it goes before the pool members.
  const error: PanelLine[] = view.error
    ? [{ label: 'NCP error', text: view.error, color: 'red' }]
    : [];
  const members: PanelLine = view.members.length
    ? { label: `pool members (${view.members.length})`, text: view.members.join(', ') }
    : { label: 'pool members', text: 'none yet (no ready endpoints)', color: 'yellow' };
  return [ips, ...error, members, ...budgetLine(view)];
}

/** The NSX-T load balancer in front of the ingress controller: its IP, server pool and size. */
export function VirtualServerPanel({ view, width, maxLines }: VirtualServerPanelProps) {
  return (
    <Box flexDirection="column" width={width}>
      <PanelTitle title="NSX-T virtual server" detail={`service ${view.service}`} />
      <PanelLines lines={lines(view)} maxLines={maxLines - 1} />
    </Box>
  );
}
