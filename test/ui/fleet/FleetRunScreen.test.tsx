import { stripVTControlCharacters } from 'node:util';
import { useEffect } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../source/engine/contract.js';
import type { FleetRow } from '../../../source/engine/fleet/fleet-row.js';
import { headerCounts, sortFleetRows } from '../../../source/ui/fleet/fleet-table-state.js';
import { RunScreen } from '../../../source/ui/run/RunScreen.js';
import { runReducer, type RunState } from '../../../source/ui/run/run-state.js';
import { useRunState } from '../../../source/ui/run/use-run-state.js';
import { press } from '../wizard/wizard-fixtures.js';
import { renderSizedApp, type SizedApp } from '../run/render-sized.js';
import { T0, churn, importOutline, importRunning, mixedFleet, row } from './fleet-fixtures.js';

const keys = {
  down: '\u001B[B',
  up: '\u001B[A',
  pageDown: '\u001B[6~',
  home: '\u001B[H',
  end: '\u001B[F',
};

let app: SizedApp | undefined;
afterEach(() => {
  app?.unmount();
  app = undefined;
});

function show(state: RunState, columns: number, rows: number) {
  app = renderSizedApp(
    <RunScreen
      state={state}
      columns={columns}
      rows={rows}
      transcriptPath="/tmp/t.log"
      onRetry={() => {}}
      onQuit={() => {}}
    />,
    columns,
    rows,
  );
  return app;
}

const text = (a: SizedApp) => stripVTControlCharacters(a.lastFrame()).replace(/\n$/, '');

/** The live area: from the header down (debug frames repeat the finished stages above it). */
function liveArea(frame: string): string[] {
  const lines = frame.split('\n');
  return lines.slice(lines.findIndex((l) => l.startsWith('Rancher HA on Enterprise PKS')));
}

/** The table's rows on screen: the names under the header, in order. */
function shownNames(frame: string): string[] {
  const lines = liveArea(frame);
  const header = lines.findIndex((l) => /^NAME\s+/.test(l));
  expect(header, frame).toBeGreaterThan(0);
  const names: string[] = [];
  for (const line of lines.slice(header + 1)) {
    const name = /^(edge-\d{3})\s/.exec(line)?.[1];
    if (!name) break;
    names.push(name);
  }
  return names;
}

const countsLine = (frame: string) =>
  liveArea(frame).find((l) => /^\d+ clusters|^✓ \d+ active/.test(l))!;

for (const [columns, rows] of [
  [80, 24],
  [120, 40],
] as const) {
  describe(`the import table at ${columns}×${rows}`, () => {
    const fleet = mixedFleet(500);
    const sorted = sortFleetRows(fleet);

    it('fits: no line wider than the terminal, the live area shorter than it', () => {
      const frame = text(show(importRunning(fleet), columns, rows));
      for (const line of frame.split('\n')) expect(line.length, line).toBeLessThanOrEqual(columns);
      expect(liveArea(frame).length).toBeLessThan(rows);
      expect(liveArea(frame).at(-1)).toMatch(
        /^↑↓ scroll clusters · l log · Ctrl-C stop · \? help$/,
      );
    });

    it('counts at the top say each figure right, and where the window is', () => {
      const frame = text(show(importRunning(fleet), columns, rows));
      const c = headerCounts(fleet);
      const line = countsLine(frame);
      expect(line).toContain(`✓ ${c.active} active`);
      expect(line).toContain(`✗ ${c.failed} failed`);
      expect(line).toContain(`▸ ${c.inProgress} `);
      expect(line).toContain(`◷ ${c.bundled} `);
      expect(line).toContain(`· ${c.queued} queued`);
      expect(line).toMatch(/1–\d+ of 500$/);
    });

    it('failures first, with their error; then the clusters at work', () => {
      const few = [
        row(1, 'active'),
        row(2, 'applying'),
        row(3, 'failed'),
        row(4, 'queued'),
        row(5, 'connecting'),
      ];
      const frame = text(show(importRunning(few), columns, rows));
      expect(shownNames(frame)).toEqual([
        'edge-003',
        'edge-002',
        'edge-005',
        'edge-001',
        'edge-004',
      ]);
      const failed = liveArea(frame).find((l) => l.startsWith('edge-003'))!;
      expect(failed).toMatch(/failed\s+applying[^ ]* .*\d+s\s+DNS: the agent/);
      // All rows fit: nothing to scroll, no place shown.
      expect(countsLine(frame)).not.toMatch(/ of 5$/);
      expect(frame).not.toContain('scroll clusters');
    });

    it('↓ PgDn End Home move the window over the sorted rows', async () => {
      const a = show(importRunning(fleet), columns, rows);
      const first = shownNames(text(a));
      const height = first.length;
      expect(first).toEqual(sorted.slice(0, height).map((r) => r.name));
      await press(a, keys.down);
      expect(shownNames(text(a))).toEqual(sorted.slice(1, 1 + height).map((r) => r.name));
      await press(a, keys.pageDown);
      const page = 1 + height - 1;
      expect(shownNames(text(a))[0]).toBe(sorted[page]!.name);
      expect(countsLine(text(a))).toContain(`${page + 1}–${page + height} of 500`);
      await press(a, keys.end);
      expect(shownNames(text(a)).at(-1)).toBe(sorted.at(-1)!.name);
      expect(countsLine(text(a))).toMatch(new RegExp(`${500 - height + 1}–500 of 500$`));
      await press(a, keys.up);
      expect(shownNames(text(a)).at(-1)).toBe(sorted.at(-2)!.name);
      await press(a, keys.home);
      expect(shownNames(text(a))).toEqual(first);
    });
  });
}

describe('the end of the import stage', () => {
  it('the table goes; the counts and every failure with its reason and fix stay printed', () => {
    const fleet = mixedFleet(30);
    let state = importRunning(fleet);
    const done: RunEvent[] = [
      {
        type: 'step-done',
        stage: 'import-clusters',
        step: 'import.fleet',
        title: 'Register the clusters',
        durationMs: 5000,
      },
      { type: 'stage-done', stage: 'import-clusters', title: 'Import clusters', durationMs: 6000 },
      { type: 'run-finished', status: 'done', durationMs: 70_000 },
    ];
    for (const event of done) state = runReducer(state, { type: 'event', event, at: T0 + 1000 });
    const frame = text(show(state, 80, 24));
    expect(frame).not.toMatch(/^NAME\s+SITE/m);
    const flat = frame.replace(/\s+/g, ' ');
    expect(flat).toContain('30 clusters ✓ 5 active ✗ 4 failed');
    for (const r of fleet.filter((f) => f.state === 'failed')) {
      expect(flat).toContain(`✗ ${r.name}`);
      expect(flat).toContain(r.lastError);
      expect(flat).toContain(`fix: ${r.fix}`);
    }
    for (const line of frame.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
  });

  it('a failed import keeps the table, failures first, beside the error box', () => {
    let state = importRunning(mixedFleet(500));
    state = runReducer(state, {
      type: 'event',
      at: T0,
      event: {
        type: 'step-failed',
        stage: 'import-clusters',
        step: 'import.fleet',
        title: 'Register the clusters',
        error: '71 clusters failed',
        remedy: 'see each cluster’s fix, then resume',
      },
    });
    state = runReducer(state, {
      type: 'event',
      at: T0,
      event: { type: 'run-finished', status: 'failed', durationMs: 60_000 },
    });
    const frame = text(show(state, 80, 24));
    expect(liveArea(frame).length).toBeLessThan(24);
    for (const line of frame.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    const names = shownNames(frame);
    expect(names.length).toBeGreaterThanOrEqual(3);
    const failed = new Set(
      mixedFleet(500)
        .filter((r) => r.state === 'failed')
        .map((r) => r.name),
    );
    expect(names.every((n) => failed.has(n))).toBe(true);
    expect(frame).toContain('71 clusters failed');
  });
});

/** The run screen fed through useRunState, as the CLI feeds it: events batched at 15/s. */
function Live({ events, columns, rows }: { events: RunEvent[]; columns: number; rows: number }) {
  const { state, onEvent } = useRunState(importOutline);
  useEffect(() => {
    for (const event of events) onEvent(event);
  }, [events, onEvent]);
  return (
    <RunScreen
      state={state}
      columns={columns}
      rows={rows}
      transcriptPath="/tmp/t.log"
      onRetry={() => {}}
      onQuit={() => {}}
    />
  );
}

async function until(done: () => boolean, what: string, frame: () => string) {
  const deadline = Date.now() + 10_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`${what}; frame:\n${frame()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('500 rows under churn through the run screen', () => {
  it('2 000 changes: the table ends as the last change of each row says; the screen still fits', async () => {
    const { events: fleetEvents, truth } = churn(500, 2000, 2026);
    const events: RunEvent[] = [
      {
        type: 'run-started',
        sessionId: 's-churn',
        plan: 'install',
        outline: importOutline,
        resumed: false,
      },
      { type: 'stage-started', stage: 'import-clusters', title: 'Import clusters' },
      {
        type: 'step-started',
        stage: 'import-clusters',
        step: 'import.fleet',
        title: 'Register the clusters',
      },
      ...fleetEvents,
    ];
    const a = (app = renderSizedApp(<Live events={events} columns={80} rows={24} />, 80, 24));
    const c = headerCounts(truth.values() as Iterable<FleetRow>);
    const want = `✓ ${c.active} active  ✗ ${c.failed} failed`;
    await until(
      () => text(a).includes(want),
      `counts ${want}`,
      () => text(a),
    );
    const frame = text(a);
    expect(countsLine(frame)).toContain(`· ${c.queued} queued`);
    const sorted = sortFleetRows(truth.values());
    const names = shownNames(frame);
    expect(names).toEqual(sorted.slice(0, names.length).map((r) => r.name));
    expect(liveArea(frame).length).toBeLessThan(24);
    for (const line of frame.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    // Batched: far fewer frames than events (one per batch, not one per change).
    expect(a.frames.length).toBeLessThan(fleetEvents.length / 10);
  });
});
