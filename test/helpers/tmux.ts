import { execFileSync } from 'node:child_process';
import { shellQuote } from '../../source/shared/shell-quote.js';

/**
 * The tmux server of this test process alone (`-L`): a shared default server keeps the
 * environment of whichever process started it — a TMPDIR another run has since removed,
 * another run's lab ranges — and hands it to every session.
 */
const socket = `rpt-${process.pid}`;

function tmux(args: string[]): string {
  return execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
}

/**
 * A new session. Killing the last one ends the server; a session asked for meanwhile meets
 * the ending server ("server exited unexpectedly") and asking again starts a new one.
 */
function newSession(args: string[]): void {
  for (let attempt = 1; ; attempt++) {
    try {
      tmux(['new-session', ...args]);
      return;
    } catch (error) {
      const ending = /server exited unexpectedly|lost server/.test(String(error));
      if (!ending || attempt === 3) throw error;
    }
  }
}

/** A program in a real terminal: tmux runs it, send-keys types, capture-pane reads the screen. */
export class TmuxSession {
  private constructor(readonly name: string) {}

  static start(
    command: string[],
    options: {
      columns: number;
      rows: number;
      env?: Record<string, string>;
      /** Variables to remove (CI: chalk turns colour off whenever CI is set, even to false). */
      unset?: string[];
    },
  ): TmuxSession {
    const name = `rpt-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    // A person's terminal, not CI: Ink renders only the final frame when it thinks it runs in CI.
    // Sessions get the server's environment, not ours: this run's temp root and lab ranges
    // are passed explicitly.
    const inherited = {
      TMPDIR: process.env.TMPDIR,
      RANCHER_PKS_TUI_LAB_RANGES: process.env.RANCHER_PKS_TUI_LAB_RANGES,
    };
    const env = Object.entries({ ...inherited, CI: 'false', ...options.env })
      .filter((entry): entry is [string, string] => entry[1] !== undefined)
      .map(([k, v]) => `${k}=${shellQuote(v)}`);
    // Keep the pane after the program ends so its last screen and exit code can be read.
    const unset = options.unset?.length ? `unset ${options.unset.join(' ')}; ` : '';
    const script = `${env.length ? `export ${env.join(' ')}; ` : ''}${unset}${command.map(shellQuote).join(' ')}; echo "EXIT=$?"; sleep 3600`;
    newSession([
      '-d',
      '-s',
      name,
      '-x',
      String(options.columns),
      '-y',
      String(options.rows),
      'sh',
      '-c',
      script,
    ]);
    return new TmuxSession(name);
  }

  capture(): string {
    return tmux(['capture-pane', '-p', '-t', this.name]);
  }

  /** Everything the terminal showed, scrolled-off lines too. */
  scrollback(): string {
    return tmux(['capture-pane', '-p', '-S', '-', '-t', this.name]);
  }

  /**
   * The screen with the rows the terminal soft-wrapped joined back (`capture-pane -J`):
   * one line per line the program wrote, as a triple-click selects and copies it.
   */
  captureJoined(): string {
    return tmux(['capture-pane', '-p', '-J', '-t', this.name]);
  }

  /** A tmux format about the pane, e.g. `#{cursor_flag}` (1: the cursor shows). */
  format(format: string): string {
    return tmux(['display-message', '-p', '-t', this.name, format]).trim();
  }

  /** The screen with its colours and attributes, as ANSI SGR escapes (`capture-pane -e`). */
  captureAnsi(): string {
    return tmux(['capture-pane', '-e', '-p', '-t', this.name]);
  }

  keys(...keys: string[]): void {
    tmux(['send-keys', '-t', this.name, ...keys]);
  }

  /** Types `text` as one burst (`send-keys -l`: the characters, not key names). */
  type(text: string): void {
    tmux(['send-keys', '-t', this.name, '-l', text]);
  }

  /** Sends raw bytes in one burst (`send-keys -H`), e.g. `bytes('7f', '7f')` for two Backspaces. */
  bytes(...hex: string[]): void {
    tmux(['send-keys', '-t', this.name, '-H', ...hex]);
  }

  /**
   * Pastes `text` as a terminal does (`paste-buffer -p`): wrapped in ESC[200~ … ESC[201~
   * when the program asked for bracketed paste, as is, if not.
   */
  paste(text: string): void {
    const buffer = `${this.name}-paste`;
    tmux(['set-buffer', '-b', buffer, '--', text]);
    tmux(['paste-buffer', '-p', '-d', '-b', buffer, '-t', this.name]);
  }

  /** Sends keys, then waits until the screen changes (never a fixed sleep); returns it. */
  async press(...keys: string[]): Promise<string> {
    const before = this.capture();
    this.keys(...keys);
    return this.waitUntil(
      (screen) => screen !== before,
      `the screen to change after ${keys.join(' ')}`,
    );
  }

  /** Enter, each time the screen has answered the last one, until `pattern` shows. */
  async enterUntil(pattern: RegExp): Promise<string> {
    for (let screen = this.capture(); ; screen = await this.press('Enter')) {
      if (pattern.test(screen)) return screen;
    }
  }

  /** Polls the screen until `pattern` shows; `seen` collects every screen on the way. */
  async waitFor(pattern: RegExp, timeoutMs = 60_000, seen?: string[]): Promise<string> {
    return this.waitUntil((screen) => pattern.test(screen), String(pattern), timeoutMs, seen);
  }

  /** Polls the screen until `done` holds for it. */
  async waitUntil(
    done: (screen: string) => boolean,
    what: string,
    timeoutMs = 60_000,
    seen?: string[],
  ): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = this.capture();
      seen?.push(screen);
      if (done(screen)) return screen;
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${what} on screen:\n${screen}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  kill(): void {
    try {
      tmux(['kill-session', '-t', this.name]);
    } catch {
      // already gone
    }
  }
}
