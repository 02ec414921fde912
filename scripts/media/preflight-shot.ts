import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliPath } from '../../test/helpers/lab-process.js';
import { TmuxSession } from '../../test/helpers/tmux.js';
import { waitForScreen } from './screen-wait.js';
import { plainText, type Shot, type TerminalSize } from './shot.js';

/** Tall enough for the whole table: the picture shows every check, not the last 30 lines. */
const rows = 60;
const command = 'rancher-pks-tui preflight --demo';

/** `rancher-pks-tui preflight --demo` in a terminal: the table of checks, after a prompt. */
export async function preflightShot(size: TerminalSize): Promise<Shot> {
  const { columns } = size;
  const home = mkdtempSync(join(tmpdir(), 'rpt-media-home-'));
  const tmux = TmuxSession.start(
    [
      'sh',
      '-c',
      `printf '\\033[32m$\\033[0m %s\\n' "$0"; exec "$@"`,
      command,
      process.execPath,
      cliPath,
      'preflight',
      '--demo',
    ],
    { columns, rows, env: { RANCHER_PKS_TUI_HOME: home } },
  );
  try {
    const screen = await waitForScreen(tmux, 'the preflight summary', (text) =>
      /EXIT=\d+/.test(text),
    );
    // The helper's own line, not the program's.
    return {
      name: size.folder ? `${size.folder}/preflight` : 'preflight',
      ansi: screen
        .split('\n')
        .filter((line) => !/^EXIT=\d+$/.test(plainText(line)))
        .join('\n'),
      columns,
      title: command,
    };
  } finally {
    tmux.kill();
  }
}
