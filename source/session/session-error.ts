import { commandLine } from '../invocation.js';

/**
 * A session the user named cannot be used: a bad id, a damaged file, an unusable home
 * folder. Bad input, not a failure of the run: one line with the fix, exit 2.
 */
export class SessionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SessionError';
  }
}

/** `ID: "../x" is not a session id …` */
export function badSessionId(value: string): SessionError {
  const shown = JSON.stringify(value.length > 60 ? `${value.slice(0, 40)}…` : value);
  return new SessionError(
    `ID: ${shown} is not a session id (they look like 20261201-151434-czpksrancher05); list them with \`${commandLine('sessions')}\``,
  );
}

/** A session file that cannot be read as a session. */
export function damagedSession(file: string, why: string): SessionError {
  return new SessionError(
    `session file ${file} is damaged (${why}); move it aside (mv ${file} ${file}.damaged) and start or resume another session; the others are unaffected`,
  );
}
