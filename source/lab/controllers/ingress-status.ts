import type { KubeObject } from '../kube/object.js';
import { labelsMatch } from '../kube/selectors.js';
import { isIngressNginx } from './container-logs.js';
import { idOf, splitId, type Kit } from './kit.js';
import { isPodReady } from './pods.js';
import { updateTraefikStatuses } from './traefik-status.js';

/** The class an Ingress asks for: the field, or the annotation older manifests use. */
function ingressClass(ingress: KubeObject): string | undefined {
  return (
    (ingress.spec?.ingressClassName as string | undefined) ??
    ingress.metadata.annotations?.['kubernetes.io/ingress.class']
  );
}

/**
 * The address ingress-nginx publishes: the virtual-server IP of the LoadBalancer
 * Service in front of its ready controller pods (`--publish-service`).
 */
function publishedIps(kit: Kit): string[] {
  const controllers = kit.store
    .list('pods')
    .filter((p) => isPodReady(p))
    .filter((p) =>
      (p.spec?.containers as { image: string }[]).some((c) => isIngressNginx(c.image)),
    );
  for (const svc of kit.store.list('services')) {
    if (svc.spec?.type !== 'LoadBalancer') continue;
    const selects = controllers.some(
      (p) =>
        p.metadata.namespace === svc.metadata.namespace &&
        labelsMatch(p.metadata.labels, svc.spec?.selector),
    );
    const ips = ((svc.status?.loadBalancer?.ingress as { ip?: string }[] | undefined) ?? [])
      .map((i) => i.ip)
      .filter((ip): ip is string => Boolean(ip));
    if (selects && ips.length > 0) return ips;
  }
  return [];
}

function reconcile(kit: Kit, id: string): void {
  const { namespace, name } = splitId(id);
  const ingress = kit.store.get('networking.k8s.io/ingresses', namespace, name);
  // Ingresses without the nginx class are not ingress-nginx's (nor, with the annotation, NCP's).
  if (!ingress || ingressClass(ingress) !== 'nginx') return;
  const ips = publishedIps(kit);
  if (ips.length === 0) return;
  ingress.status = { loadBalancer: { ingress: ips.map((ip) => ({ ip })) } };
  kit.store.update('networking.k8s.io/ingresses', ingress, { subresource: 'status', force: true });
}

/**
 * The controllers' status updaters: nginx-class Ingresses show ingress-nginx's address,
 * the Ingresses a Traefik serves its published Service's.
 */
export function startIngressStatus(kit: Kit): void {
  const enqueue = kit.queue('ingress-status', (id) => reconcile(kit, id));
  // Traefik's updater goes over every Ingress it serves at once, as Traefik does on each change.
  const enqueueTraefik = kit.queue('traefik-status', () => updateTraefikStatuses(kit));
  const all = () => {
    for (const i of kit.store.list('networking.k8s.io/ingresses')) {
      enqueue(idOf(i.metadata.namespace, i.metadata.name));
    }
    enqueueTraefik('all');
  };
  kit.subscribe((e) => {
    if (e.key === 'networking.k8s.io/ingresses' && e.type !== 'DELETED') {
      enqueue(idOf(e.object.metadata.namespace, e.object.metadata.name));
      enqueueTraefik('all');
    }
    if (e.key === 'networking.k8s.io/ingressclasses') enqueueTraefik('all');
    if (e.key === 'services' || (e.key === 'pods' && e.type !== 'ADDED')) all();
  });
  all();
}
