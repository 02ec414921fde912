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

// `kubectl get po -o wide -L app`; on a narrow terminal IP and NODE go first.
const columns: Column[] = [
  { header: 'NAME', min: 16, priority: 9 },
  { header: 'READY', priority: 8 },
  { header: 'STATUS', min: 9, priority: 9 },
  { header: 'RESTARTS', min: 3, priority: 5, align: 'right' },
  { header: 'AGE', priority: 6 },
  { header: 'IP', priority: 1 },
  { header: 'NODE', min: 8, priority: 3 },
  { header: 'APP', min: 6, priority: 4 },
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
