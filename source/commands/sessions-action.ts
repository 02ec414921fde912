import { commandLine } from '../invocation.js';
import { SessionStore } from '../session/session-store.js';
import type { SessionsCommandOptions } from './sessions-command.js';
import { sessionsJson, sessionsTable } from './sessions-view.js';

export function sessionsAction(options: SessionsCommandOptions): void {
  const store = new SessionStore({ env: process.env });
  const { sessions, damaged } = store.scan();
  for (const problem of damaged) process.stderr.write(`${problem.message}\n`);
  if (options.output === 'json') {
    process.stdout.write(`${JSON.stringify(sessionsJson(sessions), null, 2)}\n`);
    return;
  }
  if (sessions.length === 0) {
    process.stdout.write(
      `no ${damaged.length ? 'readable ' : ''}sessions in ${store.sessionsDir}\n`,
    );
    return;
  }
  process.stdout.write(sessionsTable(sessions, Date.now()).join('\n') + '\n');
  // For a person, not for scripts reading the table (they have -o json).
  if (process.stdout.isTTY)
    process.stdout.write(
      `resume one with: ${commandLine('resume', 'ID')} (a demo session: add --demo)\n`,
    );
}
