import { afterEach, describe, expect, it } from 'vitest';
import { installFixture } from '../helpers/install-fixture.js';
import { startLab, type LabProcess, cliInLab } from '../helpers/lab-process.js';
import { TmuxSession } from '../helpers/tmux.js';

// `upgrade` in a real terminal: status, the y/N question, then the run screen to its summary.
let tmux: TmuxSession | undefined;
let lab: LabProcess | undefined;

afterEach(async () => {
  tmux?.kill();
  tmux = undefined;
  await lab?.stop();
  lab = undefined;
});

describe('upgrade in a real terminal', { timeout: 240_000 }, () => {
  it('asks before it changes anything, then runs the hops on the run screen', async () => {
    lab = await startLab(['--kube-version', 'v1.33.2'], '0');
    const fx = await installFixture(lab.dir, 'czpksrancher05', {
      rancher: { chartVersion: '2.13.3' },
    });
    const env = { RANCHER_PKS_TUI_HOME: fx.home };
    expect((await lab.cli(['install', '--answers', fx.answersFile, '--yes'], { env })).code).toBe(
      0,
    );
    tmux = TmuxSession.start(cliInLab(lab.dir, ['upgrade']), { columns: 100, rows: 30, env });
    const asked = await tmux.waitFor(/Upgrade Rancher at https:\/\/rancher\.lab\.test\?/);
    // The hops and the values they set are on the screen before the question.
    expect(asked).toContain('Rancher 2.13.3 → 2.14.3 (1 hop)');
    expect(asked).toContain('values for rancher 2.13.3 → 2.14.3:');
    tmux.type('y');
    tmux.keys('Enter');
    const done = await tmux.waitFor(/EXIT=\d+/, 180_000);
    expect(done).toContain('Rancher is upgraded to 2.14.3: https://rancher.lab.test');
    // 2.13.3 is on the 2.13 line already: one hop to 2.14 (a line is never skipped; a patch may be).
    expect(done).toContain('hops: 2.13.3 → 2.14.3');
    expect(done).toContain('hop 2.13.3 → 2.14.3: done, Rancher reports v2.14.3');
    expect(done).toContain('EXIT=0');
  });
});
