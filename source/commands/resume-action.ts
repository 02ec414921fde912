import type { Config } from '../config/config.js';
import { UsageError } from '../exit-codes.js';
import { bootstrapPassword } from '../install/bootstrap-password.js';
import type { Session } from '../session/session.js';
import { SessionStore } from '../session/session-store.js';
import type { Env } from '../systems/systems.js';
import { withDemo } from './config-source.js';
import { openSession, startInteractive } from './interactive-start.js';
import { interactive, runSessionWithLines } from './run-session.js';

function pickSession(
  store: SessionStore,
  id: string | undefined,
  env: Env,
): { session: Session; config: Config } {
  if (id) return openSession(store, id, env);
  const latest = store.latestUnfinished();
  if (!latest)
    throw new UsageError(
      'ID: no unfinished session to resume; start one with `rancher-pks-tui install --answers FILE`',
    );
  return openSession(store, latest.id, env);
}

async function resume(id: string | undefined, env: Env, demoConfig?: Config): Promise<number> {
  const store = new SessionStore({ env });
  const picked = pickSession(store, id, env);
  const config = demoConfig ?? picked.config;
  if (picked.session.status === 'done') {
    process.stdout.write(
      `session ${picked.session.id} already finished; checking that everything is still in place\n`,
    );
  }
  if (interactive()) {
    return startInteractive({
      env,
      baseDir: process.cwd(),
      start: { resume: { session: picked.session, config }, offerResume: false },
    });
  }
  const password = bootstrapPassword(env);
  return runSessionWithLines({
    config,
    session: picked.session,
    store,
    env,
    bootstrapPassword: password,
    resumed: true,
  });
}

export async function resumeAction(
  id: string | undefined,
  options: { demo?: boolean; timescale: string },
): Promise<void> {
  process.exitCode = await withDemo(
    options,
    (config, env) => resume(id, env, config),
    () => resume(id, process.env),
  );
}
