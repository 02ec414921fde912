import { resumeCommandLine } from '../invocation.js';

/** What the interactive app says as it leaves before anything was changed. */

export const keptAnswersMessage = 'Nothing was changed. Your answers are kept for next time.';

/** Ctrl-C before the install started; with an unfinished session, how to come back to it. */
export function interruptedMessage(resuming?: { id: string; demo?: boolean }): string {
  return resuming
    ? `Stopped. Nothing was changed. Resume when ready: ${resumeCommandLine(resuming)}`
    : `Stopped. ${keptAnswersMessage}`;
}
