import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import { fail, pass, warn } from '../../../source/checks/check.js';
import { preflightReport } from '../../../source/checks/preflight-report.js';
import { PreflightScreen } from '../../../source/ui/preflight/PreflightScreen.js';
import { send } from '../wizard/wizard-fixtures.js';

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
