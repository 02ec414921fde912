import type { InventoryRow } from '../../config/inventory.js';
import { PermanentError } from '../../systems/errors.js';
import type { Stage, Step, StepContext } from '../contract.js';
import { podNetwork } from '../desired/nsx-pod-network.js';
import { minorOf, rancherSupport, supports } from '../desired/rancher-support.js';
import { isOurs } from '../fleet/fleet-label.js';
import { runPool } from '../fleet/fleet-pool.js';
import { fleetRunOf, type FleetRun } from '../fleet/fleet-run.js';
import { assumedNamespacesPerImport, budgetVerdict } from '../fleet/nsx-budget.js';
import {
  checkReachability,
  reachCommand,
  reachFailure,
  reachObjects,
} from '../fleet/reachability.js';
import { stringify } from 'yaml';
import { serverUrlOf, settingRef } from '../desired/rancher-server.js';

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Rows still to import (not active, not failed a check already). */
export function rowsToDo(run: FleetRun): InventoryRow[] {
  return run.systems.inventory.rows.filter((row) => {
    const state = run.board.get(row.name).state;
    return state !== 'active' && state !== 'failed' && state !== 'removed';
  });
}

const pushRows = (rows: InventoryRow[]) => rows.filter((r) => r.access.kind !== 'offline');

/** Rancher answers with this token; a resume gives failed rows another go. */
const rancherAccess: Step = {
  id: 'import.rancher',
  title: "Rancher's API answers",
  async run(ctx) {
    const run = fleetRunOf(ctx);
    for (const row of run.board.all()) if (row.state === 'failed') run.board.requeue(row.name);
    const clusters = await run.systems.rancher.clusters(ctx.signal);
    const done = run.board.all().filter((r) => r.state === 'active').length;
    if (!(await serverUrlSet(ctx)))
      ctx.progress(
        `Rancher's server-url setting is empty: the import sets it to ${serverUrlOf(ctx.config)} (registration URLs need it)`,
      );
    ctx.progress(
      `${clusters.length} cluster${clusters.length === 1 ? '' : 's'} in Rancher; ${run.board.all().length} in the inventory${done ? `, ${done} already active` : ''}`,
    );
  },
  runbook: () => [{ kind: 'check', text: 'GET /v3/clusters with the API token answers' }],
};

/**
 * Rancher leaves a registration's manifestUrl and command empty while the `server-url`
 * setting is (rancher/rancher pkg/controllers/dashboard/clusterregistrationtoken/status.go
 * getURL); a fresh install's is empty until the first login asks for it.
 */
async function serverUrlSet(ctx: StepContext): Promise<boolean> {
  const setting = await ctx.systems
    .kube()
    .get(settingRef('server-url'))
    .catch(() => undefined);
  return !setting || Boolean(setting.value);
}

/** Sets `server-url` when empty (as the install's finish stage does for the local cluster). */
export async function ensureServerUrl(ctx: StepContext): Promise<void> {
  if (await serverUrlSet(ctx)) return;
  const url = serverUrlOf(ctx.config);
  await ctx.systems.kube().mergePatch({
    apiVersion: 'management.cattle.io/v3',
    kind: 'Setting',
    metadata: { name: 'server-url' },
    value: url,
  });
  ctx.progress(`server-url set to ${url}`);
}

/** The Rancher line the install runs: `2.13.8` → `2.13`. */
function rancherLine(ctx: StepContext): string | undefined {
  const version = ctx.facts.rancherChartVersion;
  return version ? minorOf(version) : undefined;
}

/** Each row: a free name; each push cluster: answers, on a Kubernetes the Rancher line supports. */
const clustersAnswer: Step = {
  id: 'import.clusters',
  title: 'Each cluster answers, on a Kubernetes this Rancher supports, under a free name',
  async run(ctx) {
    const run = fleetRunOf(ctx);
    const { board, systems } = run;
    const existing = new Map((await systems.rancher.clusters(ctx.signal)).map((c) => [c.name, c]));
    const line = rancherLine(ctx);
    const fail = (name: string, lastError: string, fix: string) =>
      board.update(name, { state: 'failed', lastError, fix, step: 'failed the check' });
    const rows = rowsToDo(run);
    await runPool(
      rows,
      run.facts.concurrency,
      async (row) => {
        const clash = existing.get(row.name);
        if (clash && !isOurs(clash))
          return void fail(
            row.name,
            `Rancher already has a cluster named ${row.name} (${clash.id}, ${clash.driver ?? 'of unknown origin'}) that this tool did not import`,
            `rename the row in the inventory, or remove ${row.name} from Rancher first`,
          );
        if (row.access.kind === 'offline')
          return void board.update(row.name, { step: 'offline: a bundle will be written' });
        board.update(row.name, { state: 'checking', step: 'asking its API for its version' });
        let version: string;
        try {
          version = await (await systems.downstream(row)).version();
        } catch (error) {
          if (ctx.signal.aborted) return;
          return void fail(
            row.name,
            `the cluster does not answer: ${message(error)}`,
            row.access.kind === 'pks'
              ? `check \`pks cluster ${row.access.pksCluster}\` and that get-credentials works, then resume`
              : `check the kubeconfig ${row.access.kind === 'kubeconfig' ? row.access.kubeconfig : ''} (server, context, credentials) and the network from here, then resume`,
          );
        }
        const minor = minorOf(version);
        const supported = line && minor ? supports(line, minor) : undefined;
        if (supported === false) {
          const [low, high] = rancherSupport.lines[line!]!;
          return void fail(
            row.name,
            `Kubernetes ${version} is outside what Rancher ${line} supports (${low}–${high})`,
            `upgrade the cluster into ${low}–${high} (or Rancher to a line that supports ${minor}), then resume`,
          );
        }
        board.update(row.name, { state: 'queued', step: `Kubernetes ${version}: ready` });
      },
      ctx.signal,
    );
    const failed = rows.filter((r) => board.get(r.name).state === 'failed').length;
    ctx.progress(
      `${rows.length - failed} of ${rows.length} ready${failed ? `; ${failed} failed (each row says why)` : ''}${line ? '' : "; Rancher's version unknown: support not checked"}`,
    );
    board.flush();
  },
  runbook: () => [
    {
      kind: 'command',
      argv: ['kubectl', 'version', '--context', 'CLUSTER'],
      note: 'each push cluster answers',
    },
    {
      kind: 'check',
      text: `its Kubernetes minor is one the Rancher line supports (${rancherSupport.source}); no Rancher cluster of the same name that this tool did not create`,
    },
  ],
};

/** Namespaces in Rancher's cluster, now (NSX-T gives each a pod subnet). */
async function namespacesInUse(run: FleetRun): Promise<number> {
  const count = await run.systems.localNamespaces();
  if (count === undefined)
    throw new PermanentError(
      "cannot count the namespaces of Rancher's cluster for the NSX-T budget",
      'check kubectl access to the install’s cluster, then resume',
    );
  return count;
}

/** The NSX-T budget: refuses with the numbers, before anything is imported. */
export async function checkBudget(
  ctx: StepContext,
  run: FleetRun,
  imports: number,
): Promise<string> {
  const profile = await ctx.systems.pks
    .networkProfile(ctx.config.pks.networkProfile)
    .catch(() => undefined);
  const verdict = budgetVerdict({
    imports,
    perImport: run.facts.namespacesPerImport ?? assumedNamespacesPerImport,
    measured: run.facts.namespacesMeasured === true,
    inUse: await namespacesInUse(run),
    network: podNetwork(profile, run.facts.podIpBlockPrefix),
  });
  if (!verdict.fits)
    throw new PermanentError(
      `NSX-T budget: ${verdict.line}`,
      'import fewer clusters (split the inventory), add a pod IP block to the network profile, or give the real block size with --pod-ip-block-prefix N; nothing was imported',
    );
  return verdict.line;
}

const budget: Step = {
  id: 'import.budget',
  title: "NSX-T pod subnets for the fleet's namespaces",
  async run(ctx) {
    const run = fleetRunOf(ctx);
    const imports = rowsToDo(run).filter((r) => !run.board.get(r.name).clusterId).length;
    ctx.progress(await checkBudget(ctx, run, imports));
  },
  runbook: () => [
    {
      kind: 'command',
      argv: ['kubectl', 'get', 'namespaces', '--no-headers'],
      note: "Rancher's cluster: namespaces in use",
    },
    {
      kind: 'check',
      text: `clusters × ${assumedNamespacesPerImport} namespaces each (measured around the first import) fit in the pod IP block's subnets`,
    },
  ],
};

/** The agent's path to Rancher from each push cluster, by layer (DNS, TCP, TLS/CA). */
const reach: Step = {
  id: 'import.reach',
  title: 'Agents can reach Rancher from each cluster',
  async run(ctx) {
    const run = fleetRunOf(ctx);
    const { board, systems } = run;
    const rows = pushRows(rowsToDo(run));
    await runPool(
      rows,
      run.facts.concurrency,
      async (row) => {
        board.update(row.name, {
          state: 'checking',
          step: `can its pods reach ${systems.rancherHost}?`,
        });
        try {
          const outcome = await checkReachability(
            await systems.downstream(row),
            systems.rancherHost,
            systems.caPem,
            systems.agentImage,
            { signal: ctx.signal, pollMs: ctx.timing.minPollMs, timeoutMs: ctx.timing.probeMs },
          );
          if (outcome.kind === 'ok')
            return void board.update(row.name, { state: 'queued', step: 'reaches Rancher: ready' });
          board.update(row.name, {
            state: 'failed',
            step: 'failed the reachability check',
            ...reachFailure(outcome, systems.rancherHost),
          });
        } catch (error) {
          if (ctx.signal.aborted) return;
          board.update(row.name, {
            state: 'failed',
            step: 'failed the reachability check',
            lastError: `the reachability Job could not run: ${message(error)}`,
            fix: 'check that the kubeconfig may create a Job and a ConfigMap in namespace default, then resume',
          });
        }
      },
      ctx.signal,
    );
    const failed = rows.filter((r) => board.get(r.name).state === 'failed').length;
    ctx.progress(`${rows.length - failed} of ${rows.length} push clusters reach Rancher`);
    board.flush();
  },
  runbook: () => [
    {
      kind: 'manifest',
      yaml: reachObjects('RANCHER_HOSTNAME', 'CA PEM', 'rancher/rancher-agent:vX.Y.Z')
        .map((o) => stringify(o))
        .join('---\n'),
      note: `in each push cluster; its pod runs ${reachCommand('RANCHER_HOSTNAME', true).join(' ')} (exit 6 DNS, 7/28 TCP, 35/60/77 TLS/CA); deleted afterwards`,
    },
  ],
};

export const importCheckSteps = [rancherAccess, clustersAnswer, budget, reach];

export function importCheckStage(): Stage {
  return { id: 'import-check', title: 'Before the import', steps: importCheckSteps };
}
