import type { Store } from '../kube/store.js';
import type { KubeObject } from '../kube/object.js';

/** The IngressClass the lab's ingress-nginx serves (`controller.ingressClassResource.name`). */
export const controllerIngressClass = 'nginx';
const classAnnotation = 'kubernetes.io/ingress.class';

/**
 * Whether this controller serves the Ingress. The legacy annotation, when present,
 * decides; otherwise `spec.ingressClassName`. An Ingress with neither is ignored
 * (ingress-nginx's default since 1.0, `--watch-ingress-without-class=false`).
 */
export function isServedIngress(ingress: KubeObject): boolean {
  const annotated = ingress.metadata.annotations?.[classAnnotation];
  if (annotated !== undefined) return annotated === controllerIngressClass;
  return ingress.spec?.ingressClassName === controllerIngressClass;
}

function creationOrder(a: KubeObject, b: KubeObject): number {
  const byTime = (a.metadata.creationTimestamp ?? '').localeCompare(
    b.metadata.creationTimestamp ?? '',
  );
  if (byTime !== 0) return byTime;
  return `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(
    `${b.metadata.namespace}/${b.metadata.name}`,
  );
}

/** The Ingresses this controller serves, oldest first: on a conflict the oldest wins. */
export function servedIngresses(store: Store): KubeObject[] {
  return store
    .list('networking.k8s.io/ingresses')
    .filter((ing) => !ing.metadata.deletionTimestamp && isServedIngress(ing))
    .sort(creationOrder);
}
