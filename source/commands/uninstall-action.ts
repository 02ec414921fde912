import { runDayTwo } from './day-two-run.js';
import { createInterface } from 'node:readline/promises';
import type { Config } from '../config/config.js';
import type { RunEvent } from '../engine/contract.js';
import type { Facts } from '../engine/facts.js';
import type { RunRequest } from '../engine/run-request.js';
import { uninstallPreflight } from '../engine/uninstall-preflight.js';
import { ExitCode, UsageError } from '../exit-codes.js';
import { SessionStore } from '../session/session-store.js';
import { lineReporter } from './line-reporter.js';
import { interactive } from './terminal.js';
import { uninstallBase } from './uninstall-base.js';

export interface UninstallOptions {
  answers?: string;
  deleteCluster?: boolean;
  all?: boolean;
  force?: boolean;
  yes?: boolean;
}

const write = (line: string) => process.stdout.write(line + '\n');

/** The preflight's lines: its findings, not the runner's bookkeeping. */
function preflightReporter(): (event: RunEvent) => void {
  const lines = lineReporter(write);
  return (event) => {
    if (event.type === 'step-progress') return write(`  ${event.message}`);
    if (event.type === 'step-failed') return lines(event);
  };
}

async function ask(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await rl.question(question)).trim();
  } finally {
    rl.close();
  }
}

/** Deleting the cluster asks for its name, typed; removing Rancher alone asks y/N. */
async function confirmed(config: Config, deleteCluster: boolean): Promise<boolean> {
  if (deleteCluster) {
    const typed = await ask(
      `This deletes the PKS cluster ${config.pks.cluster} and everything in it. Type its name to confirm: `,
    );
    return typed === config.pks.cluster;
  }
  const answer = await ask(
    `Remove Rancher (https://${config.rancher.hostname}) from ${config.pks.cluster}? [y/N] `,
  );
  return /^y(es)?$/i.test(answer);
}

export async function uninstallAction(
  id: string | undefined,
  options: UninstallOptions,
): Promise<void> {
  const env = process.env;
  const store = new SessionStore({ env });
  const base = uninstallBase(store, id, options.answers, env);
  const facts: Facts = {
    ...base.facts,
    uninstall: {
      ...(base.of ? { of: base.of } : {}),
      deleteCluster: options.deleteCluster ?? false,
      all: options.all ?? false,
      force: options.force ?? false,
    },
  };
  const tty = interactive();
  if (!options.yes && !tty)
    throw new UsageError(
      '--yes: not in a terminal, so the uninstall cannot be confirmed; add --yes',
    );
  write(
    `Uninstall of Rancher from ${base.config.pks.cluster}${base.of ? ` (install session ${base.of})` : ''}: preflight`,
  );
  const stop = new AbortController();
  const status = await uninstallPreflight(
    base.config,
    facts,
    env,
    preflightReporter(),
    stop.signal,
  );
  if (status !== 'done') {
    write('Nothing was changed.');
    process.exitCode = ExitCode.failed;
    return;
  }
  if (!options.yes && !(await confirmed(base.config, facts.uninstall!.deleteCluster))) {
    write('Nothing was changed.');
    return;
  }
  const request: RunRequest = { config: base.config, plan: 'uninstall', facts, store, env };
  process.exitCode = await runDayTwo(request);
}
