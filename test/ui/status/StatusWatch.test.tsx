import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fail, pass, type CheckResult } from '../../../source/checks/check.js';
import { preflightReport, type PreflightReport } from '../../../source/checks/preflight-report.js';
import { clockTime } from '../../../source/ui/run/format-time.js';
import { StatusWatch } from '../../../source/ui/status/StatusWatch.js';
import { flat, send, waitForText } from '../wizard/wizard-fixtures.js';

// The dashboard as a terminal shows it: runs come one after another, a check flips, and
// the frame says which, to what, and when.

const healthy: CheckResult[] = [
  pass('pks.cluster', 'czpksrancher05: CREATE succeeded'),
  pass('rancher.pods', '3/3 Rancher pods ready, no restarts'),
  pass('https.ping', 'GET https://rancher.example.com/ping → 200 pong'),
];
const podDown: CheckResult[] = [
  healthy[0]!,
  fail(
    'rancher.pods',
    '2/3 Rancher pods ready: rancher-abc on w1: CrashLoopBackOff, 4 restarts, last OOMKilled (exit 137)',
    'read `kubectl -n cattle-system logs rancher-abc --previous`',
  ),
  healthy[2]!,
];

const t0 = new Date('2026-12-01T10:00:00Z');
const hhmmss = (date: Date) => clockTime(date.toISOString());

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

/** A dashboard whose runs return `reports` in turn (the last one again after that). */
function dashboard(reports: PreflightReport[], intervalMs: number) {
  let clock = t0;
  let runs = 0;
  const check = vi.fn(async () => reports[Math.min(runs++, reports.length - 1)]!);
  const onExit = vi.fn();
  const app = render(
    <StatusWatch
      title="session 20261201-100000-czpksrancher05: cluster czpksrancher05, https://rancher.example.com"
      intervalMs={intervalMs}
      check={check}
      onExit={onExit}
      now={() => clock}
    />,
  );
  unmount = app.unmount;
  return {
    app,
    check,
    onExit,
    setClock: (date: Date) => (clock = date),
  };
}

describe('status --watch', () => {
  it('shows a check that flips, what it was and when, on its row and under Changes', async () => {
    const later = new Date(t0.getTime() + 15_000);
    const d = dashboard([preflightReport(healthy), preflightReport(podDown)], 60_000);
    await waitForText(d.app.lastFrame, `none since the first check at ${hhmmss(t0)}`);
    expect(flat(d.app.lastFrame()!)).toContain('3 pass');
    // The next run, 15 s later (r: at once rather than after the interval).
    d.setClock(later);
    await send(d.app, 'r');
    const frame = await waitForText(d.app.lastFrame, `changed ${hhmmss(later)}, was ✓ pass`);
    const lines = frame.split('\n');
    expect(lines.find((l) => l.includes('changed'))).toMatch(
      /^✗ rancher\.pods\s+2\/3 Rancher pods ready/,
    );
    expect(frame).toContain('→ read `kubectl -n cattle-system logs rancher-abc --previous`');
    expect(lines.find((l) => l.includes('✓ pass → ✗ fail'))).toMatch(
      new RegExp(
        `^${hhmmss(later)}\\s+rancher\\.pods\\s+✓ pass → ✗ fail\\s+2/3 Rancher pods ready`,
      ),
    );
    expect(flat(frame)).toContain('1 fail · 2 pass');
    await send(d.app, 'q');
    expect(d.onExit).toHaveBeenCalledWith(1);
  });

  it('checks again at r without waiting for the interval, and quits 0 when nothing fails', async () => {
    const d = dashboard([preflightReport(healthy)], 60_000);
    await waitForText(d.app.lastFrame, 'next in 60 s');
    expect(d.check).toHaveBeenCalledTimes(1);
    await send(d.app, 'r');
    await vi.waitFor(() => expect(d.check).toHaveBeenCalledTimes(2));
    await send(d.app, 'q');
    expect(d.onExit).toHaveBeenCalledWith(0);
  });

  it('ends with 130 at Ctrl-C, and stops the run in flight', async () => {
    let signal: AbortSignal | undefined;
    const onExit = vi.fn();
    const app = render(
      <StatusWatch
        title="t"
        intervalMs={1000}
        check={(s) => {
          signal = s;
          return new Promise(() => {});
        }}
        onExit={onExit}
      />,
    );
    unmount = app.unmount;
    await waitForText(app.lastFrame, 'checking…');
    await send(app, '\u0003');
    expect(onExit).toHaveBeenCalledWith(130);
    app.unmount();
    expect(signal?.aborted).toBe(true);
  });

  it('says when a whole run failed, and keeps the checks it had', async () => {
    let runs = 0;
    const app = render(
      <StatusWatch
        title="t"
        intervalMs={30}
        check={async () => {
          if (runs++ === 0) return preflightReport(healthy);
          throw new Error('spawn pks ENOENT');
        }}
        onExit={() => {}}
      />,
    );
    unmount = app.unmount;
    const frame = await waitForText(app.lastFrame, 'the last check failed: spawn pks ENOENT');
    expect(frame).toContain('rancher.pods');
  });
});
