import { Box } from 'ink';
import { ageOf } from '../../shared/human-duration.js';
import type { PodRow } from './cluster-snapshot.js';
import type { Column } from './fit-columns.js';
import { PanelTitle } from './PanelTitle.js';
import { podStatusColor, readyColor } from './status-colors.js';
import { Table } from './Table.js';

export interface PodsPanelProps {
  namespace: string;
  pods: PodRow[];
  /** For the AGE column. */
  now: number;
  width: number;
  /** Lines for the whole panel, title included. */
  maxLines: number;
  /** Pods scrolled past, and where the window is (`11–28 of 300`), when it scrolls. */
  scroll?: { offset: number; label: string };
}

// `kubectl get po -o wide -L app`; on a narrow terminal IP, APP and NODE go first. Names are
// cut in the middle: pods of one ReplicaSet differ only in their last five characters.
// An IP is whole or not there (`1…` tells nothing).
const columns: Column[] = [
  { header: 'NAME', priority: 9, cut: { min: 16, at: 'middle' } },
  { header: 'READY', priority: 8 },
  { header: 'STATUS', priority: 9, cut: { min: 9, at: 'end' } },
  { header: 'RESTARTS', priority: 5, align: 'right', cut: { min: 3, at: 'end' } },
  { header: 'AGE', priority: 6 },
  { header: 'IP', priority: 1 },
  { header: 'NODE', priority: 3, cut: { min: 8, at: 'end' } },
  { header: 'APP', priority: 2, cut: { min: 6, at: 'end' } },
];

export function PodsPanel({ namespace, pods, now, width, maxLines, scroll }: PodsPanelProps) {
  const running = pods.filter((p) => p.status === 'Running').length;
  const rows = pods.map((p) => [
    p.name,
    p.ready,
    p.status,
    String(p.restarts),
    ageOf(p.createdAt, now),
    p.ip,
    p.node,
    p.app,
  ]);
  const color = (r: number, c: number) => {
    const pod = pods[r]!;
    if (c === 1) return readyColor(pod.ready);
    if (c === 2) return podStatusColor(pod.status);
    if (c === 3 && pod.restarts > 0) return 'yellow';
    return undefined;
  };
  return (
    <Box flexDirection="column" width={width}>
      <PanelTitle
        title="Pods"
        detail={`${namespace} · ${running}/${pods.length} running${scroll ? ` · ${scroll.label}` : ''}`}
      />
      <Table
        columns={columns}
        rows={rows}
        width={width}
        maxLines={maxLines - 1}
        empty="no pods yet"
        color={color}
        offset={scroll?.offset ?? 0}
      />
    </Box>
  );
}
