import type { KubeObject } from '../../systems/kube.js';

/**
 * A chart's CRDs against the cluster's. Helm creates a chart's crds/ on install and never
 * upgrades them (helm docs, "Custom Resource Definitions"), so Traefik tells to apply them
 * before `helm upgrade` (traefik-helm-chart README, "Upgrading CRDs":
 * `kubectl apply --server-side --force-conflicts -k …/traefik/crds/`). A CRD is current when
 * every field the chart states has that value in the cluster: the API server adds defaults
 * (conversion, status), so equality would never hold.
 */

/** `wanted` is contained in `live`: maps by key, lists item by item, the rest by value. */
export function contains(live: unknown, wanted: unknown): boolean {
  if (Array.isArray(wanted))
    return (
      Array.isArray(live) &&
      live.length === wanted.length &&
      wanted.every((w, i) => contains(live[i], w))
    );
  if (wanted !== null && typeof wanted === 'object') {
    if (live === null || typeof live !== 'object' || Array.isArray(live)) return false;
    const l = live as Record<string, unknown>;
    return Object.entries(wanted as Record<string, unknown>).every(
      ([k, v]) => v === undefined || contains(l[k], v),
    );
  }
  return live === wanted;
}

/** The cluster serves the chart's version of this CRD (its spec and its generator annotation). */
export function crdCurrent(wanted: KubeObject, live: KubeObject | undefined): boolean {
  if (!live) return false;
  return (
    contains(live.spec, wanted.spec) &&
    contains(live.metadata?.annotations ?? {}, wanted.metadata?.annotations ?? {})
  );
}

export interface CrdApplyCount {
  applied: string[];
  current: string[];
}

/** `3 applied server-side (…), 7 already current`. */
export function crdApplyLine(chart: string, version: string, count: CrdApplyCount): string {
  const total = count.applied.length + count.current.length;
  if (total === 0) return `${chart} ${version} has no CRDs`;
  const applied =
    count.applied.length === 0
      ? 'none needed applying'
      : `${count.applied.length} applied server-side (${count.applied.join(', ')})`;
  return `CRDs of ${chart} ${version}, before its upgrade: ${applied}; ${count.current.length} already current`;
}
