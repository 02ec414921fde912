import type { RunEvent } from '../../engine/contract.js';
import {
  fleetCounts,
  type FleetCounts,
  type FleetRow,
  type FleetState,
} from '../../engine/fleet/fleet-row.js';

/** The engine's fleet events: every row at start or resume, then each row as it changes. */
export type FleetEvent = Extract<RunEvent, { type: 'fleet-rows' | 'fleet-row' }>;

export function isFleetEvent(event: RunEvent): event is FleetEvent {
  return event.type === 'fleet-rows' || event.type === 'fleet-row';
}

/**
 * The live table's rows: the latest of each cluster by name, and the order they show in.
 * The order is worked out once per batch of events, not on every frame or clock tick.
 */
export interface FleetTableState {
  readonly rows: ReadonlyMap<string, FleetRow>;
  /** Failed first, then those in progress, then the rest; by name inside each group. */
  readonly sorted: readonly FleetRow[];
}

export const emptyFleetTable: FleetTableState = { rows: new Map(), sorted: [] };

/** States a row is busy in: the engine (or `import --remove`) is working on it now. */
const IN_PROGRESS: ReadonlySet<FleetState> = new Set([
  'checking',
  'creating',
  'registering',
  'applying',
  'connecting',
  'removing',
]);

export function isInProgress(state: FleetState): boolean {
  return IN_PROGRESS.has(state);
}

/** 0 failed, 1 in progress, 2 the rest (queued, waiting for the site, active, removed). */
export function fleetGroup(row: FleetRow): number {
  if (row.state === 'failed') return 0;
  return IN_PROGRESS.has(row.state) ? 1 : 2;
}

/**
 * Group, then name: inside a group rows keep a fixed place, so a row that changes step does
 * not jump, and the eye finds a cluster where it was. Names are unique (the engine's key).
 */
export function compareFleetRows(a: FleetRow, b: FleetRow): number {
  return fleetGroup(a) - fleetGroup(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

export function sortFleetRows(rows: Iterable<FleetRow>): FleetRow[] {
  return [...rows].sort(compareFleetRows);
}

/**
 * Applies a batch of fleet events in their order. `fleet-rows` replaces every row (a start
 * or resume says the whole fleet); `fleet-row` replaces or adds one. One new Map and one sort
 * per batch, however many events it holds; an empty batch changes nothing.
 */
export function fleetTableReducer(
  state: FleetTableState,
  events: readonly FleetEvent[],
): FleetTableState {
  if (events.length === 0) return state;
  let rows = new Map(state.rows);
  for (const event of events) {
    if (event.type === 'fleet-rows') rows = new Map(event.rows.map((row) => [row.name, row]));
    else rows.set(event.row.name, event.row);
  }
  return { rows, sorted: sortFleetRows(rows.values()) };
}

/** The header's figures: every state's count, and the in-progress states summed. */
export interface FleetHeaderCounts {
  total: number;
  active: number;
  failed: number;
  inProgress: number;
  /** Offline rows whose bundle is written: waiting for someone at the site to apply it. */
  bundled: number;
  queued: number;
  removed: number;
}

export function headerCounts(rows: Iterable<FleetRow>): FleetHeaderCounts {
  return headerCountsOf(fleetCounts(rows));
}

export function headerCountsOf(counts: FleetCounts): FleetHeaderCounts {
  let inProgress = 0;
  for (const state of IN_PROGRESS) inProgress += counts[state];
  return {
    total: counts.total,
    active: counts.active,
    failed: counts.failed,
    inProgress,
    bundled: counts.bundled,
    queued: counts.queued,
    removed: counts.removed,
  };
}

/** The rows from `from` (inclusive) to `to` (exclusive) of the sorted table: all that renders. */
export function fleetWindow(state: FleetTableState, from: number, to: number): FleetRow[] {
  return state.sorted.slice(Math.max(0, from), Math.max(0, to));
}

/** The failed rows, by name: what the closing block lists with reason and fix. */
export function failedRows(state: FleetTableState): FleetRow[] {
  return state.sorted.filter((row) => row.state === 'failed');
}

/** What stays printed once the import's stage is over: the figures and every failure. */
export interface FleetClosing {
  counts: FleetHeaderCounts;
  failed: FleetRow[];
}

export function fleetClosing(state: FleetTableState): FleetClosing {
  return { counts: headerCounts(state.rows.values()), failed: failedRows(state) };
}
