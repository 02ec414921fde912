import { createInterface } from 'node:readline/promises';
import type { Config } from '../config/config.js';
import { ConfigError } from '../config/errors.js';
import type { Inventory } from '../config/inventory.js';
import { loadInventory } from '../config/load-inventory.js';
import { parseAnswers } from '../config/load-answers.js';
import { cliName } from '../engine/desired/pks-rules.js';
import type { Facts } from '../engine/facts.js';
import type { FleetFacts } from '../engine/fleet/fleet-facts.js';
import { labelValue } from '../engine/fleet/fleet-label.js';
import type { RunRequest } from '../engine/run-request.js';
import { importCheckStage } from '../engine/stages/import-check.js';
import { ExitCode, UsageError } from '../exit-codes.js';
import type { Session } from '../session/session.js';
import { SessionStore } from '../session/session-store.js';
import type { Env } from '../shared/env.js';
import { Pks } from '../systems/pks.js';
import { pksInventory } from '../systems/pks-inventory.js';
import { runDayTwo } from './day-two-run.js';
import { finishedSession } from './finished-session.js';
import { openRancher, rancherUrlOf } from './import-rancher.js';
import { askHidden } from './hidden-prompt.js';
import { removeClusters } from './import-remove.js';
import { fleetSystems, readCa } from './import-systems.js';
import { runImportWithLines } from './run-import.js';
import { statusPasses } from './status-gate.js';
import { interactive } from './terminal.js';

export interface ImportOptions {
  inventory?: string;
  fromPks?: string;
  concurrency: string;
  json?: boolean;
  yes?: boolean;
  check?: boolean;
  rancherUrl?: string;
  rancherCa?: string;
  podIpBlockPrefix?: string;
  remove?: boolean;
}

export const fromPksPrefix = '--from-pks ';

/** Logs out the login tokens this process made (a RANCHER_TOKEN stays). */
const closers: (() => Promise<void>)[] = [];
async function closeAll(): Promise<void> {
  await Promise.all(closers.splice(0).map((close) => close()));
}

function configOf(session: Session, env: Env): Config {
  try {
    return parseAnswers(session.answers, '/', env);
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(`session ${session.id}: ${e.message}`);
    throw e;
  }
}

function intOption(
  value: string | undefined,
  flag: string,
  min: number,
  max: number,
  example: string,
) {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(
      `${flag}: "${value}" must be a whole number from ${min} to ${max}, e.g. ${example}`,
    );
  return n;
}

/** The inventory from its file, or from `pks clusters` (skipped clusters named on stderr). */
export async function inventoryOf(
  source: string,
  config: Config,
  env: Env,
  note: (line: string) => void,
): Promise<Inventory> {
  try {
    if (!source.startsWith(fromPksPrefix)) return loadInventory(source, env);
    const pattern = source.slice(fromPksPrefix.length);
    const { inventory, skipped } = await pksInventory(
      new Pks({ binary: cliName(config.pks), env }),
      pattern,
    );
    for (const skip of skipped) note(`--from-pks: ${skip.pksCluster} left out: ${skip.reason}`);
    return inventory;
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.problems?.join('\n') ?? e.message);
    throw e;
  }
}

/** What the import starts from: the install's facts it reads (Rancher's version), and its own. */
function startingFacts(base: Readonly<Facts>, fleet: FleetFacts): Facts {
  return {
    ...(base.rancherChartVersion ? { rancherChartVersion: base.rancherChartVersion } : {}),
    ...(base.kubeVersion ? { kubeVersion: base.kubeVersion } : {}),
    fleet,
  };
}

async function confirmed(count: number, config: Config): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await rl.question(
      `Import ${count} cluster${count === 1 ? '' : 's'} into Rancher at https://${config.rancher.hostname}? [y/N] `,
    );
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

/** The run request of an import (new, or resumed from its session's facts). */
export async function importRequest(
  store: SessionStore,
  base: Session,
  fleet: FleetFacts,
  env: Env,
  note: (line: string) => void,
  session?: Session,
  noInventory = false,
): Promise<RunRequest> {
  const config = configOf(base, env);
  const inventory = noInventory
    ? { source: 'none', rows: [] }
    : await inventoryOf(fleet.inventory, config, env, note);
  const rancherUrl = rancherUrlOf(config, fleet.rancherUrl);
  const caFile = fleet.rancherCa ?? config.tls.caCerts;
  const caPem = caFile
    ? readCa(caFile, fleet.rancherCa ? '--rancher-ca' : 'tls.caCerts')
    : undefined;
  const signal = new AbortController().signal;
  const access = await openRancher(
    { url: rancherUrl, ...(caPem ? { caPem } : {}) },
    config,
    env,
    // In a terminal, the admin password is asked when neither variable gives access.
    interactive()
      ? () => askHidden(`Rancher admin password for https://${config.rancher.hostname}: `)
      : undefined,
  );
  const rancher = access.api;
  closers.push(() => access.close());
  return {
    config,
    plan: 'import',
    facts: startingFacts(base.facts, fleet),
    ...(session ? { session } : {}),
    store,
    env,
    fleet: fleetSystems({
      config,
      inventory,
      rancher,
      rancherUrl,
      ...(caPem ? { caPem } : {}),
      ...(base.facts.rancherChartVersion ? { rancherVersion: base.facts.rancherChartVersion } : {}),
      installSession: base.id,
      store,
      env,
      signal,
    }),
  };
}

/** `import --remove NAME…`: the inventory (given, else the latest import's) says how to reach each. */
async function removeAction(names: string[], options: ImportOptions, env: Env): Promise<number> {
  if (names.length === 0)
    throw new UsageError(
      '--remove: name the clusters to remove, e.g. import --remove edge-001 edge-002',
    );
  const store = new SessionStore({ env });
  const base = finishedSession(store, undefined, { verb: 'remove clusters from' });
  const latest = store
    .list()
    .map((s) => store.get(s.id))
    .find((s) => s?.plan === 'import' && s.facts.fleet?.of === base.id);
  const given =
    options.inventory ?? (options.fromPks ? `${fromPksPrefix}${options.fromPks}` : undefined);
  const inventory = given ?? latest?.facts.fleet?.inventory;
  const fleet: FleetFacts = {
    of: base.id,
    inventory: inventory ?? '',
    concurrency: 1,
    marker: labelValue(base.id),
    rows: {},
    ...(options.rancherUrl ? { rancherUrl: options.rancherUrl } : {}),
    ...(options.rancherCa ? { rancherCa: options.rancherCa } : {}),
  };
  const out = (line: string) => process.stdout.write(line + '\n');
  const request = await importRequest(
    store,
    base,
    fleet,
    env,
    out,
    undefined,
    inventory === undefined,
  );
  if (!options.yes && !interactive())
    throw new UsageError('--yes: not in a terminal, so the removal cannot be confirmed; add --yes');
  if (!options.yes) {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    const answer = await rl.question(
      `Remove ${names.join(', ')} from Rancher and their agents? [y/N] `,
    );
    rl.close();
    if (!/^y(es)?$/i.test(answer.trim())) {
      out('Nothing was changed.');
      return ExitCode.ok;
    }
  }
  return removeClusters(names, request.fleet!, out);
}

export async function importAction(args: string[], options: ImportOptions): Promise<void> {
  try {
    await importOrRemove(args, options);
  } finally {
    await closeAll();
  }
}

async function importOrRemove(args: string[], options: ImportOptions): Promise<void> {
  const env = process.env;
  if (options.remove) {
    process.exitCode = await removeAction(args, options, env);
    return;
  }
  if (args.length > 1)
    throw new UsageError(
      `ID: one install session at most, not ${args.length} words; to remove clusters add --remove`,
    );
  const id = args[0];
  if ((options.inventory === undefined) === (options.fromPks === undefined))
    throw new UsageError(
      '--inventory: name the clusters with --inventory FILE or --from-pks PATTERN (one of them)',
    );
  const concurrency = intOption(options.concurrency, '--concurrency', 1, 100, '10')!;
  const podIpBlockPrefix = intOption(
    options.podIpBlockPrefix,
    '--pod-ip-block-prefix',
    8,
    28,
    '16',
  );
  const out = (line: string) => process.stdout.write(line + '\n');
  const note = options.json ? (line: string) => process.stderr.write(line + '\n') : out;
  if (!options.yes && !options.check && !interactive())
    throw new UsageError('--yes: not in a terminal, so the import cannot be confirmed; add --yes');
  const store = new SessionStore({ env });
  const base = finishedSession(store, id, { verb: 'import clusters into' });
  const fleet: FleetFacts = {
    of: base.id,
    inventory:
      options.inventory !== undefined ? options.inventory : `${fromPksPrefix}${options.fromPks}`,
    concurrency,
    ...(podIpBlockPrefix !== undefined ? { podIpBlockPrefix } : {}),
    ...(options.rancherUrl ? { rancherUrl: options.rancherUrl } : {}),
    ...(options.rancherCa ? { rancherCa: options.rancherCa } : {}),
    marker: labelValue(base.id),
    rows: {},
  };
  // An unfinished import of this install goes on with the new options and keeps its rows (a
  // refused budget is fixed with --pod-ip-block-prefix; a store allows one unfinished
  // session per cluster anyway).
  const unfinished = unfinishedImport(store, base.id);
  if (unfinished) {
    const kept = unfinished.facts.fleet!;
    fleet.rows = kept.rows;
    if (kept.namespacesMeasured) {
      fleet.namespacesMeasured = true;
      if (kept.namespacesPerImport !== undefined)
        fleet.namespacesPerImport = kept.namespacesPerImport;
    }
  }
  const request = await importRequest(store, base, fleet, env, note, unfinished);
  if (unfinished)
    note(`continuing import session ${unfinished.id} (its clusters kept, the options given now)`);
  // The file's absolute path, so a resume from elsewhere reads the same inventory.
  if (options.inventory !== undefined) fleet.inventory = request.fleet!.inventory.source;
  if (unfinished) unfinished.setFacts({ ...unfinished.facts, fleet });
  const config = request.config;
  if (!(await statusPasses(config, base, note, 'import', podIpBlockPrefix))) {
    process.exitCode = ExitCode.failed;
    return;
  }
  const count = request.fleet!.inventory.rows.length;
  if (options.check) {
    process.exitCode = await runImportWithLines(request, {
      json: options.json ?? false,
      stages: [importCheckStage()],
    });
    return;
  }
  if (!options.yes && !(await confirmed(count, config))) {
    out('Nothing was changed.');
    return;
  }
  process.exitCode =
    options.json || !interactive()
      ? await runImportWithLines(request, { json: options.json ?? false })
      : await runDayTwo(request);
}

/** The latest import session of this install that has not finished. */
function unfinishedImport(store: SessionStore, installId: string): Session | undefined {
  for (const summary of store.list()) {
    if (summary.plan !== 'import' || summary.status === 'done') continue;
    const session = store.get(summary.id);
    if (session?.facts.fleet?.of === installId) return session;
  }
  return undefined;
}

/** `resume` of an import session: the inventory and Rancher access read again (the token too). */
export async function resumeImport(
  session: Session,
  store: SessionStore,
  env: Env,
): Promise<number> {
  const fleet = session.facts.fleet;
  if (!fleet)
    throw new UsageError(
      `session ${session.id}: an import without its fleet facts; start it again with import`,
    );
  const base = fleet.of ? store.get(fleet.of) : undefined;
  if (!base)
    throw new UsageError(
      `session ${session.id}: its install session ${fleet.of ?? '?'} is gone; start the import again`,
    );
  try {
    const request = await importRequest(
      store,
      base,
      fleet,
      env,
      (l) => process.stdout.write(l + '\n'),
      session,
    );
    return await (interactive() ? runDayTwo(request) : runImportWithLines(request));
  } finally {
    await closeAll();
  }
}
