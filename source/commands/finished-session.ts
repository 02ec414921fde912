import { UsageError } from '../exit-codes.js';
import { commandLine, resumeCommandLine } from '../invocation.js';
import type { Session } from '../session/session.js';
import type { SessionStore } from '../session/session-store.js';

/** What a day-2 command does with the install, for its messages: `migrate`, `check`. */
export interface DayTwoPurpose {
  verb: string;
  /** A named session that has not finished is taken as it is (status looks at what is there). */
  takesUnfinished?: boolean;
  /** How else to name a target, for the message when there is no session. */
  otherwise?: string;
}

/**
 * The install a day-2 command works on: the session named, else the latest finished install
 * or migration (a migration's answers name the controller it moved to). Demo sessions ran
 * against a lab that ended with them: there is nothing left to work on.
 */
export function finishedSession(
  store: SessionStore,
  id: string | undefined,
  purpose: DayTwoPurpose,
): Session {
  const chosen = id ?? store.list().find((s) => s.status === 'done' && !s.demo)?.id;
  if (!chosen)
    throw new UsageError(
      `ID: no finished install to ${purpose.verb}; finish (or resume) the install first, or name a session${purpose.otherwise ? `, or ${purpose.otherwise}` : ''}`,
    );
  const session = store.get(chosen);
  if (!session)
    throw new UsageError(
      `ID: no session "${chosen}"; list them with \`${commandLine('sessions')}\``,
    );
  if (session.demo)
    throw new UsageError(
      `ID: session ${session.id} was a demo: its lab ended with it, so there is no Rancher to ${purpose.verb}`,
    );
  if (session.status !== 'done' && !purpose.takesUnfinished)
    throw new UsageError(
      `ID: session ${session.id} has not finished; finish it first: ${resumeCommandLine(session)}`,
    );
  return session;
}
