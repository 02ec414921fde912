import { createInterface } from 'node:readline/promises';
import { acceptanceOf } from '../checks/preflight-gate.js';
import type { Config } from '../config/config.js';
import { ConfigError } from '../config/errors.js';
import { parseAnswers } from '../config/load-answers.js';
import type { IngressControllerName } from '../config/schema.js';
import { ExitCode, UsageError } from '../exit-codes.js';
import { bootstrapPassword } from '../config/bootstrap-password.js';
import { controllerOf } from '../engine/desired/ingress-controller.js';
import type { Session } from '../session/session.js';
import { SessionStore } from '../session/session-store.js';
import { finishedSession } from './finished-session.js';
import { passGateWithLines } from './preflight-gate-lines.js';
import { runSessionWithLines } from './run-session.js';
import { interactive } from './terminal.js';
import type { Env } from '../shared/env.js';

export interface MigrateIngressOptions {
  to: IngressControllerName;
  yes?: boolean;
  acceptWarnings?: boolean | string;
}

const write = (line: string) => process.stdout.write(line + '\n');

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
  const base = finishedSession(store, id, { verb: 'migrate' });
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
