import type { KubeObject } from '../kube/object.js';
import type { Store } from '../kube/store.js';

function isReady(pod: KubeObject): boolean {
  if (pod.metadata.deletionTimestamp) return false;
  const conditions = (pod.status?.conditions ?? []) as { type?: string; status?: string }[];
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

function selects(selector: Record<string, string>, pod: KubeObject): boolean {
  const labels = pod.metadata.labels ?? {};
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

function hasReadyEndpoint(store: Store, service: KubeObject): boolean {
  const endpoints = store.get('endpoints', service.metadata.namespace, service.metadata.name);
  const subsets = (endpoints?.subsets ?? []) as { addresses?: unknown[] }[];
  return subsets.some((s) => (s.addresses ?? []).length > 0);
}

/**
 * Whether NSX-T's server pool for the controller Service has a healthy member: a Ready
 * controller pod. Without a selector the Endpoints are kept by hand, so they decide.
 */
export function poolHasHealthyMember(store: Store, service: KubeObject): boolean {
  const selector = service.spec?.selector as Record<string, string> | undefined;
  if (!selector || Object.keys(selector).length === 0) return hasReadyEndpoint(store, service);
  return store
    .list('pods', { namespace: service.metadata.namespace })
    .some((pod) => selects(selector, pod) && isReady(pod));
}
