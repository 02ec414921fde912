import { afterEach, describe, expect, it } from 'vitest';
import { installFixture } from '../helpers/install-fixture.js';
import { startLab, type LabProcess, cliInLab } from '../helpers/lab-process.js';
import { TmuxSession } from '../helpers/tmux.js';

// In a terminal, get-credentials' PKS password (TKGI with OIDC) is asked, masked.
let tmux: TmuxSession | undefined;
let lab: LabProcess | undefined;

afterEach(async () => {
  tmux?.kill();
  tmux = undefined;
  await lab?.stop();
  lab = undefined;
});

describe('in a real terminal, lab --oidc', () => {
  it('asks for the PKS password when get-credentials needs it, masked, and goes on', async () => {
    lab = await startLab(['--oidc'], '0.05');
    const fx = await installFixture(lab.dir);
    tmux = TmuxSession.start(cliInLab(lab.dir, ['install', '--answers', fx.answersFile]), {
      columns: 100,
      rows: 30,
      env: { RANCHER_PKS_TUI_HOME: fx.home },
    });
    await tmux.waitFor(/Start the install/);
    tmux.keys('Enter');
    await tmux.waitFor(/PKS password:/, 120_000);
    tmux.keys('-l', 'lab-password');
    const typed = await tmux.waitFor(/\*{12}/);
    expect(typed).not.toContain('lab-password');
    tmux.keys('Enter');
    const summary = await tmux.waitFor(/Rancher is up: https:\/\/rancher\.lab\.test/, 180_000);
    expect(summary).not.toContain('lab-password');
    tmux.keys('q');
    expect(await tmux.waitFor(/EXIT=\d+/)).toContain('EXIT=0');
  });
});
