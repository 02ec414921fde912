import { bootstrapPassword } from '../config/bootstrap-password.js';
import type { Config } from '../config/config.js';
import { ConfigError } from '../config/errors.js';
import { parseAnswers } from '../config/load-answers.js';
import { UsageError } from '../exit-codes.js';
import type { Session } from '../session/session.js';
import { SessionStore } from '../session/session-store.js';
import { Pks } from '../systems/pks.js';
import type { AppStart } from '../ui/App.js';
import type { Env } from '../shared/env.js';

export interface InteractiveOptions {
  env: Env;
  baseDir: string;
  start: AppStart;
}

export function openSession(
  store: SessionStore,
  id: string,
  env: Env,
): { session: Session; config: Config } {
  const session = store.get(id);
  if (!session)
    throw new UsageError(`ID: no session "${id}"; list them with \`rancher-pks-tui sessions\``);
  try {
    return { session, config: parseAnswers(session.answers, '/', env) };
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(`session ${session.id}: ${e.message}`);
    throw e;
  }
}

/** The Ink app, loaded only here: non-interactive runs never load Ink or React. */
export async function startInteractive(options: InteractiveOptions): Promise<number> {
  const { env } = options;
  const store = new SessionStore({ env });
  const pks = new Pks({ binary: Pks.detect(env) ?? 'pks', env });
  const { runInteractive } = await import('../ui/interactive.js');
  return runInteractive({
    env,
    store,
    pks,
    baseDir: options.baseDir,
    start: options.start,
    bootstrapPassword: bootstrapPassword(env),
    openSession: (id) => openSession(store, id, env),
  });
}
