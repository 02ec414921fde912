import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cliPath } from '../helpers/lab-process.js';
import { TmuxSession } from '../helpers/tmux.js';

// The run screen's keys in a real terminal (tmux), during a `--demo` install: the transcript
// opens over the live area, shows what the run wrote, follows it, and gives the run back.
let tmux: TmuxSession | undefined;

afterEach(() => {
  tmux?.kill();
  tmux = undefined;
});

/** The screen below the last header line: the live area. */
function liveArea(screen: string): string[] {
  const lines = screen.trimEnd().split('\n');
  const header = lines.findLastIndex((l) => l.startsWith('Rancher HA on Enterprise PKS · session'));
  return lines.slice(header);
}

describe('the run screen in a real terminal', { timeout: 180_000 }, () => {
  it('l opens the transcript during a --demo run, live; Esc returns; ? lists the keys', async () => {
    const home = mkdtempSync(join(tmpdir(), 'rpt-home-'));
    tmux = TmuxSession.start([process.execPath, cliPath, '--demo', '--timescale', '1'], {
      columns: 80,
      rows: 24,
      env: { RANCHER_PKS_TUI_HOME: home },
    });
    const t = tmux;
    await t.waitFor(/PKS plan/, 30_000);
    await t.enterUntil(/Start the install/);
    t.keys('Enter');
    // The cluster stage waits for provisioning: the wait says until when.
    const waiting = await t.waitFor(/◷ gives up at \d\d:\d\d/, 60_000);
    expect(waiting).toMatch(/stage 1\/6/);
    expect(liveArea(waiting).join('\n')).toMatch(/c check now · l log .*· \? help/);

    t.keys('l');
    const log = await t.waitFor(/^Transcript {2}\d+–\d+ of \d+ · following/m, 15_000);
    // What the run wrote, as the transcript has it: timestamped (on the local clock), redacted.
    expect(liveArea(log)[2]).toMatch(/^\d\d:\d\d:\d\d /);
    expect(liveArea(log).at(-1)).toMatch(/l\/Esc back/);
    for (const line of log.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    // Home: its start, the run's first note and commands; it stops following.
    t.keys('Home');
    const top = await t.waitFor(/^Transcript {2}1–\d+ of \d+ · End follows/m, 5_000);
    expect(top).toMatch(/^\d\d:\d\d:\d\d # install of czpksrancher05 \/ rancher\.lab\.test$/m);
    expect(top).toMatch(/^\d\d:\d\d:\d\d \$ pks /m);
    // End follows again, live: the count grows as the run goes on.
    t.keys('End');
    const count = (screen: string) => Number(/ of (\d+) · following/.exec(screen)?.[1] ?? 0);
    const before = count(await t.waitFor(/ · following/, 5_000));
    await t.waitUntil((s) => count(s) > before, 'new transcript lines', 60_000);

    t.keys('Escape');
    const back = await t.waitFor(/stage \d\/6/, 15_000);
    expect(back).not.toMatch(/^Transcript /m);

    t.keys('?');
    const help = await t.waitFor(/Keys on this screen/, 5_000);
    expect(help).toMatch(/l\s+log/);
    expect(help).toMatch(/Ctrl-C\s+stop/);
    t.keys('Escape');
    await t.waitUntil((s) => !s.includes('Keys on this screen'), 'the help to close', 5_000);

    t.keys('C-c');
    expect(await t.waitFor(/EXIT=\d+/, 30_000)).toContain('EXIT=130');
  });
});
