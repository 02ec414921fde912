import type { PksClusterView } from './panel-data.js';
import type { PanelLine } from './PanelLines.js';

function stateColor(state: string): string {
  if (state === 'succeeded') return 'green';
  if (state === 'failed' || state === 'error') return 'red';
  return 'yellow';
}

/**
 * The PKS cluster panel's `key: value` lines, most useful first: the panel keeps the first
 * ones when short of room, and the layout asks for as many as there are.
 */
export function pksClusterLines(view: PksClusterView): PanelLine[] {
  const masters = view.masterIps.filter((ip) => ip !== 'In Progress');
  const size = [
    view.plan ? `plan ${view.plan}` : undefined,
    view.workers === undefined
      ? undefined
      : `${view.workers} worker${view.workers === 1 ? '' : 's'}`,
  ].filter(Boolean);
  return [
    { label: 'last action', text: `${view.action} ${view.state}`, color: stateColor(view.state) },
    { label: 'description', text: view.description || '-' },
    {
      label: 'master IPs',
      text: masters.length ? masters.join(', ') : 'not yet',
      dim: masters.length === 0,
    },
    ...(size.length ? [{ label: 'size', text: size.join(', ') }] : []),
    ...(view.kubernetesVersion ? [{ label: 'kubernetes', text: view.kubernetesVersion }] : []),
    ...(view.uuid ? [{ label: 'uuid', text: view.uuid, dim: true }] : []),
  ];
}
