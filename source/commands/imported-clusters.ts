import type { Config } from '../config/config.js';
import type { Inventory, InventoryAccess } from '../config/inventory.js';
import type { ImportedCluster } from '../engine/desired/downstream-clusters.js';
import type { FleetFacts } from '../engine/fleet/fleet-facts.js';
import type { SessionStore } from '../session/session-store.js';
import type { Env } from '../shared/env.js';
import { inventoryOf } from './import-action.js';

/** How the rotation reaches a cluster: what the import's inventory says (paths and names only). */
function reachOf(access: InventoryAccess | undefined): Omit<ImportedCluster, 'name' | 'clusterId'> {
  switch (access?.kind) {
    case 'kubeconfig':
      return {
        kubeconfig: access.kubeconfig,
        ...(access.context ? { context: access.context } : {}),
      };
    case 'pks':
      return { pksCluster: access.pksCluster };
    default:
      return {}; // offline, or no longer in the inventory: not reachable from here
  }
}

/**
 * The clusters the import sessions registered, newest session first, each cluster once: rows
 * with a cluster ID that were not removed since, with how the inventory reaches each.
 */
export function importedFrom(
  imports: readonly { fleet: FleetFacts; inventory?: Inventory }[],
): ImportedCluster[] {
  const seen = new Map<string, ImportedCluster | undefined>();
  for (const { fleet, inventory } of imports)
    for (const [name, row] of Object.entries(fleet.rows)) {
      if (!row.clusterId || seen.has(row.clusterId)) continue;
      if (row.state === 'removed' || row.state === 'removing') {
        seen.set(row.clusterId, undefined);
        continue;
      }
      const access = inventory?.rows.find((r) => r.name === name)?.access;
      seen.set(row.clusterId, { name, clusterId: row.clusterId, ...reachOf(access) });
    }
  return [...seen.values()].filter((c): c is ImportedCluster => c !== undefined);
}

/**
 * The clusters this tool imported into the Rancher at the config's hostname: the import
 * sessions' rows (`facts.fleet.rows`), each reached as its inventory says (read again, as the
 * import's resume does; one that cannot be read leaves its clusters unreachable, so a CA
 * change lists them as losing their connection).
 */
export async function importedClusters(
  store: SessionStore,
  config: Config,
  env: Env,
): Promise<ImportedCluster[]> {
  const imports: { fleet: FleetFacts; inventory?: Inventory }[] = [];
  for (const summary of store.list()) {
    if (summary.plan !== 'import' || summary.hostname !== config.rancher.hostname || summary.demo)
      continue;
    const fleet = store.get(summary.id)?.facts.fleet;
    if (!fleet) continue;
    let inventory: Inventory | undefined;
    try {
      inventory = fleet.inventory
        ? await inventoryOf(fleet.inventory, config, env, () => {})
        : undefined;
    } catch {
      inventory = undefined;
    }
    imports.push({ fleet, ...(inventory ? { inventory } : {}) });
  }
  return importedFrom(imports);
}
