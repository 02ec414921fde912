import { afterEach, describe, expect, it } from 'vitest';
import { installFixture } from '../helpers/install-fixture.js';
import { startLab, type LabProcess, cliInLab } from '../helpers/lab-process.js';
import { TmuxSession } from '../helpers/tmux.js';

// `uninstall --delete-cluster` in a real terminal: the cluster's name typed to confirm, then
// the run screen with its panels to the end.
let tmux: TmuxSession | undefined;
let lab: LabProcess | undefined;

afterEach(async () => {
  tmux?.kill();
  tmux = undefined;
  await lab?.stop();
  lab = undefined;
});

describe('uninstall in a real terminal', { timeout: 240_000 }, () => {
  it('asks for the cluster name, refuses another, then deletes on the run screen', async () => {
    lab = await startLab([], '0.05');
    const fx = await installFixture(lab.dir);
    const env = { RANCHER_PKS_TUI_HOME: fx.home };
    expect((await lab.cli(['install', '--answers', fx.answersFile, '--yes'], { env })).code).toBe(
      0,
    );
    const start = () =>
      TmuxSession.start(cliInLab(lab!.dir, ['uninstall', '--delete-cluster']), {
        columns: 100,
        rows: 30,
        env,
      });
    tmux = start();
    const asked = await tmux.waitFor(/Type its name to confirm:/);
    expect(asked).toContain('goes: PKS cluster czpksrancher05');
    tmux.type('czpksrancher5');
    tmux.keys('Enter');
    expect(await tmux.waitFor(/EXIT=\d+/)).toContain('Nothing was changed.');
    tmux.kill();

    tmux = start();
    await tmux.waitFor(/Type its name to confirm:/);
    tmux.type('czpksrancher05');
    tmux.keys('Enter');
    const done = await tmux.waitFor(/EXIT=\d+/, 180_000);
    expect(done).toContain('the PKS cluster czpksrancher05 is deleted');
    expect(done).toContain('EXIT=0');
    expect(JSON.parse((await lab.run(['pks', 'clusters', '--json'])).stdout)).toEqual([]);
  });
});
