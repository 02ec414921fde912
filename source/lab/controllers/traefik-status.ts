import type { KubeObject } from '../kube/object.js';
import { parseTraefikArgs, traefikArgsOf, type TraefikConfig } from '../ingress/traefik-config.js';
import { traefikIngresses } from '../ingress/traefik-selection.js';
import type { Kit } from './kit.js';

interface LoadBalancerIngress {
  ip?: string;
  hostname?: string;
}

/** The configurations of the running Traefik pods, one per distinct command line. */
function runningTraefiks(kit: Kit): TraefikConfig[] {
  const seen = new Map<string, TraefikConfig>();
  for (const pod of kit.store.list('pods')) {
    if (pod.metadata.deletionTimestamp || pod.status?.phase !== 'Running') continue;
    const args = traefikArgsOf(pod);
    if (!args) continue;
    const key = JSON.stringify(args);
    if (!seen.has(key)) seen.set(key, parseTraefikArgs(args));
  }
  return [...seen.values()];
}

/** The same addresses, in any order (client.go isLoadBalancerIngressEquals @v3.6.2). */
function sameAddresses(a: LoadBalancerIngress[], b: LoadBalancerIngress[]): boolean {
  const key = (x: LoadBalancerIngress) => `${x.hostname ?? ''}${x.ip ?? ''}`;
  const set = new Set(a.map(key));
  return a.length === b.length && b.every((x) => set.has(key(x)));
}

/**
 * What the published Service shows, for a LoadBalancer: its status entries, copied whole
 * (transit addresses too); undefined while it has none (updateIngressStatus skips then).
 */
function publishedAddresses(kit: Kit, config: TraefikConfig): LoadBalancerIngress[] | undefined {
  const ref = config.publishedService;
  if (!ref) return undefined;
  const service = kit.store.get('services', ref.namespace, ref.name);
  // ClusterIP, NodePort and ExternalName Services are published differently; the lab has only LoadBalancers.
  if (service?.spec?.type !== 'LoadBalancer') return undefined;
  const entries: unknown = service.status?.loadBalancer?.ingress;
  if (!Array.isArray(entries)) return undefined;
  return (entries as LoadBalancerIngress[]).map((e) => ({
    ...(e.ip ? { ip: e.ip } : {}),
    ...(e.hostname ? { hostname: e.hostname } : {}),
  }));
}

function writeStatus(kit: Kit, ingress: KubeObject, addresses: LoadBalancerIngress[]): void {
  const current =
    (ingress.status?.loadBalancer?.ingress as LoadBalancerIngress[] | undefined) ?? [];
  if (sameAddresses(current, addresses)) return;
  ingress.status = { loadBalancer: { ingress: addresses } };
  kit.store.update('networking.k8s.io/ingresses', ingress, { subresource: 'status', force: true });
}

/**
 * Traefik's status updater (kubernetes.go updateIngressStatus @v3.6.2): with
 * `--providers.kubernetesingress.ingressendpoint.publishedservice`, every Ingress a running
 * Traefik serves gets that Service's load-balancer addresses. Ingresses it stops serving
 * keep theirs (Traefik never clears them).
 */
export function updateTraefikStatuses(kit: Kit): void {
  for (const config of runningTraefiks(kit)) {
    const addresses = publishedAddresses(kit, config);
    if (!addresses) continue;
    for (const ingress of traefikIngresses(kit.store, config)) writeStatus(kit, ingress, addresses);
  }
}
