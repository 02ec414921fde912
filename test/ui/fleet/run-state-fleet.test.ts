import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../source/engine/contract.js';
import type { FleetEvent } from '../../../source/ui/fleet/fleet-table-state.js';
import { runReducer } from '../../../source/ui/run/run-state.js';
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

  it('the import stage ends with its counts and failures on its row; other stages carry none', () => {
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
});
