import { hostMatches } from '../ingress/host-match.js';
import type { KubeObject } from '../kube/object.js';
import type { Store } from '../kube/store.js';

/**
 * Whether this cluster runs a started Rancher (its `server-version` setting exists) behind an
 * Ingress for `hostname`: where an agent's CATTLE_SERVER leads.
 */
export function servesRancherFor(store: Store, hostname: string): boolean {
  if (!store.get('management.cattle.io/settings', undefined, 'server-version')) return false;
  return store.list('networking.k8s.io/ingresses').some((ingress: KubeObject) => {
    const rules = (ingress.spec?.rules ?? []) as { host?: string }[];
    return rules.some((r) => r.host !== undefined && hostMatches(r.host, hostname));
  });
}
