/**
 * One cluster of a fleet import, as the engine tracks it and the screens show it. The engine
 * owns the state machine (engine/fleet/); the live table and the line reporter only read rows.
 *
 * Push mode:    queued → checking → creating → registering → applying → connecting → active
 * Offline mode: queued → creating → registering → bundled → (the site applies it) → active
 * Any step can end in `failed` (with the reason and the fix); `removed` is `import --remove`.
 */
export const FLEET_STATES = [
  'queued',
  'checking',
  'creating',
  'registering',
  'applying',
  'connecting',
  'bundled',
  'active',
  'failed',
  'removing',
  'removed',
] as const;
export type FleetState = (typeof FLEET_STATES)[number];

/** States a row does not leave by itself (`bundled` waits on a person at the site). */
export const SETTLED_FLEET_STATES: readonly FleetState[] = ['active', 'failed', 'removed'];

export type FleetMode = 'push' | 'offline';

export interface FleetRow {
  /** The cluster's name in Rancher (unique in the inventory). */
  name: string;
  mode: FleetMode;
  /** The inventory's `site` label, shown as its own column. */
  site?: string;
  state: FleetState;
  /** What it is doing now, in a few words ("waiting for the agent", "retry 2 in 4s"). */
  step: string;
  /** Rancher's cluster ID (`c-xxxxx`) once created. */
  clusterId?: string;
  /** Epoch ms. */
  startedAt?: number;
  finishedAt?: number;
  /** The last error, one line; stays after a successful retry until the row settles. */
  lastError?: string;
  /** For a failed row: what the user does about it. */
  fix?: string;
  attempts: number;
}

/** Counts for the table's header and the closing summary. */
export type FleetCounts = Record<FleetState, number> & { total: number };

export function fleetCounts(rows: Iterable<FleetRow>): FleetCounts {
  const counts = Object.fromEntries(FLEET_STATES.map((s) => [s, 0])) as FleetCounts;
  counts.total = 0;
  for (const row of rows) {
    counts[row.state] += 1;
    counts.total += 1;
  }
  return counts;
}
