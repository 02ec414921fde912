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
  const chosen = id ?? latestFinishedInstall(store, purpose);
  if (!chosen)
    throw new UsageError(
      `ID: no finished install to ${purpose.verb}; finish (or resume) the install first, or name a session${purpose.otherwise ? `, or ${purpose.otherwise}` : ''}`,
    );
  const session = sessionToWorkOn(store, chosen, purpose.verb);
  if (session.status !== 'done' && !purpose.takesUnfinished)
    throw new UsageError(
      `ID: session ${session.id} has not finished; finish it first: ${resumeCommandLine(session)}`,
    );
  return session;
}

/**
 * The newest finished install or migration, unless an uninstall of its cluster finished after
 * it: then there is nothing to work on, and the line says so (naming a session still works).
 */
function latestFinishedInstall(store: SessionStore, purpose: DayTwoPurpose): string | undefined {
  const finished = store.list().filter((s) => s.status === 'done' && !s.demo);
  // An import's session is not an install (its answers are its install's, its facts its own).
  const install = finished.find((s) => s.plan !== 'uninstall' && s.plan !== 'import');
  if (!install) return undefined;
  // list() is newest first: an uninstall before the install in it came after it.
  const undone = finished
    .slice(0, finished.indexOf(install))
    .find((s) => s.plan === 'uninstall' && s.cluster === install.cluster);
  if (undone)
    throw new UsageError(
      `ID: Rancher on ${install.cluster ?? '?'} was uninstalled by session ${undone.id}, so there is nothing to ${purpose.verb}; name a session to ${purpose.verb} it anyway`,
    );
  return install.id;
}

/** The session a day-2 command was pointed at: refused when there is none, or it was a demo. */
export function sessionToWorkOn(store: SessionStore, id: string, verb: string): Session {
  const session = store.get(id);
  if (!session)
    throw new UsageError(`ID: no session "${id}"; list them with \`${commandLine('sessions')}\``);
  if (session.demo)
    throw new UsageError(
      `ID: session ${session.id} was a demo: its lab ended with it, so there is no Rancher to ${verb}`,
    );
  return session;
}
