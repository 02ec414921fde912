import { bootstrapPassword } from '../config/bootstrap-password.js';
import type { Config } from '../config/config.js';
import { ConfigError } from '../config/errors.js';
import { parseAnswers } from '../config/load-answers.js';
import { UsageError } from '../exit-codes.js';
import { commandLine } from '../invocation.js';
import type { Session } from '../session/session.js';
import { SessionStore } from '../session/session-store.js';
import { Pks } from '../systems/pks.js';
import type { AppStart } from '../ui/App.js';
import type { Env } from '../shared/env.js';

export interface InteractiveOptions {
  env: Env;
  baseDir: string;
  start: AppStart;
  /** --demo: the demo lab's answers. Its sessions are demo sessions, resumed against this lab. */
  demoConfig?: Config;
}

function sessionOrFail(store: SessionStore, id: string): Session {
  const session = store.get(id);
  if (!session)
    throw new UsageError(`ID: no session "${id}"; list them with \`${commandLine('sessions')}\``);
  return session;
}

export function openSession(
  store: SessionStore,
  id: string,
  env: Env,
): { session: Session; config: Config } {
  const session = sessionOrFail(store, id);
  try {
    return { session, config: parseAnswers(session.answers, '/', env) };
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(`session ${session.id}: ${e.message}`);
    throw e;
  }
}

/**
 * Every screen after the first asks pks something: without pks or tkgi on PATH, one line
 * says so (not "log in", which cannot help), and how to try the tool without them.
 */
export function assertPksCliOnPath(env: Env): void {
  if (Pks.detect(env)) return;
  throw new UsageError(
    `pks/tkgi is not on PATH: install the PKS CLI (\`pks\` or \`tkgi\`) and put it on PATH, then run again; to try the tool against its built-in lab: ${commandLine('--demo')}`,
  );
}

/** The Ink app, loaded only here: non-interactive runs never load Ink or React. */
export async function startInteractive(options: InteractiveOptions): Promise<number> {
  const { env, demoConfig } = options;
  const demo = demoConfig !== undefined;
  if (!demo) assertPksCliOnPath(env);
  const store = new SessionStore({ env, demo });
  const pks = new Pks({ binary: Pks.detect(env) ?? 'pks', env });
  const { runInteractive } = await import('../ui/interactive.js');
  return runInteractive({
    env,
    store,
    pks,
    baseDir: options.baseDir,
    start: { ...options.start, demo },
    bootstrapPassword: bootstrapPassword(env),
    // A demo session's own answers name files in its old lab's folder: this lab's answers serve.
    openSession: (id) =>
      demoConfig
        ? { session: sessionOrFail(store, id), config: demoConfig }
        : openSession(store, id, env),
  });
}
