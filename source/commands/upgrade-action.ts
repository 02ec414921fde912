import { runDayTwo } from './day-two-run.js';
import { createInterface } from 'node:readline/promises';
import type { Config } from '../config/config.js';
import { ConfigError } from '../config/errors.js';
import { parseAnswers } from '../config/load-answers.js';
import type { Facts } from '../engine/facts.js';
import type { RunRequest } from '../engine/run-request.js';
import { ExitCode, UsageError } from '../exit-codes.js';
import type { Session } from '../session/session.js';
import { SessionStore } from '../session/session-store.js';
import { finishedSession } from './finished-session.js';
import { statusPasses } from './status-gate.js';
import { interactive } from './terminal.js';

export interface UpgradeOptions {
  rancherVersion?: string;
  yes?: boolean;
}

const write = (line: string) => process.stdout.write(line + '\n');

function configOf(session: Session): Config {
  try {
    return parseAnswers(session.answers, '/', process.env);
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(`session ${session.id}: ${e.message}`);
    throw e;
  }
}

/** `2.13.7` or `v2.13.7`; anything else is refused before anything runs. */
function versionOrFail(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^v?\d+\.\d+\.\d+$/.test(value.trim()))
    throw new UsageError(`--rancher-version: "${value}" is not a chart version; use e.g. 2.13.7`);
  return value.trim().replace(/^v/, '');
}

/**
 * What the upgrade starts from: the install's facts, less what it must read afresh (the
 * cluster's Kubernetes and the chart it chose then).
 */
function startingFacts(base: Readonly<Facts>, rancherVersion: string | undefined): Facts {
  const { kubeVersion: _k, rancherChartVersion: _r, upgrade: _u, ...kept } = base;
  return { ...kept, upgrade: rancherVersion ? { rancherVersion } : {} };
}

async function confirmed(config: Config): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await rl.question(
      `Upgrade Rancher at https://${config.rancher.hostname}? Take a backup first (the plan names it). [y/N] `,
    );
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

export async function upgradeAction(
  id: string | undefined,
  options: UpgradeOptions,
): Promise<void> {
  const env = process.env;
  const rancherVersion = versionOrFail(options.rancherVersion);
  const store = new SessionStore({ env });
  const base = finishedSession(store, id, { verb: 'upgrade' });
  const config = configOf(base);
  if (!options.yes && !interactive())
    throw new UsageError('--yes: not in a terminal, so the upgrade cannot be confirmed; add --yes');
  if (!(await statusPasses(config, base, write, 'upgrade'))) {
    process.exitCode = ExitCode.failed;
    return;
  }
  if (!options.yes && !(await confirmed(config))) {
    write('Nothing was changed.');
    return;
  }
  const request: RunRequest = {
    config,
    plan: 'upgrade',
    facts: startingFacts(base.facts, rancherVersion),
    store,
    env,
  };
  process.exitCode = await runDayTwo(request);
}
