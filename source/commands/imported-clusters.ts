import type { ImportedCluster } from '../engine/desired/downstream-clusters.js';
import type { FleetRow } from '../engine/fleet/fleet-row.js';
import type { SessionStore } from '../session/session-store.js';

/**
 * How the fleet import reaches a cluster, as its session records it beside the row (paths and
 * names only): a kubeconfig file and context, or a PKS cluster (`pks get-credentials` puts a
 * context of that name in the default kubeconfig). Offline rows have none.
 */
interface RecordedAccess {
  kubeconfig?: string;
  context?: string;
  pksCluster?: string;
}

type ImportRow = FleetRow & { access?: RecordedAccess };

function accessOf(row: ImportRow): Pick<ImportedCluster, 'kubeconfig' | 'context'> {
  const a = row.access;
  if (a?.kubeconfig)
    return { kubeconfig: a.kubeconfig, ...(a.context ? { context: a.context } : {}) };
  if (a?.pksCluster) return { context: a.pksCluster };
  return {};
}

/**
 * The clusters this tool imported into the Rancher at `hostname`: the import sessions' rows
 * (`facts.fleet.rows`) that reached Rancher (a cluster ID) and were not removed since, newest
 * session first, each cluster once. Read loosely: the import (issue 15) owns that record.
 */
export function importedClusters(store: SessionStore, hostname: string): ImportedCluster[] {
  const found = new Map<string, ImportedCluster>();
  for (const summary of store.list()) {
    if ((summary.plan as string) !== 'import' || summary.hostname !== hostname || summary.demo)
      continue;
    const facts = store.get(summary.id)?.facts as { fleet?: { rows?: ImportRow[] } } | undefined;
    for (const row of facts?.fleet?.rows ?? []) {
      if (!row.clusterId || found.has(row.clusterId)) continue;
      if (row.state === 'removed' || row.state === 'removing') {
        found.set(row.clusterId, { name: row.name, clusterId: '' });
        continue;
      }
      found.set(row.clusterId, { name: row.name, clusterId: row.clusterId, ...accessOf(row) });
    }
  }
  return [...found.values()].filter((c) => c.clusterId !== '');
}
