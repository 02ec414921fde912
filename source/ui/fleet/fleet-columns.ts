import type { FleetRow } from '../../engine/fleet/fleet-row.js';
import {
  columnGap,
  fitCells,
  fitColumns,
  fitHeader,
  type Column,
  type FittedColumns,
} from '../panels/fit-columns.js';
import { formatElapsed } from '../run/format-time.js';

/**
 * NAME SITE STATE STEP ELAPSED, then LAST ERROR with whatever width is left. Names are cut in
 * the middle (`edge-emea-store-0417` and `…-0418` differ at the end); the state and the
 * elapsed time are whole or not there. The step gives way first: the error says more.
 */
export const fleetColumns: Column[] = [
  { header: 'NAME', priority: 9, cut: { min: 12, at: 'middle' } },
  { header: 'SITE', priority: 4, cut: { min: 5, at: 'end' } },
  { header: 'STATE', priority: 8 },
  { header: 'STEP', priority: 3, cut: { min: 10, at: 'end' } },
  { header: 'ELAPSED', priority: 6, align: 'right' },
  { header: 'LAST ERROR', priority: 0, cut: { min: 12, at: 'end' } },
];

const STATE_COLUMN = 2;
const ERROR_COLUMN = 5;
/** Fewer columns than this for the error tell nothing (`DNS: cou…`): then it is left out. */
const minErrorWidth = 16;
/** A step is a few words; a longer one must not push the error off the table. */
const maxStepWidth = 32;

/** How long the row has been at it: from its start to now, or to when it settled. */
export function rowElapsed(row: FleetRow, now: number): string {
  if (row.startedAt === undefined) return '';
  return formatElapsed(Math.max(0, (row.finishedAt ?? now) - row.startedAt));
}

/** One row's cells, in the columns' order. */
export function fleetCells(row: FleetRow, now: number): string[] {
  return [
    row.name,
    row.site ?? '',
    row.state,
    row.step.length > maxStepWidth ? `${row.step.slice(0, maxStepWidth - 1)}…` : row.step,
    rowElapsed(row, now),
    row.lastError ?? '',
  ];
}

/**
 * Room tried for the error, most first: the widest that leaves the other five columns all
 * on the line wins; failing that, the least, with what fits of the others.
 */
const errorRooms = [48, 40, 32, 24, minErrorWidth];

/**
 * Fits the table into `width`: the first five columns as fit-columns does, with room kept for
 * the error when any row has one; the error column then takes the rest of the line. Fitted
 * over every row (not only the window), so widths do not jump while scrolling.
 */
export function fitFleetColumns(rows: readonly string[][], width: number): FittedColumns {
  const main = fleetColumns.slice(0, ERROR_COLUMN);
  const mainCells = rows.map((r) => r.slice(0, ERROR_COLUMN));
  const errorNatural = Math.max(0, ...rows.map((r) => (r[ERROR_COLUMN] ?? '').length));
  const withoutError = () => fitColumns(main, mainCells, width);
  if (errorNatural === 0) return withoutError();
  const tries = errorRooms
    .filter((room) => room < errorNatural)
    .map((room) => fitColumns(main, mainCells, width - columnGap - room));
  tries.unshift(fitColumns(main, mainCells, width - columnGap - errorNatural));
  const fitted = tries.find((f) => f.keep.length === main.length) ?? tries.at(-1)!;
  const used = fitted.widths.reduce((sum, w) => sum + w, 0) + columnGap * (fitted.keep.length - 1);
  const errorWidth = Math.min(
    Math.max(errorNatural, fleetColumns[ERROR_COLUMN]!.header.length),
    width - used - columnGap,
  );
  // The name and the state come before the error: without room for all three, no error.
  const essentials = fitted.keep.includes(0) && fitted.keep.includes(STATE_COLUMN);
  if (!essentials || errorWidth < minErrorWidth) return withoutError();
  return { keep: [...fitted.keep, ERROR_COLUMN], widths: [...fitted.widths, errorWidth] };
}

/** A line in three parts, so the state alone can be coloured. */
export interface FleetLineParts {
  before: string;
  state: string;
  after: string;
}

function split(fitted: FittedColumns, cells: string[]): FleetLineParts {
  const gap = ' '.repeat(columnGap);
  const at = fitted.keep.indexOf(STATE_COLUMN);
  if (at < 0) return { before: cells.join(gap), state: '', after: '' };
  return {
    before: cells
      .slice(0, at)
      .map((c) => c + gap)
      .join(''),
    state: cells[at]!,
    after: cells
      .slice(at + 1)
      .map((c) => gap + c)
      .join(''),
  };
}

export function fleetLineParts(fitted: FittedColumns, cells: string[]): FleetLineParts {
  return split(fitted, fitCells(fleetColumns, fitted, cells));
}

export function fleetHeaderLine(fitted: FittedColumns): string {
  return fitHeader(fleetColumns, fitted).join(' '.repeat(columnGap));
}

/** The state's colour: red failed, green active, cyan waiting on the site, yellow busy. */
export function fleetStateColor(state: FleetRow['state']): { color?: string; dim?: boolean } {
  switch (state) {
    case 'failed':
      return { color: 'red' };
    case 'active':
      return { color: 'green' };
    case 'bundled':
      return { color: 'cyan' };
    case 'queued':
    case 'removed':
      return { dim: true };
    default:
      return { color: 'yellow' };
  }
}

/** One line of the table as it renders. */
export interface FleetLine extends FleetLineParts {
  name: string;
  rowState: FleetRow['state'];
}

/** The header and the lines of rows `from`–`to`, fitted to `width` over every row. */
export interface FleetTableView {
  header: string;
  lines: FleetLine[];
}

export function fleetTableView(
  sorted: readonly FleetRow[],
  now: number,
  width: number,
  from: number,
  to: number,
): FleetTableView {
  const cells = sorted.map((row) => fleetCells(row, now));
  const fitted = fitFleetColumns(cells, width);
  const lines = sorted.slice(from, to).map((row, i) => ({
    name: row.name,
    rowState: row.state,
    ...fleetLineParts(fitted, cells[from + i]!),
  }));
  return { header: fleetHeaderLine(fitted), lines };
}
