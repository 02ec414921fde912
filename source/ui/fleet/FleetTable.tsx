import { Box, Text } from 'ink';
import { memo, useMemo } from 'react';
import type { FleetRow } from '../../engine/fleet/fleet-row.js';
import { fleetStateColor, fleetTableView, type FleetLine } from './fleet-columns.js';

export interface FleetTableProps {
  /** Every row, in the order they show (fleet-table-state.ts sorts them). */
  sorted: readonly FleetRow[];
  /** The run's one clock (a tick a second): every row's elapsed time reads it. */
  now: number;
  width: number;
  /** The window: rows `from` (inclusive) to `to` (exclusive); only these render. */
  from: number;
  to: number;
}

/** One row; redrawn only when its text changes (most rows of a big fleet sit still). */
const FleetLineText = memo(function FleetLineText({
  before,
  state,
  after,
  rowState,
}: Omit<FleetLine, 'name'>) {
  const { color, dim } = fleetStateColor(rowState);
  return (
    <Text wrap="truncate">
      {before}
      <Text color={color} dimColor={dim}>
        {state}
      </Text>
      {after}
    </Text>
  );
});

/** The header and the window's rows, fitted to the width (fleet-columns.ts). */
export function FleetTable({ sorted, now, width, from, to }: FleetTableProps) {
  const view = useMemo(
    () => fleetTableView(sorted, now, width, from, to),
    [sorted, now, width, from, to],
  );
  return (
    <Box flexDirection="column" width={width}>
      <Text bold dimColor wrap="truncate">
        {view.header}
      </Text>
      {view.lines.map(({ name, ...line }) => (
        <FleetLineText key={name} {...line} />
      ))}
    </Box>
  );
}
