import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliPath } from '../../test/helpers/lab-process.js';
import { TmuxSession } from '../../test/helpers/tmux.js';
import { pressEnterUntil, settle, waitForScreen } from './screen-wait.js';
import type { Shot, TerminalSize } from './shot.js';

const title = 'rancher-pks-tui --demo';

/** `rancher-pks-tui --demo`: the plan prompt, then (Enter through the defaults) the review. */
export async function wizardShots(size: TerminalSize): Promise<Shot[]> {
  const { columns, rows } = size;
  const name = (scene: string) => (size.folder ? `${size.folder}/${scene}` : scene);
  const home = mkdtempSync(join(tmpdir(), 'rpt-media-home-'));
  const tmux = TmuxSession.start([process.execPath, cliPath, '--demo', '--timescale', '0.02'], {
    columns,
    rows,
    env: { RANCHER_PKS_TUI_HOME: home },
  });
  try {
    const plan = await waitForScreen(
      tmux,
      'the plan prompt',
      (text) => /1\/6 PKS plan/.test(text) && /^› rancher /m.test(text),
      60_000,
    );
    await pressEnterUntil(tmux, /Start the install/);
    await settle();
    const review = await waitForScreen(tmux, 'the review', (text) =>
      /› Start the install/.test(text),
    );
    return [
      { name: name('wizard-plan'), ansi: plan, columns, title },
      { name: name('wizard-review'), ansi: review, columns, title },
    ];
  } finally {
    tmux.kill();
  }
}
