import { ExitCode } from '../exit-codes.js';
import { executeRun } from '../engine/execute.js';
import type { RunRequest } from '../engine/run-request.js';
import { summaryLinesOf } from '../engine/plan-summaries.js';
import { resumeCommandLine } from '../invocation.js';
import { lineReporter } from './line-reporter.js';
import { ownSignals } from './own-signals.js';

/**
 * Runs a session with the line reporter. Ctrl-C stops cleanly and says how to resume: the
 * step running ends (its command stopped), no later step starts. Ctrl-C again while
 * stopping gives up on the run at once; the session is resumable either way.
 */
export async function runSessionWithLines(request: RunRequest): Promise<number> {
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
    const { status, session, transcriptPath } = await executeRun(request, {
      onEvent: lineReporter(write),
      signal: stop.signal,
      stopNow: stopNow.signal,
    });
    if (status === 'done') {
      const summary = summaryLinesOf[session.plan];
      for (const line of summary(request.config, session.facts, transcriptPath)) write(line);
      return ExitCode.ok;
    }
    write(`session ${session.id} ${status}; transcript: ${transcriptPath}`);
    write(`resume with: ${resumeCommandLine(session)}`);
    return status === 'interrupted' ? ExitCode.interrupted : ExitCode.failed;
  } finally {
    release();
  }
}
