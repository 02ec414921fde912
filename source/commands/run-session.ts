import { stdin, stdout } from 'node:process';
import type { Config } from '../config/config.js';
import { ExitCode } from '../exit-codes.js';
import { executeInstall } from '../install/execute.js';
import { resumeCommandLine } from '../invocation.js';
import { summaryLines } from '../install/summary.js';
import { lineReporter } from '../runner/line-reporter.js';
import type { Session } from '../session/session.js';
import type { SessionStore } from '../session/session-store.js';
import type { Env } from '../systems/systems.js';
import { ownSignals } from './own-signals.js';

export interface RunSessionOptions {
  config: Config;
  session: Session;
  store: SessionStore;
  env: Env;
  bootstrapPassword?: string;
  resumed: boolean;
  /** Preflight warnings the user accepted; the transcript names them. */
  acceptedWarnings?: string[];
}

export function interactive(): boolean {
  return Boolean(stdin.isTTY && stdout.isTTY);
}

/**
 * Runs a session with the line reporter. Ctrl-C stops cleanly and says how to resume: the
 * step running ends (its command stopped), no later step starts. Ctrl-C again while
 * stopping gives up on the run at once; the session is resumable either way.
 */
export async function runSessionWithLines(options: RunSessionOptions): Promise<number> {
  const write = (line: string) => process.stdout.write(line + '\n');
  const stop = new AbortController();
  const stopNow = new AbortController();
  const onSignal = () => {
    if (!stop.signal.aborted) {
      write('stopping (the session is saved; Ctrl-C again to stop at once)…');
      stop.abort(new Error('interrupted'));
    } else if (!stopNow.signal.aborted) {
      write('stopping now');
      stopNow.abort(new Error('interrupted'));
    }
  };
  const release = ownSignals(['SIGINT', 'SIGTERM'], onSignal);
  try {
    const result = await executeInstall({
      ...options,
      onEvent: lineReporter(write),
      signal: stop.signal,
      stopNow: stopNow.signal,
    });
    if (result.status === 'done') {
      for (const line of summaryLines(options.config, options.session.facts, result.transcriptPath))
        write(line);
      return ExitCode.ok;
    }
    write(`session ${options.session.id} ${result.status}; transcript: ${result.transcriptPath}`);
    write(`resume with: ${resumeCommandLine(options.session)}`);
    return result.status === 'interrupted' ? ExitCode.interrupted : ExitCode.failed;
  } finally {
    release();
  }
}
