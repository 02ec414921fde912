import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { installFixture } from '../../test/helpers/install-fixture.js';
import { startLab, cliInLab } from '../../test/helpers/lab-process.js';
import { TmuxSession } from '../../test/helpers/tmux.js';
import { waitForScreen } from './screen-wait.js';
import type { Shot } from './shot.js';

const columns = 100;
const rows = 30;
const title = 'rancher-pks-tui status --watch';

/**
 * `status --watch` on a lab install: the dashboard after a few checks, once the lab lost a
 * Rancher pod and someone changed the DNS record, so the picture shows checks that flipped,
 * their remedies, and when.
 */
export async function statusShot(): Promise<Shot> {
  const lab = await startLab([], '0');
  let tmux: TmuxSession | undefined;
  try {
    const fx = await installFixture(lab.dir);
    const env = { RANCHER_PKS_TUI_HOME: fx.home };
    const installed = await lab.cli(['install', '--answers', fx.answersFile, '--yes'], { env });
    if (installed.code !== 0) throw new Error(`install failed:\n${installed.stdout.slice(-2000)}`);
    tmux = TmuxSession.start(cliInLab(lab.dir, ['status', '--watch', '--interval', '3']), {
      columns,
      rows,
      env,
    });
    await waitForScreen(tmux, 'the first check', (text) => /none since the first check/.test(text));
    writeFileSync(
      join(lab.dir, 'faults.json'),
      JSON.stringify({ podDown: true, dnsWrongIp: '10.50.0.99' }),
    );
    const screen = await waitForScreen(
      tmux,
      'two checks flipped',
      (text) => (text.match(/✓ pass → ✗ fail/g) ?? []).length >= 2 && /every 3 s/.test(text),
    );
    tmux.keys('q');
    return { name: 'status-watch', ansi: screen, columns, title };
  } finally {
    tmux?.kill();
    await lab.stop();
  }
}
