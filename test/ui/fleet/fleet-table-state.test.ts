import { describe, expect, it } from 'vitest';
import { fleetCounts, type FleetRow } from '../../../source/engine/fleet/fleet-row.js';
import {
  compareFleetRows,
  emptyFleetTable,
  failedRows,
  fleetClosing,
  fleetTableReducer,
  fleetWindow,
  headerCounts,
  sortFleetRows,
} from '../../../source/ui/fleet/fleet-table-state.js';
import { scrollByKey, viewport } from '../../../source/ui/scroll/viewport.js';
import { namedKey } from '../../../source/ui/input/key-event.js';
import { churn, mixedFleet, nameOf, randomState, row, seeded } from './fleet-fixtures.js';

const names = (rows: readonly FleetRow[]) => rows.map((r) => r.name);

describe('fleetTableReducer', () => {
  it('fleet-rows replaces every row; fleet-row replaces one or adds it', () => {
    let state = fleetTableReducer(emptyFleetTable, [
      { type: 'fleet-rows', rows: [row(1, 'queued'), row(2, 'queued')] },
    ]);
    expect(state.rows.size).toBe(2);
    state = fleetTableReducer(state, [
      { type: 'fleet-row', row: row(2, 'creating') },
      { type: 'fleet-row', row: row(3, 'queued') },
    ]);
    expect(state.rows.get(nameOf(2))!.state).toBe('creating');
    expect(names(state.sorted)).toEqual([nameOf(2), nameOf(1), nameOf(3)]);
    // A resume says the whole fleet again: rows it does not name are gone.
    state = fleetTableReducer(state, [{ type: 'fleet-rows', rows: [row(3, 'active')] }]);
    expect(names(state.sorted)).toEqual([nameOf(3)]);
  });

  it('applies a batch in order: the last change of a row wins', () => {
    const state = fleetTableReducer(emptyFleetTable, [
      { type: 'fleet-row', row: row(1, 'creating') },
      { type: 'fleet-row', row: row(1, 'failed') },
      { type: 'fleet-row', row: row(1, 'applying') },
    ]);
    expect(state.rows.get(nameOf(1))!.state).toBe('applying');
    expect(state.sorted).toHaveLength(1);
  });

  it('is pure: the state it was given is left as it was; an empty batch is no change', () => {
    const before = fleetTableReducer(emptyFleetTable, [
      { type: 'fleet-rows', rows: mixedFleet(10) },
    ]);
    const sortedBefore = [...before.sorted];
    const after = fleetTableReducer(before, [{ type: 'fleet-row', row: row(1, 'failed') }]);
    expect(after).not.toBe(before);
    expect(before.sorted).toEqual(sortedBefore);
    expect(before.rows.get(nameOf(1))!.state).toBe('active');
    expect(fleetTableReducer(before, [])).toBe(before);
  });
});

describe('the order rows show in', () => {
  it('failed first, then in progress, then the rest; by name inside each group', () => {
    const rows = [
      row(5, 'queued'),
      row(4, 'active'),
      row(9, 'failed'),
      row(3, 'connecting'),
      row(1, 'bundled'),
      row(2, 'failed'),
      row(8, 'checking'),
      row(7, 'removing'),
    ];
    expect(sortFleetRows(rows).map((r) => `${r.name} ${r.state}`)).toEqual([
      'edge-002 failed',
      'edge-009 failed',
      'edge-003 connecting',
      'edge-007 removing',
      'edge-008 checking',
      'edge-001 bundled',
      'edge-004 active',
      'edge-005 queued',
    ]);
  });

  it('a row keeps its place in its group as its step changes', () => {
    const rows = [row(1, 'applying'), row(2, 'applying'), row(3, 'applying')];
    const moved = [
      row(1, 'applying'),
      row(2, 'connecting', { step: 'waiting for the agent' }),
      row(3, 'applying'),
    ];
    expect(names(sortFleetRows(rows))).toEqual(names(sortFleetRows(moved)));
    expect(compareFleetRows(row(1, 'active'), row(1, 'active'))).toBe(0);
  });
});

describe('the counts at the top', () => {
  it('sums the busy states; waiting for the site and queued apart', () => {
    const counts = headerCounts(mixedFleet(70));
    expect(counts).toEqual({
      total: 70,
      active: 10,
      failed: 10,
      inProgress: 20,
      bundled: 10,
      queued: 20,
      removed: 0,
    });
  });

  it('every row is counted once, whatever its state', () => {
    const random = seeded(7);
    const rows = Array.from({ length: 200 }, (_, i) => row(i, randomState(random)));
    const c = headerCounts(rows);
    const all = fleetCounts(rows);
    expect(c.active + c.failed + c.inProgress + c.bundled + c.queued + c.removed).toBe(200);
    expect(c.inProgress).toBe(
      all.checking + all.creating + all.registering + all.applying + all.connecting,
    );
  });
});

describe('the window', () => {
  const state = fleetTableReducer(emptyFleetTable, [{ type: 'fleet-rows', rows: mixedFleet(100) }]);

  it('is the rows from–to of the sorted table, nothing else', () => {
    const { from, to } = viewport({ top: 20, follow: false }, 100, 18);
    const shown = fleetWindow(state, from, to);
    expect(shown).toHaveLength(18);
    expect(shown).toEqual(state.sorted.slice(20, 38));
    expect(fleetWindow(state, 95, 120)).toHaveLength(5);
  });

  it('moves a row, a page, to the ends with the scroll keys', () => {
    const at = (top: number, key: string) =>
      scrollByKey({ top, follow: false }, namedKey(key), 100, 18, false)!.top;
    expect(at(0, 'down')).toBe(1);
    expect(at(0, 'up')).toBe(0);
    expect(at(0, 'pagedown')).toBe(17);
    expect(at(40, 'pageup')).toBe(23);
    expect(at(0, 'end')).toBe(82);
    expect(at(82, 'down')).toBe(82);
    expect(at(50, 'home')).toBe(0);
  });
});

describe('what stays printed', () => {
  it('the counts and every failed row, with its reason and fix', () => {
    const state = fleetTableReducer(emptyFleetTable, [
      { type: 'fleet-rows', rows: mixedFleet(21) },
    ]);
    const closing = fleetClosing(state);
    expect(closing.counts.failed).toBe(3);
    expect(names(closing.failed)).toEqual(names(failedRows(state)));
    expect(closing.failed.every((r) => r.lastError && r.fix)).toBe(true);
  });
});

describe('500 rows under churn', () => {
  it('2 000 random changes in batches of any size end as the last change of each row says', () => {
    const { events, truth } = churn(500, 2000, 15);
    const random = seeded(99);
    let state = emptyFleetTable;
    for (let at = 0; at < events.length;) {
      const size = 1 + Math.floor(random() * 40);
      state = fleetTableReducer(state, events.slice(at, at + size));
      at += size;
    }
    expect(state.rows.size).toBe(500);
    for (const [name, r] of truth) expect(state.rows.get(name)).toBe(r);
    expect(names(state.sorted)).toEqual(names(sortFleetRows(truth.values())));
    expect(headerCounts(state.rows.values())).toEqual(headerCounts(truth.values()));
    // Failures first, then the busy rows, then the rest: the groups never interleave.
    const groups = state.sorted.map((r) =>
      r.state === 'failed'
        ? 0
        : ['checking', 'creating', 'registering', 'applying', 'connecting'].includes(r.state)
          ? 1
          : 2,
    );
    expect(groups).toEqual([...groups].sort());
  });
});
