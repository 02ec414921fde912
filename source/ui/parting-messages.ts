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
