import type { InventoryRow } from '../../config/inventory.js';
import { PermanentError, TransientError } from '../../systems/errors.js';
import type { RancherCluster } from '../../systems/rancher-api-types.js';
import { formatDuration } from '../timing.js';
import { isActive, type ActiveWatcher } from './active-watcher.js';
import type { FleetBoard } from './fleet-board.js';
import { importedByLabel, isOurs } from './fleet-label.js';
import { transient, withRetries, type RetryPolicy } from './fleet-retry.js';
import type { FleetSystems } from './fleet-systems.js';
import { applyManifest } from './manifest-apply.js';

export interface ImportDeps {
  systems: FleetSystems;
  board: FleetBoard;
  /** The `rancher-pks-tui/imported-by` value (the install session's id). */
  marker: string;
  retry: RetryPolicy;
  signal: AbortSignal;
  watcher: ActiveWatcher;
  /** How long a push cluster's agent may take to connect; an offline site, to apply its bundle. */
  connectTimeoutMs: number;
  bundleTimeoutMs: number;
  /** Rows handed to the watcher: the stage waits for these after the pool. */
  watching: Promise<void>[];
  now?: () => number;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** What a row that failed a step says, and what the user does about it. */
function failure(error: unknown, doing: string): { lastError: string; fix: string } {
  if (error instanceof PermanentError) return { lastError: error.message, fix: error.remedy };
  if (transient(error))
    return {
      lastError: `${doing}: ${message(error)}`,
      fix: 'the failure kept coming back: check the network to Rancher and the cluster, then resume',
    };
  return { lastError: `${doing}: ${message(error)}`, fix: 'fix the cause above, then resume' };
}

/**
 * One cluster's import, from wherever it was: Rancher is asked first (by name), so a resume
 * after a kill — even one between Rancher's create and our record of it — continues the same
 * cluster and never makes a second. Push: create → registration manifest → server-side apply
 * to the downstream → wait for Active. Offline: create → manifest → bundle → wait for the site.
 * Returns once the row waits on the watcher (which holds no pool slot) or has settled.
 */
export async function importCluster(row: InventoryRow, deps: ImportDeps): Promise<void> {
  const { systems, board, signal } = deps;
  const now = deps.now ?? Date.now;
  const { rancher } = systems;
  const name = row.name;
  const set = (change: Parameters<FleetBoard['update']>[1]) => board.update(name, change);
  let doing = 'looking it up in Rancher';
  const attempt = <T>(work: () => Promise<T>) =>
    withRetries(work, deps.retry, signal, (n, delayMs, error) =>
      set({
        step: `${doing}: retry ${n} in ${formatDuration(delayMs)}`,
        lastError: message(error),
      }),
    );
  const step = (state: Parameters<FleetBoard['update']>[1]['state'], what: string) => {
    doing = what;
    set({ ...(state ? { state } : {}), step: what });
  };
  try {
    set({ attempts: board.get(name).attempts + 1 });
    step('creating', 'looking it up in Rancher');
    let cluster = await attempt(() => rancher.clusterNamed(name, signal));
    refuseForeign(name, cluster);
    if (!cluster) {
      step('creating', 'creating it in Rancher');
      // Looked up again before each try: a create whose answer was lost must not make two.
      cluster = await attempt(
        async () =>
          (await rancher.clusterNamed(name, signal)) ??
          rancher.createCluster(name, { ...row.labels, [importedByLabel]: deps.marker }, signal),
      );
      refuseForeign(name, cluster);
    }
    const clusterId = cluster.id;
    set({ clusterId });
    if (isActive(cluster)) return void set({ state: 'active', step: 'active' });
    step('registering', 'getting its registration manifest');
    const manifest = await attempt(async () => {
      const registration = await rancher.registration(clusterId, signal);
      if (!registration.token)
        throw new TransientError("Rancher has not filled in the registration's token yet");
      return rancher.manifest(registration, signal);
    });
    if (row.access.kind === 'offline') {
      const folder = await systems.writeBundle(name, manifest);
      step('bundled', `bundle ready in ${folder}: waiting for the site to apply it`);
      return watch(name, clusterId, deps, now() + deps.bundleTimeoutMs, 'bundled');
    }
    step('applying', 'connecting to the cluster');
    const kube = await attempt(() => systems.downstream(row));
    step('applying', "applying Rancher's agent manifest");
    const count = await attempt(() => applyManifest(kube, manifest));
    step('connecting', `${count} objects applied: waiting for the agent to connect`);
    return watch(name, clusterId, deps, now() + deps.connectTimeoutMs, 'connecting');
  } catch (error) {
    // Stopped (Ctrl-C): the row stays where it was; resume goes on from Rancher's truth.
    if (signal.aborted) return void set({ step: `stopped while ${doing}` });
    set({ state: 'failed', ...failure(error, doing) });
  }
}

function refuseForeign(name: string, cluster: RancherCluster | undefined): void {
  if (cluster && !isOurs(cluster))
    throw new PermanentError(
      `Rancher already has a cluster named ${name} (${cluster.id}) that this tool did not import`,
      `rename the row in the inventory, or remove ${name} from Rancher first (Cluster Management)`,
    );
}

/** Hands the row to the watcher; its outcome settles the row later (no pool slot held). */
function watch(
  name: string,
  clusterId: string,
  deps: ImportDeps,
  deadline: number,
  waiting: 'connecting' | 'bundled',
): void {
  const { board } = deps;
  const pending = deps.watcher.until(name, clusterId, deadline, (state) =>
    board.update(name, {
      step:
        waiting === 'bundled'
          ? `waiting for the site to apply the bundle (Rancher says ${state})`
          : `waiting for the agent to connect (Rancher says ${state})`,
    }),
  );
  deps.watching.push(
    pending.then((outcome) => {
      switch (outcome.kind) {
        case 'active':
          return void board.update(name, { state: 'active', step: 'active' });
        case 'stopped':
          return;
        case 'gone':
          return void board.update(name, {
            state: 'failed',
            lastError: `the cluster ${clusterId} was removed from Rancher while it was being imported`,
            fix: 'resume to import it again',
          });
        case 'timeout':
          if (waiting === 'bundled')
            return void board.update(name, {
              step: `bundle not applied yet (${outcome.reason})`,
            });
          return void board.update(name, {
            state: 'failed',
            lastError: `the agent did not connect: ${outcome.reason}`,
            fix: `look at the agent on the cluster: kubectl -n cattle-system logs deploy/cattle-cluster-agent (can it resolve and reach Rancher, does the CA match?), then resume`,
          });
      }
    }),
  );
}
