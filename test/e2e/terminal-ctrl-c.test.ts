import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { installFixture } from '../helpers/install-fixture.js';
import { poll, startLab, type LabProcess, cliInLab } from '../helpers/lab-process.js';
import { TmuxSession } from '../helpers/tmux.js';

// Ctrl-C in the Ink UI in a real terminal (tmux), as a person presses it.
// (Apart from terminal.test.ts: two workers share them.)
let tmux: TmuxSession | undefined;
let lab: LabProcess | undefined;

afterEach(async () => {
  tmux?.kill();
  tmux = undefined;
  await lab?.stop();
  lab = undefined;
});

// Each runs an install in a terminal and resumes it; under a loaded CI machine that outlasts the default 60 s.
describe('Ctrl-C in a real terminal', { timeout: 180_000 }, () => {
  it('Ctrl-C saves the session and prints how to resume; the next start offers to resume it', async () => {
    lab = await startLab([], '0.2');
    const fx = await installFixture(lab.dir);
    const inLab = (args: string[]) => cliInLab(lab!.dir, args);
    tmux = TmuxSession.start(inLab(['install', '--answers', fx.answersFile]), {
      columns: 100,
      rows: 30,
      env: { RANCHER_PKS_TUI_HOME: fx.home },
    });
    await tmux.waitFor(/Start the install/);
    tmux.keys('Enter');
    await tmux.waitFor(/Wait for provisioning/, 60_000);
    tmux.keys('C-c');
    const stopped = await tmux.waitFor(/EXIT=\d+/);
    expect(stopped).toContain('EXIT=130');
    // The id may wrap at the terminal's edge.
    // Typed as started: `node dist/cli.js` from the clone's root (tmux starts where the test runs).
    expect(stopped.replace(/\s+/g, '')).toMatch(
      /nodedist\/cli\.jsresume\d{8}-\d{6}-czpksrancher05/,
    );
    tmux.kill();

    tmux = TmuxSession.start(inLab([]), {
      columns: 100,
      rows: 30,
      env: { RANCHER_PKS_TUI_HOME: fx.home },
    });
    const offer = await tmux.waitFor(/Resume install of czpksrancher05/);
    expect(offer.replace(/\s+/g, ' ')).toMatch(
      /hostname rancher\.lab\.test, stopped at stage 1 \(PKS cluster\)\?/,
    );
    tmux.keys('Enter');
    await tmux.waitFor(/Rancher is up: https:\/\/rancher\.lab\.test/, 180_000);
    tmux.keys('q');
    expect(await tmux.waitFor(/EXIT=\d+/)).toContain('EXIT=0');
  });

  it.each([
    ['once: the helm call is stopped, the run ends', 1],
    ['twice: the run is given up on at once', 2],
  ])('Ctrl-C inside `helm upgrade --install`, %s; resume finishes', async (_what, presses) => {
    lab = await startLab([], '0');
    const l = lab;
    const fx = await installFixture(lab.dir);
    // The lab's helm, like helm 3 and 4, catches SIGTERM and ends when its operation does.
    writeFileSync(
      join(lab.dir, 'faults.json'),
      JSON.stringify({ slowCommands: { 'helm upgrade': 600_000 } }),
    );
    await poll(async () => l.output().includes('slowCommands'), 'the lab to take the fault');
    tmux = TmuxSession.start(cliInLab(lab.dir, ['install', '--answers', fx.answersFile]), {
      columns: 100,
      rows: 30,
      env: { RANCHER_PKS_TUI_HOME: fx.home },
    });
    await tmux.waitFor(/Start the install/);
    tmux.keys('Enter');
    await poll(async () => l.output().includes('helm upgrade: answering'), 'helm upgrade', 120_000);
    for (let i = 0; i < presses; i++) tmux.keys('C-c');
    const stopped = await tmux.waitFor(/EXIT=\d+/);
    expect(stopped).toContain('EXIT=130');
    expect(stopped.replace(/\s+/g, '')).toMatch(
      /nodedist\/cli\.jsresume\d{8}-\d{6}-czpksrancher05/,
    );
    const sessions = join(fx.home, 'sessions');
    const transcript = readdirSync(sessions).find((f) => f.endsWith('.transcript.log'))!;
    const text = readFileSync(join(sessions, transcript), 'utf8');
    expect(text).toContain('run interrupted');
    if (presses === 2) expect(text).toContain('stopped at once');
    tmux.kill();
    writeFileSync(join(lab.dir, 'faults.json'), '{}');
    await poll(async () => l.output().includes('faults now: {}'), 'the lab to drop the fault');
    const resumed = await lab.cli(['resume'], { env: { RANCHER_PKS_TUI_HOME: fx.home } });
    expect(resumed.stdout).toContain('Rancher is up: https://rancher.lab.test');
    expect(resumed.code).toBe(0);
  });
});
