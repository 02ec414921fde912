import { describe, expect, it } from 'vitest';
import { fail, pass, warn, type CheckResult } from '../../../source/checks/check.js';
import { preflightReport } from '../../../source/checks/preflight-report.js';
import { dashboardLines, type Line } from '../../../source/ui/status/dashboard-lines.js';
import { clockTime } from '../../../source/ui/run/format-time.js';
import {
  initialWatchState,
  watchReducer,
  type WatchState,
} from '../../../source/ui/status/watch-state.js';

const t0 = new Date('2026-12-01T10:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const hhmmss = (date: Date) => clockTime(date.toISOString());

function ran(state: WatchState, seconds: number, checks: CheckResult[]): WatchState {
  const started = watchReducer(state, { type: 'started', at: at(seconds - 2) });
  return watchReducer(started, {
    type: 'finished',
    at: at(seconds),
    report: preflightReport(checks),
  });
}

const healthy = [
  pass('pks.cluster', 'czpksrancher05: CREATE succeeded'),
  pass('rancher.pods', '3/3 Rancher pods ready, no restarts'),
  pass('dns.rancher', 'rancher.example.com → 10.50.0.79'),
];
const podDown = [
  healthy[0]!,
  fail('rancher.pods', '2/3 Rancher pods ready: rancher-abc CrashLoopBackOff', 'read the logs'),
  healthy[2]!,
];

const text = (line: Line) => line.map((p) => p.text).join('');

describe('the status --watch state', () => {
  it('records no change on the first run, and each check since then', () => {
    const first = ran(initialWatchState, 0, healthy);
    expect(first.runs).toBe(1);
    expect(first.changes).toEqual([]);
    expect(first.firstCheckedAt).toEqual(at(0));
    expect(first.durationMs).toBe(2000);
    expect(first.rows.every((r) => r.since.getTime() === at(0).getTime() && !r.was)).toBe(true);
  });

  it('records a flip with its time, and keeps saying what the check was until it changes again', () => {
    const second = ran(ran(initialWatchState, 0, healthy), 15, podDown);
    expect(second.changes).toEqual([
      { at: at(15), id: 'rancher.pods', from: 'pass', to: 'fail', message: podDown[1]!.message },
    ]);
    const row = second.rows.find((r) => r.check.id === 'rancher.pods')!;
    expect(row).toMatchObject({ since: at(15), was: 'pass' });
    const third = ran(second, 30, podDown);
    expect(third.rows.find((r) => r.check.id === 'rancher.pods')).toMatchObject({
      since: at(15),
      was: 'pass',
    });
    expect(third.changes).toHaveLength(1);
    const back = ran(third, 45, healthy);
    expect(back.changes.map((c) => `${c.from}→${c.to}`)).toEqual(['fail→pass', 'pass→fail']);
  });

  it('keeps the last rows when a run fails as a whole, and says why', () => {
    const first = ran(initialWatchState, 0, healthy);
    const failed = watchReducer(watchReducer(first, { type: 'started', at: at(15) }), {
      type: 'failed',
      at: at(16),
      error: 'spawn pks ENOENT',
    });
    expect(failed.rows).toEqual(first.rows);
    expect(failed.error).toBe('spawn pks ENOENT');
    expect(failed.checking).toBe(false);
    expect(ran(failed, 30, healthy).error).toBeUndefined();
  });
});

describe('the dashboard lines', () => {
  const options = {
    title: 'session s1: cluster c1, https://rancher.example.com',
    intervalMs: 15_000,
    columns: 100,
    rows: 30,
    now: at(20),
    nextAt: at(30),
  };

  it('shows the change on its row and in the changes, with its time', () => {
    const state = ran(ran(initialWatchState, 0, healthy), 15, podDown);
    const lines = dashboardLines(state, options).map(text);
    const row = lines.find((l) => l.includes('rancher.pods') && l.startsWith('✗'))!;
    expect(row).toContain(`changed ${hhmmss(at(15))}, was ✓ pass`);
    expect(lines).toContain('    → read the logs');
    const changes = lines.slice(lines.indexOf('Changes'));
    expect(changes[1]).toMatch(
      new RegExp(
        `^${hhmmss(at(15))}\\s+rancher\\.pods\\s+✓ pass → ✗ fail\\s+2/3 Rancher pods ready`,
      ),
    );
    expect(lines[1]).toContain(`checked ${hhmmss(at(15))} in 2.0 s · every 15 s, next in 10 s`);
    expect(lines[1]).toContain('1 fail · 2 pass');
  });

  it('fits the terminal: passing checks fold into one line before any remedy goes', () => {
    const many = [
      ...Array.from({ length: 22 }, (_, i) => pass(`check.${i}`, `fine ${i}`)),
      warn('tls.expiry', 'expires in 20 days', 'renew it soon'),
      fail('dns.rancher', 'points elsewhere', 'change the record'),
    ];
    const state = ran(initialWatchState, 0, many);
    const lines = dashboardLines(state, { ...options, rows: 20 });
    expect(lines.length).toBeLessThanOrEqual(19);
    const all = lines.map(text);
    expect(all).toContain('    → renew it soon');
    expect(all).toContain('    → change the record');
    const folded = all.find((l) => /^✓ \d+ more pass: check\.\d+/.test(l))!;
    const shownPassing = all.filter((l) => l.startsWith('✓ check.')).length;
    expect(shownPassing).toBeGreaterThan(0);
    expect(Number(/^✓ (\d+) more/.exec(folded)![1]) + shownPassing).toBe(22);
    const roomy = dashboardLines(state, { ...options, rows: 60 }).map(text);
    expect(roomy.filter((l) => l.startsWith('✓ check.'))).toHaveLength(22);
  });

  it('never draws a line wider than the terminal', () => {
    const long = [fail('rancher.pods', 'x'.repeat(300), 'y'.repeat(300))];
    const state = ran(ran(initialWatchState, 0, [pass('rancher.pods', 'ok')]), 15, long);
    for (const line of dashboardLines(state, { ...options, columns: 80 }))
      expect(text(line).length).toBeLessThanOrEqual(80);
  });
});
