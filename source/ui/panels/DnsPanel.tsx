import { Box } from 'ink';
import { clockTime } from '../run/format-time.js';
import type { Column } from './fit-columns.js';
import type { DnsCheckView } from './panel-data.js';
import { PanelTitle } from './PanelTitle.js';
import { Table } from './Table.js';

export interface DnsPanelProps {
  checks: DnsCheckView[];
  width: number;
  /** Lines for the whole panel, title included. */
  maxLines: number;
}

// The name, what it answers and what it should answer are what the user acts on: whole
// or (on a very narrow terminal) left out, never cut. The resolver and the time go first.
const columns: Column[] = [
  { header: 'NAME', priority: 9 },
  { header: 'RESOLVER', priority: 4 },
  { header: 'ANSWER', priority: 8 },
  { header: 'EXPECTED', priority: 7 },
  { header: 'OK', priority: 9 },
  { header: 'CHECKED', priority: 5 },
];

/** Each name we wait for, as the configured resolvers answer it right now. */
export function DnsPanel({ checks, width, maxLines }: DnsPanelProps) {
  const rows = checks.map((c) => [
    c.name,
    c.server,
    c.answers.length ? c.answers.join(',') : 'no answer',
    c.expected ?? '-',
    c.ok ? '✓' : '✗',
    clockTime(c.checkedAt),
  ]);
  const color = (r: number, c: number) => {
    const ok = checks[r]!.ok;
    return c === 4 || c === 2 ? (ok ? 'green' : 'red') : undefined;
  };
  return (
    <Box flexDirection="column" width={width}>
      <PanelTitle title="DNS" detail="checked live against the configured resolvers" />
      <Table
        columns={columns}
        rows={rows}
        width={width}
        maxLines={maxLines - 1}
        empty="no names checked yet"
        color={color}
      />
    </Box>
  );
}
