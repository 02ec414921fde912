import type { KubeObject } from '../../systems/kube.js';
import type { RancherCluster } from '../../systems/rancher-api-types.js';

/** A cluster this tool imported into this Rancher, and how to reach it (paths, never content). */
export interface ImportedCluster {
  name: string;
  clusterId: string;
  /** The kubeconfig file; absent: the default kubeconfig (`pks get-credentials` writes there). */
  kubeconfig?: string;
  /** The context in it. */
  context?: string;
  /** A PKS cluster: `pks get-credentials` first, then its context in the default kubeconfig. */
  pksCluster?: string;
}

/** What a CA change means downstream: whose agents we update, and whose lose their connection. */
export interface DownstreamPlan {
  /** Registered, imported by us, and reachable: their agents get the new checksum. */
  told: ImportedCluster[];
  /** Registered but not ours to reach (or unreachable): they lose their connection. */
  lost: RancherCluster[];
}

/** The `local` cluster is Rancher's own: its agent is Rancher's pods, restarted anyway. */
export function isLocal(cluster: RancherCluster): boolean {
  return cluster.id === 'local';
}

export function reachable(cluster: ImportedCluster): boolean {
  return (
    cluster.kubeconfig !== undefined ||
    cluster.context !== undefined ||
    cluster.pksCluster !== undefined
  );
}

export function downstreamPlan(
  registered: readonly RancherCluster[],
  imported: readonly ImportedCluster[],
): DownstreamPlan {
  const told: ImportedCluster[] = [];
  const lost: RancherCluster[] = [];
  for (const cluster of registered) {
    if (isLocal(cluster)) continue;
    const ours = imported.find((i) => i.clusterId === cluster.id);
    if (ours && reachable(ours)) told.push(ours);
    else lost.push(cluster);
  }
  // By name: Rancher lists clusters by ID, which says nothing to a reader.
  const byName = (x: { name: string }, y: { name: string }) => x.name.localeCompare(y.name);
  return { told: told.sort(byName), lost: lost.sort(byName) };
}

interface Condition {
  type: string;
  status: string;
  message?: string;
}

/**
 * A `clusters.management.cattle.io` object as the v3 API's cluster: `active` once its Ready
 * condition is True, `unavailable` when Connected is False, else `pending` (the v3 `state` is
 * derived from these conditions; the exact mapping is unverified, so only Ready=True counts).
 */
export function clusterFromObject(o: KubeObject): RancherCluster {
  const conditions = ((o.status?.conditions ?? []) as Condition[]).map((c) => ({
    type: c.type,
    status: c.status,
    ...(c.message ? { message: c.message } : {}),
  }));
  const is = (type: string, status: string) =>
    conditions.some((c) => c.type === type && c.status === status);
  const state = is('Ready', 'True')
    ? 'active'
    : is('Connected', 'False')
      ? 'unavailable'
      : 'pending';
  const labels = o.metadata?.labels ?? {};
  return {
    id: o.metadata?.name ?? '',
    name: (o.spec?.displayName as string | undefined) || (o.metadata?.name ?? ''),
    state,
    labels,
    conditions,
    ...(o.status?.driver ? { driver: o.status.driver as string } : {}),
  };
}

/** One line naming clusters: `edge-01 (c-abc12), edge-02 (c-def34)`. */
export function clusterNames(
  clusters: readonly { name: string; id?: string; clusterId?: string }[],
) {
  return clusters.map((c) => `${c.name} (${c.id ?? c.clusterId})`).join(', ');
}
