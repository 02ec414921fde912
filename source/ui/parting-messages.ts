import { resumeCommandLine } from '../invocation.js';

/** What the interactive app says as it leaves before anything was changed. */

export const keptAnswersMessage = 'Nothing was changed. Your answers are kept for next time.';

/** A sentence, then the command it speaks of on a line of its own: a triple-click copies it exactly. */
export function withCommand(sentence: string, command: string): string {
  return `${sentence}\n${command}`;
}

/** Ctrl-C before the install started; with an unfinished session, how to come back to it. */
export function interruptedMessage(resuming?: { id: string; demo?: boolean }): string {
  return resuming
    ? withCommand(
        'Stopped. Nothing was changed. Resume when ready with:',
        resumeCommandLine(resuming),
      )
    : `Stopped. ${keptAnswersMessage}`;
}

/**
 * How a stopped run (install or uninstall) leaves: 130 when interrupted, 1 when failed,
 * and the resume command as the parting message. The run screen's last line says
 * "resume it with:"; the command follows once Ink is gone, whole, on a line of its own,
 * so the terminal wraps it and a copy is exact.
 */
export function stoppedRun(
  status: 'failed' | 'interrupted',
  session?: { id: string; demo?: boolean },
): { code: number; message?: string } {
  const code = status === 'interrupted' ? 130 : 1;
  return session ? { code, message: resumeCommandLine(session) } : { code };
}
