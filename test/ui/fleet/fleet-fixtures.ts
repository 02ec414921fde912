import type { PlanOutline, RunEvent } from '../../../source/engine/contract.js';
import {
  FLEET_STATES,
  type FleetRow,
  type FleetState,
} from '../../../source/engine/fleet/fleet-row.js';
import type { FleetEvent } from '../../../source/ui/fleet/fleet-table-state.js';
import { initialRunState, runReducer, type RunState } from '../../../source/ui/run/run-state.js';

/** An import's outline, shaped like the engine's (its stage ids are the contract's). */
export const importOutline: PlanOutline = {
  stages: [
    {
      id: 'import-check',
      title: 'Import preflight',
      steps: [{ id: 'import.rancher', title: 'Rancher healthy' }],
    },
    {
      id: 'import-clusters',
      title: 'Import clusters',
      steps: [{ id: 'import.fleet', title: 'Register the clusters' }],
    },
  ],
};

export const T0 = Date.UTC(2026, 11, 1, 12, 0, 0);

/** `edge-001` …: names that sort as they number. */
export const nameOf = (i: number) => `edge-${String(i).padStart(3, '0')}`;

/** A row in `state`, started `ago` ms before T0 (queued rows have not started). */
export function row(i: number, state: FleetState, extra: Partial<FleetRow> = {}): FleetRow {
  return {
    name: nameOf(i),
    mode: state === 'bundled' ? 'offline' : 'push',
    site: `store-${String(i).padStart(3, '0')}`,
    state,
    step: state === 'queued' ? '' : state === 'failed' ? 'applying the manifest' : `${state}…`,
    attempts: state === 'queued' ? 0 : 1,
    ...(state === 'queued' ? {} : { startedAt: T0 - 5000 - i * 1000 }),
    ...(state === 'active' || state === 'failed' ? { finishedAt: T0 - 1000 } : {}),
    ...(state === 'failed'
      ? {
          lastError: `DNS: the agent cannot resolve rancher.lab.test from ${nameOf(i)} (curl exit 6)`,
          fix: `add rancher.lab.test to the DNS servers ${nameOf(i)} uses, then run resume`,
        }
      : {}),
    ...extra,
  };
}

/** A mixed fleet of `n`: every seventh failed, some busy, some bundled, many queued or active. */
export function mixedFleet(n: number): FleetRow[] {
  const cycle: FleetState[] = [
    'active',
    'queued',
    'applying',
    'queued',
    'bundled',
    'connecting',
    'failed',
  ];
  return Array.from({ length: n }, (_, i) => row(i + 1, cycle[i % cycle.length]!));
}

/** A random state (no `removed`/`removing`: an import does not make them). */
export function randomState(random: () => number): FleetState {
  const states = FLEET_STATES.filter((s) => s !== 'removed' && s !== 'removing');
  return states[Math.floor(random() * states.length)]!;
}

/** A seeded PRNG (mulberry32): the same churn on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The run screen in the import's stage with these rows, the clock at T0. */
export function importRunning(rows: FleetRow[]): RunState {
  const events: RunEvent[] = [
    {
      type: 'run-started',
      sessionId: 's-fleet',
      plan: 'install',
      outline: importOutline,
      resumed: false,
    },
    { type: 'stage-started', stage: 'import-check', title: 'Import preflight' },
    {
      type: 'step-started',
      stage: 'import-check',
      step: 'import.rancher',
      title: 'Rancher healthy',
    },
    {
      type: 'step-done',
      stage: 'import-check',
      step: 'import.rancher',
      title: 'Rancher healthy',
      durationMs: 800,
    },
    { type: 'stage-done', stage: 'import-check', title: 'Import preflight', durationMs: 900 },
    { type: 'stage-started', stage: 'import-clusters', title: 'Import clusters' },
    {
      type: 'step-started',
      stage: 'import-clusters',
      step: 'import.fleet',
      title: 'Register the clusters',
    },
    { type: 'fleet-rows', rows },
  ];
  const state = events.reduce(
    (s, event, i) => runReducer(s, { type: 'event', event, at: T0 - 60_000 + i * 1000 }),
    initialRunState(importOutline),
  );
  return runReducer(state, { type: 'tick', now: T0 });
}

/** For the churn test: events over a random fleet, and the truth they should lead to. */
export function churn(n: number, changes: number, seed: number) {
  const random = seeded(seed);
  const truth = new Map<string, FleetRow>();
  const first = Array.from({ length: n }, (_, i) => row(i + 1, 'queued'));
  for (const r of first) truth.set(r.name, r);
  const events: FleetEvent[] = [{ type: 'fleet-rows', rows: first }];
  for (let c = 0; c < changes; c++) {
    const i = 1 + Math.floor(random() * n);
    const next = row(i, randomState(random), { attempts: c });
    truth.set(next.name, next);
    events.push({ type: 'fleet-row', row: next });
  }
  return { events, truth };
}
