import { Box } from 'ink';
import { useMemo } from 'react';
import { useScroll } from '../scroll/use-scroll.js';
import { fromTop, viewportLabel } from '../scroll/viewport.js';
import { FleetCounts } from './FleetCounts.js';
import { FleetTable } from './FleetTable.js';
import { headerCounts, type FleetTableState } from './fleet-table-state.js';

export interface FleetPanelProps {
  fleet: FleetTableState;
  now: number;
  width: number;
  /** Lines for the whole panel: the counts, the header, then rows. */
  maxLines: number;
  /** Whether ↑↓ PgUp PgDn Home End scroll it (not under the help or another view). */
  keysActive: boolean;
}

// The counts line and the table's header.
const chrome = 2;

/** Rows the panel shows in `maxLines`. */
export function fleetRowsShown(maxLines: number): number {
  return Math.max(1, maxLines - chrome);
}

/**
 * A fleet import's live table: the counts, then the rows that fit (failures first), scrolled
 * with the run screen's scroll keys; the counts line says where the window is.
 */
export function FleetPanel({ fleet, now, width, maxLines, keysActive }: FleetPanelProps) {
  const total = fleet.sorted.length;
  const height = fleetRowsShown(maxLines);
  const { from, to } = useScroll({ total, height, initial: fromTop, isActive: keysActive });
  const counts = useMemo(() => headerCounts(fleet.rows.values()), [fleet.rows]);
  const place = total > height ? viewportLabel(from, to, total) : undefined;
  return (
    <Box flexDirection="column" width={width}>
      <FleetCounts counts={counts} width={width} place={place} />
      <FleetTable sorted={fleet.sorted} now={now} width={width} from={from} to={to} />
    </Box>
  );
}
