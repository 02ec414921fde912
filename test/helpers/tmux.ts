import { execFileSync } from 'node:child_process';
import { shellQuote } from '../../source/shared/shell-quote.js';

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
    const env = Object.entries({ CI: 'false', ...options.env }).map(
      ([k, v]) => `${k}=${shellQuote(v)}`,
    );
    // Keep the pane after the program ends so its last screen and exit code can be read.
    const unset = options.unset?.length ? `unset ${options.unset.join(' ')}; ` : '';
    const script = `${env.length ? `export ${env.join(' ')}; ` : ''}${unset}${command.map(shellQuote).join(' ')}; echo "EXIT=$?"; sleep 3600`;
    execFileSync('tmux', [
      'new-session',
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
    return execFileSync('tmux', ['capture-pane', '-p', '-t', this.name], { encoding: 'utf8' });
  }

  /** The screen with its colours and attributes, as ANSI SGR escapes (`capture-pane -e`). */
  captureAnsi(): string {
    return execFileSync('tmux', ['capture-pane', '-e', '-p', '-t', this.name], {
      encoding: 'utf8',
    });
  }

  keys(...keys: string[]): void {
    execFileSync('tmux', ['send-keys', '-t', this.name, ...keys]);
  }

  /** Polls the screen until `pattern` shows; `seen` collects every screen on the way. */
  async waitFor(pattern: RegExp, timeoutMs = 60_000, seen?: string[]): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = this.capture();
      seen?.push(screen);
      if (pattern.test(screen)) return screen;
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${pattern} on screen:\n${screen}`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }

  kill(): void {
    try {
      execFileSync('tmux', ['kill-session', '-t', this.name]);
    } catch {
      // already gone
    }
  }
}
