import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../source/engine/contract.js';
import type { FleetEvent } from '../../../source/ui/fleet/fleet-table-state.js';
import { initialRunState, runReducer } from '../../../source/ui/run/run-state.js';
import { T0, churn, importOutline, importRunning, mixedFleet } from './fleet-fixtures.js';

describe('the run state keeps the fleet', () => {
  it('events one by one and the same events batched end in the same rows', () => {
    const { events } = churn(50, 300, 3);
    const start = importRunning([]);
    const oneByOne = events.reduce(
      (s, event) => runReducer(s, { type: 'event', event, at: T0 }),
      start,
    );
    const batched = runReducer(start, { type: 'fleet', events: events as FleetEvent[] });
    expect(batched.fleet.sorted).toEqual(oneByOne.fleet.sorted);
    expect([...batched.fleet.rows]).toEqual([...oneByOne.fleet.rows]);
  });

  it('a retry (run-started again) keeps the rows until the engine says them again', () => {
    const state = importRunning(mixedFleet(10));
    const retried = runReducer(state, {
      type: 'event',
      at: T0,
      event: {
        type: 'run-started',
        sessionId: 's-fleet',
        plan: 'install',
        outline: importOutline,
        resumed: true,
      },
    });
    expect(retried.fleet).toBe(state.fleet);
  });

  it('the import stage ends with its counts and failures on its row; the checks before it carry none', () => {
    let state = importRunning(mixedFleet(14));
    expect(state.finished.find((s) => s.id === 'import-check')!.fleet).toBeUndefined();
    const done: RunEvent = {
      type: 'stage-done',
      stage: 'import-clusters',
      title: 'Import clusters',
      durationMs: 1,
    };
    state = runReducer(state, { type: 'event', event: done, at: T0 });
    const closing = state.finished.find((s) => s.id === 'import-clusters')!.fleet!;
    expect(closing.counts.total).toBe(14);
    expect(closing.failed.map((r) => r.name)).toEqual(['edge-007', 'edge-014']);
  });

  it('`import --check` alone: the checks are the last stage with the table, and close it', () => {
    const outline = { stages: [importOutline.stages[0]!] };
    const events: RunEvent[] = [
      { type: 'run-started', sessionId: 's-check', plan: 'install', outline, resumed: false },
      { type: 'stage-started', stage: 'import-check', title: 'Import preflight' },
      { type: 'fleet-rows', rows: mixedFleet(7) },
      { type: 'stage-done', stage: 'import-check', title: 'Import preflight', durationMs: 1 },
    ];
    const state = events.reduce(
      (s, event) => runReducer(s, { type: 'event', event, at: T0 }),
      initialRunState(outline),
    );
    expect(state.finished[0]!.fleet!.failed.map((r) => r.name)).toEqual(['edge-007']);
  });
});
