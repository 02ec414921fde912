import { ConfigError } from './errors.js';
import { inventoryNameProblem } from './inventory-rules.js';
import type { Inventory, InventoryRow } from './inventory.js';
import { isFailedState, type PksCluster } from '../systems/pks-json.js';

/** A PKS cluster the pattern matched but the import leaves out, and why. */
export interface PksSkip {
  pksCluster: string;
  /** What is wrong; how to fix (one line). */
  reason: string;
}

export interface PksInventory {
  inventory: Inventory;
  skipped: PksSkip[];
}

/** `edge-*`, `dc-?`: `*` any run of characters, `?` one; everything else literal. */
export function globPattern(glob: string): RegExp {
  const body = [...glob]
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, 's');
}

/**
 * The Rancher name of a PKS cluster: PKS allows capitals and underscores (config/dns-name.ts),
 * Rancher names here are lowercase DNS labels, so `Edge_01` becomes `edge-01`.
 */
export function rancherNameFor(pksName: string): string {
  return pksName.toLowerCase().replace(/_/g, '-');
}

/**
 * `--from-pks PATTERN`: the rows for the PKS clusters (`pks clusters --json`) whose names match,
 * each reached through `pks get-credentials`. Clusters whose last action has not succeeded (or
 * that are being deleted) are skipped with the reason. Throws ConfigError when no row is left.
 */
export function inventoryFromPks(clusters: readonly PksCluster[], pattern: string): PksInventory {
  const matcher = globPattern(pattern);
  const rows: InventoryRow[] = [];
  const skipped: PksSkip[] = [];
  const taken = new Map<string, string>();
  clusters.forEach((cluster, index) => {
    if (!matcher.test(cluster.name)) return;
    const reason = skipReason(cluster);
    const name = rancherNameFor(cluster.name);
    const nameProblem = reason ? undefined : inventoryNameProblem(name);
    const twin = taken.get(name);
    const why =
      reason ??
      (nameProblem
        ? `its name makes no Rancher cluster name (${nameProblem}); list it in an inventory file with a name of your choice`
        : twin
          ? `its Rancher name ${name} is also that of PKS cluster ${twin}; list them in an inventory file with distinct names`
          : undefined);
    if (why) {
      skipped.push({ pksCluster: cluster.name, reason: why });
      return;
    }
    taken.set(name, cluster.name);
    rows.push({
      name,
      access: { kind: 'pks', pksCluster: cluster.name },
      labels: {},
      line: index + 1,
    });
  });
  if (rows.length === 0) {
    const what = `--from-pks ${JSON.stringify(pattern)}`;
    if (skipped.length === 0) {
      const names = clusters.map((c) => c.name);
      const known = names.length
        ? ` (PKS has ${names.slice(0, 10).join(', ')}${names.length > 10 ? `, … ${names.length} in all` : ''})`
        : ' (PKS lists no clusters)';
      throw new ConfigError([`${what}: no PKS cluster matches${known}; check the pattern`]);
    }
    throw new ConfigError([
      `${what}: every matching PKS cluster is skipped; fix them in PKS or list others`,
      ...skipped.map((s) => `${s.pksCluster}: ${s.reason}`),
    ]);
  }
  return {
    inventory: { source: `pks clusters matching ${JSON.stringify(pattern)}`, rows },
    skipped,
  };
}

/** Only clusters whose last action succeeded have credentials worth asking for (FACTS.md). */
function skipReason(cluster: PksCluster): string | undefined {
  const action = cluster.lastAction || 'last action';
  if (/^delete$/i.test(cluster.lastAction))
    return `it is being deleted (${action} ${cluster.state || 'in progress'}); leave it out`;
  if (isFailedState(cluster.state))
    return `its last action ${action} failed${cluster.description ? ` (${cluster.description})` : ''}; fix it in PKS first (pks cluster ${cluster.name})`;
  if (!/^succeeded$/i.test(cluster.state.trim()))
    return `its ${action} is ${cluster.state || 'not finished'}; import it once it has succeeded`;
  return undefined;
}
