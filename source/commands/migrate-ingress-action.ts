import { createInterface } from 'node:readline/promises';
import { acceptanceOf } from '../checks/preflight-gate.js';
import type { Config } from '../config/config.js';
import { ConfigError } from '../config/errors.js';
import { parseAnswers } from '../config/load-answers.js';
import type { IngressControllerName } from '../config/schema.js';
import { ExitCode, UsageError } from '../exit-codes.js';
import { bootstrapPassword } from '../config/bootstrap-password.js';
import { controllerOf } from '../engine/desired/ingress-controller.js';
import { commandLine, resumeCommandLine } from '../invocation.js';
import type { Session } from '../session/session.js';
import { SessionStore } from '../session/session-store.js';
import { passGateWithLines } from './preflight-gate-lines.js';
import { interactive, runSessionWithLines } from './run-session.js';
import type { Env } from '../shared/env.js';

export interface MigrateIngressOptions {
  to: IngressControllerName;
  yes?: boolean;
  acceptWarnings?: boolean | string;
}

const write = (line: string) => process.stdout.write(line + '\n');

/**
 * The finished run whose Rancher moves: the one named, else the latest finished install or
 * migration (a migration's answers name the controller it moved to).
 */
function baseSession(store: SessionStore, id: string | undefined): Session {
  const chosen = id ?? store.list().find((s) => s.status === 'done' && !s.demo)?.id;
  if (!chosen)
    throw new UsageError(
      'ID: no finished install to migrate; finish (or resume) the install first, or name a session',
    );
  const session = store.get(chosen);
  if (!session)
    throw new UsageError(
      `ID: no session "${chosen}"; list them with \`${commandLine('sessions')}\``,
    );
  if (session.demo)
    throw new UsageError(
      `ID: session ${session.id} was a demo: its lab ended with it, so there is no Rancher to move`,
    );
  if (session.status !== 'done')
    throw new UsageError(
      `ID: session ${session.id} has not finished; finish it first: ${resumeCommandLine(session)}`,
    );
  return session;
}

/** The session's answers with the controller switched (and its chart chosen afresh). */
function migratedConfig(session: Session, to: IngressControllerName, env: Env): Config {
  try {
    const answers = { ...session.answers, ingress: { controller: to, chartVersion: '' } };
    return parseAnswers(answers, '/', env);
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(`session ${session.id}: ${e.message}`);
    throw e;
  }
}

async function confirmed(from: Config, to: IngressControllerName): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await rl.question(
      `Move Rancher at https://${from.rancher.hostname} to ${controllerOf(to).label}? The DNS record will have to point at the new virtual server. [y/N] `,
    );
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

export async function migrateIngressAction(
  id: string | undefined,
  options: MigrateIngressOptions,
): Promise<void> {
  const env = process.env;
  const store = new SessionStore({ env });
  const base = baseSession(store, id);
  const config = migratedConfig(base, options.to, env);
  if (!options.yes) {
    if (!interactive())
      throw new UsageError(
        '--yes: not in a terminal, so the migration cannot be confirmed; add --yes',
      );
    if (!(await confirmed(config, options.to))) {
      write('Nothing was changed.');
      return;
    }
  }
  const accepted = await passGateWithLines(
    config,
    env,
    acceptanceOf(options.acceptWarnings),
    write,
    { migratingIngress: true },
  );
  if (!accepted) {
    process.exitCode = ExitCode.failed;
    return;
  }
  process.exitCode = await runSessionWithLines({
    config,
    plan: 'migrate-ingress',
    store,
    env,
    bootstrapPassword: bootstrapPassword(env),
    acceptedWarnings: accepted,
  });
}
