import type { Config } from '../config/config.js';
import { acceptanceOf, type WarningAcceptance } from '../checks/preflight-gate.js';
import { ExitCode, UsageError } from '../exit-codes.js';
import { bootstrapPassword } from '../config/bootstrap-password.js';
import type { Session } from '../session/session.js';
import { SessionStore } from '../session/session-store.js';
import { withDemo } from './config-source.js';
import { openSession, startInteractive } from './interactive-start.js';
import { passGateWithLines } from './preflight-gate-lines.js';
import { interactive, runSessionWithLines } from './run-session.js';
import type { Env } from '../shared/env.js';

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

export interface ResumeOptions {
  demo?: boolean;
  timescale: string;
  acceptWarnings?: boolean | string;
}

const write = (line: string) => process.stdout.write(line + '\n');

async function resume(
  id: string | undefined,
  env: Env,
  acceptance: WarningAcceptance,
  demoConfig?: Config,
): Promise<number> {
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
  // The gate again: what was true when the session began may not be now.
  const accepted = await passGateWithLines(config, env, acceptance, write, {
    migratingIngress: picked.session.plan === 'migrate-ingress',
  });
  if (!accepted) return ExitCode.failed;
  return runSessionWithLines({
    config,
    session: picked.session,
    store,
    env,
    bootstrapPassword: bootstrapPassword(env),
    acceptedWarnings: accepted,
  });
}

export async function resumeAction(id: string | undefined, options: ResumeOptions): Promise<void> {
  const acceptance = acceptanceOf(options.acceptWarnings);
  process.exitCode = await withDemo(
    options,
    (config, env) => resume(id, env, acceptance, config),
    () => resume(id, process.env, acceptance),
  );
}
