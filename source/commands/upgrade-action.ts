import { runDayTwo } from './day-two-run.js';
import { createInterface } from 'node:readline/promises';
import { readOnlySystems } from '../checks/read-only-systems.js';
import type { Config } from '../config/config.js';
import { ConfigError } from '../config/errors.js';
import { parseAnswers } from '../config/load-answers.js';
import type { Facts } from '../engine/facts.js';
import type { RunRequest } from '../engine/run-request.js';
import {
  hopsOf,
  nothingToUpgrade,
  previewLines,
  previewUpgrade,
  refusal,
  type UpgradePreview,
  type UpgradeTargets,
} from '../engine/upgrade-preview.js';
import { ExitCode, UsageError } from '../exit-codes.js';
import { PermanentError } from '../systems/errors.js';
import type { Session } from '../session/session.js';
import { SessionStore } from '../session/session-store.js';
import { finishedSession } from './finished-session.js';
import { statusPasses } from './status-gate.js';
import { interactive } from './terminal.js';

export interface UpgradeOptions {
  rancherVersion?: string;
  ingressVersion?: string;
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
function versionOrFail(
  value: string | undefined,
  flag: string,
  example: string,
): string | undefined {
  if (value === undefined) return undefined;
  if (!/^v?\d+\.\d+\.\d+$/.test(value.trim()))
    throw new UsageError(`${flag}: "${value}" is not a chart version; use e.g. ${example}`);
  return value.trim().replace(/^v/, '');
}

/**
 * What the upgrade starts from: the install's facts, with what the read-only planning found
 * afresh (the cluster's Kubernetes, the charts installed now) and the hops the user saw.
 */
function startingFacts(
  base: Readonly<Facts>,
  targets: UpgradeTargets,
  preview: UpgradePreview,
): Facts {
  const { kubeVersion: _k, rancherChartVersion: _r, upgrade: _u, ...kept } = base;
  return {
    ...kept,
    kubeVersion: preview.kubeVersion,
    rancherChartVersion: preview.rancher.installed,
    ingressChartVersion: preview.ingress.installed,
    upgrade: {
      ...targets,
      hops: hopsOf(preview.rancher),
      ingressHops: hopsOf(preview.ingress),
    },
  };
}

async function confirmed(config: Config, preview: UpgradePreview): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const what =
    preview.rancher.plan.kind === 'hops'
      ? 'Rancher'
      : `${preview.ingress.product} in front of Rancher`;
  try {
    const answer = await rl.question(
      `Upgrade ${what} at https://${config.rancher.hostname}? Take a backup first (the plan names it). [y/N] `,
    );
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

/**
 * The hops and the values each sets, worked out read-only before the question: a version
 * asked for that cannot be reached is bad input; anything else that stops the planning is
 * reported with its remedy, and nothing changes.
 */
async function planned(
  config: Config,
  base: Session,
  targets: UpgradeTargets,
): Promise<UpgradePreview | undefined> {
  let preview: UpgradePreview;
  try {
    preview = await previewUpgrade(
      {
        config,
        systems: readOnlySystems(config, process.env),
        ...(base.facts.workers !== undefined ? { workers: base.facts.workers } : {}),
      },
      targets,
    );
  } catch (e) {
    if (!(e instanceof PermanentError)) throw e;
    write(`${e.message}\n  ${e.remedy}`);
    write('Nothing was changed.');
    return undefined;
  }
  const refused = refusal(preview);
  if (refused) throw new UsageError(`${refused.message}; ${refused.remedy}`);
  for (const line of previewLines(preview)) write(line);
  return preview;
}

export async function upgradeAction(
  id: string | undefined,
  options: UpgradeOptions,
): Promise<void> {
  const env = process.env;
  const rancherVersion = versionOrFail(options.rancherVersion, '--rancher-version', '2.13.7');
  const ingressVersion = versionOrFail(options.ingressVersion, '--ingress-version', '39.0.9');
  const targets: UpgradeTargets = {
    ...(rancherVersion ? { rancherVersion } : {}),
    ...(ingressVersion ? { ingressVersion } : {}),
  };
  const store = new SessionStore({ env });
  const base = finishedSession(store, id, { verb: 'upgrade' });
  const config = configOf(base);
  if (!options.yes && !interactive())
    throw new UsageError('--yes: not in a terminal, so the upgrade cannot be confirmed; add --yes');
  if (!(await statusPasses(config, base, write, 'upgrade'))) {
    process.exitCode = ExitCode.failed;
    return;
  }
  const preview = await planned(config, base, targets);
  if (!preview) {
    process.exitCode = ExitCode.failed;
    return;
  }
  if (nothingToUpgrade(preview)) {
    write(
      `Rancher ${preview.rancher.installed} and ${preview.ingress.product} ${preview.ingress.installed} are the newest that fit Kubernetes ${preview.kubeVersion}: nothing was upgraded, nothing was changed.`,
    );
    return;
  }
  if (!options.yes && !(await confirmed(config, preview))) {
    write('Nothing was changed.');
    return;
  }
  const request: RunRequest = {
    config,
    plan: 'upgrade',
    facts: startingFacts(base.facts, targets, preview),
    store,
    env,
  };
  process.exitCode = await runDayTwo(request);
}
