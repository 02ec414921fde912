import { Command, Option } from 'commander';
import { parseAnswers } from '../config/load-answers.js';
import { ConfigError } from '../config/errors.js';
import type { Config } from '../config/config.js';
import { UsageError } from '../exit-codes.js';
import { bootstrapPassword } from '../install/bootstrap-password.js';
import type { Session } from '../session/session.js';
import { SessionStore } from '../session/session-store.js';
import type { Env } from '../systems/systems.js';
import { withDemo } from './config-source.js';
import { interactive, runSessionWithLines } from './run-session.js';

function pickSession(store: SessionStore, id: string | undefined): Session {
  if (id) {
    const session = store.get(id);
    if (!session)
      throw new UsageError(`ID: no session "${id}"; list them with \`rancher-pks-tui sessions\``);
    return session;
  }
  const latest = store.latestUnfinished();
  if (!latest)
    throw new UsageError(
      'ID: no unfinished session to resume; start one with `rancher-pks-tui install --answers FILE`',
    );
  return latest;
}

function configOf(session: Session, env: Env): Config {
  try {
    return parseAnswers(session.answers, '/', env);
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(`session ${session.id}: ${e.message}`);
    throw e;
  }
}

async function resume(id: string | undefined, env: Env, config?: Config): Promise<number> {
  const store = new SessionStore({ env });
  const session = pickSession(store, id);
  if (session.status === 'done')
    process.stdout.write(
      `session ${session.id} already finished; checking that everything is still in place\n`,
    );
  const password = await bootstrapPassword(env, interactive());
  return runSessionWithLines({
    config: config ?? configOf(session, env),
    session,
    store,
    env,
    bootstrapPassword: password,
    resumed: true,
  });
}

export function resumeCommand(): Command {
  return new Command('resume')
    .description('continue a saved session (default: the latest unfinished one)')
    .argument('[id]', 'session id, from `rancher-pks-tui sessions`')
    .option(
      '--demo',
      'against a fresh built-in lab (the demo lab lives only as long as its process)',
    )
    .addOption(new Option('--timescale <factor>', "demo only: the lab's speed").default('1'))
    .action(async (id: string | undefined, options: { demo?: boolean; timescale: string }) => {
      process.exitCode = await withDemo(
        options,
        (config, env) => resume(id, env, config),
        () => resume(id, process.env),
      );
    });
}
