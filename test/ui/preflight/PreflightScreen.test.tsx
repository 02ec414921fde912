import { render } from 'ink-testing-library';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { fail, pass, warn } from '../../../source/checks/check.js';
import { preflightReport } from '../../../source/checks/preflight-report.js';
import { PreflightScreen } from '../../../source/ui/preflight/PreflightScreen.js';
import { press, send } from '../wizard/wizard-fixtures.js';

function screen(checks: Parameters<typeof preflightReport>[0]) {
  const onContinue = vi.fn();
  const onBack = vi.fn();
  const app = render(
    <PreflightScreen report={preflightReport(checks)} onContinue={onContinue} onBack={onBack} />,
  );
  return { app, onContinue, onBack };
}

describe('PreflightScreen', () => {
  it('shows every check, the remedy of a failure, and blocks continuing', async () => {
    const { app, onContinue } = screen([
      pass('tools.pks', 'pks 1.20.0'),
      fail('pks.plan-ha', 'plan dev-small has 1 master(s)', 'use an HA plan'),
    ]);
    const frame = app.lastFrame() ?? '';
    expect(frame).toContain('tools.pks');
    expect(frame).toContain('→ use an HA plan');
    expect(frame).toContain('1 pass, 0 warn, 1 fail');
    await send(app, '\r', 'y');
    expect(onContinue).not.toHaveBeenCalled();
    app.unmount();
  });

  it('wraps a long message and remedy under their own text, not at column 0', () => {
    const words = (n: number, w: string) => Array.from({ length: n }, () => w).join(' ');
    const { app } = screen([
      fail('pks.plan-ha', `message ${words(30, 'word')}`, `remedy ${words(30, 'step')}`),
    ]);
    const lines = (app.lastFrame() ?? '').split('\n');
    const message = lines.findIndex((l) => l.includes('message word'));
    const remedy = lines.findIndex((l) => l.includes('→ remedy step'));
    // Wrapped lines start under their own first word: the message's in its column, the
    // remedy's past its arrow.
    const column = lines[message]!.indexOf('message');
    expect(column).toBeGreaterThan(0);
    expect(lines[message + 1]!.indexOf('word')).toBe(column);
    expect(lines[remedy + 1]!.indexOf('step')).toBe(lines[remedy]!.indexOf('remedy'));
    app.unmount();
  });

  it('asks before continuing past warnings', async () => {
    const { app, onContinue, onBack } = screen([warn('dns.rancher', 'points elsewhere', 'fix it')]);
    await send(app, '\r');
    expect(onContinue).not.toHaveBeenCalled();
    await send(app, 'y');
    expect(onContinue).toHaveBeenCalledOnce();
    await send(app, 'n');
    expect(onBack).toHaveBeenCalledOnce();
    app.unmount();
  });

  it('continues on Enter when all is clear', async () => {
    const { app, onContinue } = screen([pass('tools.pks', 'ok')]);
    await send(app, '\r');
    expect(onContinue).toHaveBeenCalledOnce();
    app.unmount();
  });
});

describe('PreflightScreen, a long report', () => {
  const checks = [
    ...Array.from({ length: 30 }, (_, i) => pass(`check.pass-${i}`, `fine ${i}`)),
    warn('dns.rancher', 'points elsewhere', 'fix the record'),
    fail('pks.plan-ha', 'plan dev-small has 1 master(s)', 'use an HA plan'),
    fail('tls.chain', 'the certificate does not chain to the CA', 'give the whole chain'),
  ];
  const lines = (frame: string) => stripVTControlCharacters(frame).trimEnd().split('\n');

  it('puts failures first, then warnings, then passes; fits the terminal and scrolls', async () => {
    const { app } = screen(checks);
    const frame = () => lines(app.lastFrame() ?? '');
    // ink-testing-library's terminal is 24 rows.
    expect(frame().length).toBeLessThan(24);
    expect(frame()[0]).toMatch(/^Preflight {2}lines 1–\d+ of \d+$/);
    expect(frame().slice(1, 6)).toEqual([
      '✗ pks.plan-ha    plan dev-small has 1 master(s)',
      '                 → use an HA plan',
      '✗ tls.chain      the certificate does not chain to the CA',
      '                 → give the whole chain',
      '! dns.rancher    points elsewhere',
    ]);
    expect(frame().at(-1)).toBe('↑↓ scroll · Esc back to fix what fails · Ctrl-C quit · ? help');
    expect(frame().at(-2)).toBe('preflight: 30 pass, 1 warn, 2 fail, 0 skip');
    await press(app, '\u001B[B');
    expect(frame()[1]).toBe('                 → use an HA plan');
    await press(app, '\u001B[F');
    expect(frame()).toContain('✓ check.pass-29  fine 29');
    expect(frame()).not.toContain('✗ pks.plan-ha    plan dev-small has 1 master(s)');
    expect(frame().length).toBeLessThan(24);
    app.unmount();
  });

  it('says nothing of scrolling when the report fits', () => {
    const { app } = screen(checks.slice(-3));
    expect(lines(app.lastFrame() ?? '')[0]).toBe('Preflight');
    expect(app.lastFrame()).not.toContain('scroll');
    app.unmount();
  });
});
