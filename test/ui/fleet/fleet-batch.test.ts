import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fleetBatcher } from '../../../source/ui/fleet/fleet-batch.js';
import type { FleetEvent } from '../../../source/ui/fleet/fleet-table-state.js';
import { row } from './fleet-fixtures.js';

const change = (i: number): FleetEvent => ({ type: 'fleet-row', row: row(i, 'applying') });

describe('fleetBatcher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('the first change goes at once; the next ones wait for the interval, then go together', () => {
    const batches: FleetEvent[][] = [];
    const batcher = fleetBatcher(
      (events) => batches.push(events),
      66,
      () => Date.now(),
    );
    batcher.push(change(1));
    expect(batches).toEqual([[change(1)]]);
    for (let i = 2; i <= 50; i++) batcher.push(change(i));
    expect(batches).toHaveLength(1);
    vi.advanceTimersByTime(66);
    expect(batches).toHaveLength(2);
    expect(batches[1]).toHaveLength(49);
    expect(batches.flat()).toEqual(Array.from({ length: 50 }, (_, i) => change(i + 1)));
  });

  it('at most one batch per interval however fast changes come; the last is never lost', () => {
    const sent: number[] = [];
    let count = 0;
    const batcher = fleetBatcher(
      (events) => {
        sent.push(Date.now());
        count += events.length;
      },
      66,
      () => Date.now(),
    );
    for (let ms = 0; ms < 2000; ms++) {
      batcher.push(change(ms % 500));
      vi.advanceTimersByTime(1);
    }
    vi.advanceTimersByTime(100);
    expect(count).toBe(2000);
    const gaps = sent.slice(1).map((t, i) => t - sent[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(66);
  });

  it('flush sends what waits now (another event is about to go); cancel drops it', () => {
    const batches: FleetEvent[][] = [];
    const batcher = fleetBatcher(
      (events) => batches.push(events),
      66,
      () => Date.now(),
    );
    batcher.push(change(1));
    batcher.push(change(2));
    batcher.flush();
    expect(batches).toEqual([[change(1)], [change(2)]]);
    batcher.push(change(3));
    batcher.cancel();
    vi.advanceTimersByTime(200);
    expect(batches).toHaveLength(2);
  });
});
