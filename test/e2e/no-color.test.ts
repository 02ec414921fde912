import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { colorEscapes } from '../helpers/ansi-colors.js';
import { cliPath } from '../helpers/lab-process.js';
import { TmuxSession } from '../helpers/tmux.js';

// Issue 13 #9: NO_COLOR (https://no-color.org), FORCE_COLOR and --no-color, read from the
// screen with its attributes (tmux capture-pane -e).
let tmux: TmuxSession | undefined;

afterEach(() => {
  tmux?.kill();
  tmux = undefined;
});

function start(args: string[], env: Record<string, string>): TmuxSession {
  const home = mkdtempSync(join(tmpdir(), 'rpt-home-'));
  tmux = TmuxSession.start([process.execPath, cliPath, ...args], {
    columns: 100,
    rows: 40,
    env: { RANCHER_PKS_TUI_HOME: home, ...env },
    // As in a person's terminal: chalk turns colour off whenever CI is set (even to false).
    unset: ['CI'],
  });
  return tmux;
}

/** The preflight table, once it is complete, with its escapes. */
async function preflightTable(args: string[], env: Record<string, string>): Promise<string> {
  const session = start(['preflight', '--demo', '--timescale', '0', ...args], env);
  await session.waitFor(/EXIT=\d+/);
  const screen = session.captureAnsi();
  expect(screen).toContain('pks.login');
  session.kill();
  return screen;
}

describe('colour', () => {
  it('the preflight table: coloured in a terminal, plain under NO_COLOR or --no-color, FORCE_COLOR wins over NO_COLOR', async () => {
    expect(colorEscapes(await preflightTable([], {}))).not.toEqual([]);
    expect(colorEscapes(await preflightTable([], { NO_COLOR: '1' }))).toEqual([]);
    expect(colorEscapes(await preflightTable(['--no-color'], {}))).toEqual([]);
    expect(colorEscapes(await preflightTable([], { NO_COLOR: '1', FORCE_COLOR: '1' }))).not.toEqual(
      [],
    );
  });

  it('the TUI under NO_COLOR: wizard, review, run screen and summary without a colour escape', async () => {
    // The same first screen has colour without NO_COLOR: the check below can see it.
    const coloured = start(['--demo', '--timescale', '0.02'], {});
    await coloured.waitFor(/not HA/);
    expect(colorEscapes(coloured.captureAnsi())).not.toEqual([]);
    coloured.kill();

    const session = start(['--demo', '--timescale', '0.02'], { NO_COLOR: '1' });
    const screens: string[] = [];
    const look = () => screens.push(session.captureAnsi());
    await session.waitFor(/not HA/);
    look();
    const deadline = Date.now() + 60_000;
    while (!/Start the install/.test(session.capture()) && Date.now() < deadline) {
      session.keys('Enter');
      await new Promise((r) => setTimeout(r, 400));
      look();
    }
    session.keys('Enter');
    const end = Date.now() + 120_000;
    while (!/Rancher is up: https:\/\/rancher\.lab\.test/.test(screens.at(-1)!)) {
      if (Date.now() > end) throw new Error(`no summary:\n${screens.at(-1)}`);
      await new Promise((r) => setTimeout(r, 300));
      look();
    }
    expect(screens.some((s) => s.includes('Ingress'))).toBe(true);
    for (const screen of screens) expect(colorEscapes(screen)).toEqual([]);
  });

  it('the TUI with --no-color', async () => {
    const session = start(['--no-color', '--demo', '--timescale', '0.02'], {});
    await session.waitFor(/not HA/);
    expect(colorEscapes(session.captureAnsi())).toEqual([]);
  });
});
