import type { KubeObject } from '../kube/object.js';
import type { Store } from '../kube/store.js';
import type { TraefikConfig } from './traefik-config.js';

const classAnnotation = 'kubernetes.io/ingress.class';
/** The controller value Traefik's IngressClass lookup keeps (client.go GetIngressClasses). */
export const traefikController = 'traefik.io/ingress-controller';

/**
 * The IngressClasses Traefik honours: those naming its controller, narrowed to the one
 * named by `--providers.kubernetesingress.ingressClass` when set (kubernetes.go
 * loadConfigurationFromIngresses, filterIngressClassByName, traefik v3.6.2).
 */
function traefikClasses(store: Store, config: TraefikConfig): Set<string> {
  const names = store
    .list('networking.k8s.io/ingressclasses')
    .filter((c) => c.spec?.controller === traefikController)
    .map((c) => c.metadata.name)
    .filter((name) => !config.ingressClass || name === config.ingressClass);
  return new Set(names);
}

/**
 * shouldProcessIngress (pkg/provider/kubernetes/ingress/kubernetes.go @v3.6.2): with
 * `spec.ingressClassName`, only when such a Traefik IngressClass exists; without, when the
 * `kubernetes.io/ingress.class` annotation equals the configured class, or (no class
 * configured) is `traefik` or absent.
 */
function serves(ingress: KubeObject, config: TraefikConfig, classes: Set<string>): boolean {
  const className = ingress.spec?.ingressClassName as string | undefined;
  if (className !== undefined && className !== null) return classes.has(className);
  const annotated = ingress.metadata.annotations?.[classAnnotation] ?? '';
  if (config.ingressClass) return annotated === config.ingressClass;
  return annotated === '' || annotated === 'traefik';
}

/** The Ingresses this Traefik turns into routers, oldest first. */
export function traefikIngresses(store: Store, config: TraefikConfig): KubeObject[] {
  if (!config.ingressProvider) return [];
  const classes = traefikClasses(store, config);
  return store
    .list('networking.k8s.io/ingresses')
    .filter((ing) => !ing.metadata.deletionTimestamp && serves(ing, config, classes))
    .sort((a, b) =>
      (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? ''),
    );
}
