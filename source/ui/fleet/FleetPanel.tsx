import { Box } from 'ink';
import { useMemo } from 'react';
import { viewportLabel } from '../scroll/viewport.js';
import { FleetCounts } from './FleetCounts.js';
import { FleetTable } from './FleetTable.js';
import { headerCounts, type FleetTableState } from './fleet-table-state.js';

export interface FleetPanelProps {
  fleet: FleetTableState;
  now: number;
  width: number;
  /** Lines for the whole panel: the counts, the header, then rows. */
  maxLines: number;
  /** The window (the run screen scrolls it): rows `from` (inclusive) to `to` (exclusive). */
  from: number;
  to: number;
}

// The counts line and the table's header.
const chrome = 2;

/** Rows the panel shows in `maxLines`. */
export function fleetRowsShown(maxLines: number): number {
  return Math.max(1, maxLines - chrome);
}

/**
 * A fleet import's live table: the counts, then the window's rows (failures first); the
 * counts line says where the window is when not every row fits.
 */
export function FleetPanel({ fleet, now, width, maxLines, from, to }: FleetPanelProps) {
  const total = fleet.sorted.length;
  const counts = useMemo(() => headerCounts(fleet.rows.values()), [fleet.rows]);
  const place = total > fleetRowsShown(maxLines) ? viewportLabel(from, to, total) : undefined;
  return (
    <Box flexDirection="column" width={width}>
      <FleetCounts counts={counts} width={width} place={place} />
      <FleetTable sorted={fleet.sorted} now={now} width={width} from={from} to={to} />
    </Box>
  );
}
