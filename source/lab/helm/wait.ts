import type { KubeObject } from '../kube/object.js';
import type { Store } from '../kube/store.js';
import type { Resolved } from './apply.js';

/** `25%` or `1` of `total`, rounded down as Kubernetes does for maxUnavailable. */
function scaledValue(value: unknown, total: number, fallback: string): number {
  const v = value ?? fallback;
  if (typeof v === 'number') return v;
  const pct = /^(\d+)%$/.exec(String(v));
  return pct ? Math.floor((total * Number(pct[1])) / 100) : Number(v) || 0;
}

function observedCurrent(o: KubeObject): boolean {
  const observed = o.status?.observedGeneration;
  return observed === undefined || observed >= (o.metadata.generation ?? 0);
}

/** Helm's ready checker: the new pods minus maxUnavailable must be ready. */
function deploymentReady(o: KubeObject): boolean {
  if (!observedCurrent(o)) return false;
  const replicas: number = o.spec?.replicas ?? 1;
  const maxUnavailable = scaledValue(
    o.spec?.strategy?.rollingUpdate?.maxUnavailable,
    replicas,
    '25%',
  );
  const ready: number = o.status?.readyReplicas ?? 0;
  const updated: number = o.status?.updatedReplicas ?? ready;
  return ready >= replicas - maxUnavailable && updated >= replicas - maxUnavailable;
}

function daemonSetReady(o: KubeObject): boolean {
  if (!observedCurrent(o)) return false;
  const desired = o.status?.desiredNumberScheduled;
  if (desired === undefined) return false;
  const maxUnavailable = scaledValue(
    o.spec?.updateStrategy?.rollingUpdate?.maxUnavailable,
    desired,
    '1',
  );
  const expected = desired - maxUnavailable;
  const updated: number = o.status?.updatedNumberScheduled ?? o.status?.numberReady ?? 0;
  return updated >= expected && (o.status?.numberReady ?? 0) >= expected;
}

/** A LoadBalancer Service is ready once it has an ingress address (or external IPs). */
function serviceReady(o: KubeObject): boolean {
  if (o.spec?.type !== 'LoadBalancer') return true;
  if ((o.spec?.externalIPs ?? []).length > 0) return true;
  return (o.status?.loadBalancer?.ingress ?? []).length > 0;
}

function isReady(r: Resolved, live: KubeObject | undefined): boolean {
  if (!live) return false;
  switch (r.object.kind) {
    case 'Deployment':
      return deploymentReady(live);
    case 'DaemonSet':
      return daemonSetReady(live);
    case 'Service':
      return serviceReady(live);
    default:
      return true;
  }
}

const watchedKinds = new Set(['Deployment', 'DaemonSet', 'Service']);

/** The objects `--wait` watches, in the order helm reports them. */
export function waitTargets(objects: Resolved[]): Resolved[] {
  return objects.filter((r) => watchedKinds.has(r.object.kind));
}

export function notReady(store: Store, targets: Resolved[]): Resolved[] {
  return targets.filter((r) => !isReady(r, store.get(r.key, r.namespace, r.object.metadata.name)));
}

/**
 * Resolves true once every target is ready, false at the (real-time) deadline.
 * Event-driven: re-checks after each store write.
 */
export function waitForReady(
  store: Store,
  targets: Resolved[],
  timeoutMs: number,
): Promise<boolean> {
  return new Promise((resolve) => {
    if (notReady(store, targets).length === 0) return resolve(true);
    let finished = false;
    const finish = (ok: boolean) => {
      if (finished) return;
      finished = true;
      unsubscribe();
      clearTimeout(timer);
      resolve(ok);
    };
    const unsubscribe = store.subscribe(() => {
      if (notReady(store, targets).length === 0) finish(true);
    });
    const timer = setTimeout(() => finish(false), timeoutMs);
    // A hung `--wait` must not keep a stopping lab alive.
    timer.unref();
  });
}
