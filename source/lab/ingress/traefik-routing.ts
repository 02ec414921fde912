import type { KubeObject } from '../kube/object.js';
import type { Store } from '../kube/store.js';
import { resolveBackend, type Backend } from './backends.js';
import { normaliseHost } from './host-match.js';
import type { BackendRef } from './routing.js';

interface IngressPath {
  path?: string;
  pathType?: string;
  backend?: { service?: { name?: string; port?: { number?: number; name?: string } } };
}

interface IngressRule {
  host?: string;
  http?: { paths?: IngressPath[] };
}

/** One router the kubernetesIngress provider builds, with what its rule matches. */
interface Router {
  rule: string;
  /** Traefik's default priority: the length of the rule. */
  priority: number;
  matches(host: string, path: string): boolean;
  ref: BackendRef;
}

/** buildHostRule (kubernetes.go @v3.6.2): `*.x` becomes a one-label HostRegexp. */
function hostMatcher(host: string): { rule: string; matches: (h: string) => boolean } {
  if (host.startsWith('*.')) {
    const rest = host.slice(2).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const pattern = `^[a-zA-Z0-9-]+\\.${rest}$`;
    const re = new RegExp(pattern);
    return { rule: `HostRegexp(\`${pattern}\`)`, matches: (h) => re.test(h) };
  }
  const wanted = normaliseHost(host);
  return { rule: `Host(\`${host}\`)`, matches: (h) => h === wanted };
}

/**
 * loadRouter/buildRule: Exact → Path, Prefix and ImplementationSpecific → PathPrefix, a
 * character-wise prefix (`/v1` matches `/v12`) unless strictPrefixMatching, off by default.
 */
function pathMatcher(p: IngressPath): { rule: string; matches: (path: string) => boolean } {
  const path = p.path ?? '';
  if (p.pathType === 'Exact') return { rule: `Path(\`${path}\`)`, matches: (x) => x === path };
  return { rule: `PathPrefix(\`${path}\`)`, matches: (x) => x.startsWith(path) };
}

function refOf(ingress: KubeObject, p: IngressPath): BackendRef | undefined {
  const service = p.backend?.service;
  if (!service?.name) return undefined;
  return {
    namespace: ingress.metadata.namespace ?? 'default',
    serviceName: service.name,
    port: service.port?.number ?? service.port?.name,
  };
}

function routersOf(ingress: KubeObject): Router[] {
  const rules = (ingress.spec?.rules as IngressRule[] | undefined) ?? [];
  const routers: Router[] = [];
  for (const r of rules) {
    const host = r.host ? hostMatcher(r.host) : undefined;
    for (const p of r.http?.paths ?? []) {
      const ref = refOf(ingress, p);
      if (!ref) continue;
      const path = p.path ? pathMatcher(p) : undefined;
      const rule = [host?.rule, path?.rule].filter(Boolean).join(' && ');
      routers.push({
        rule,
        priority: rule.length,
        matches: (h, x) => (!host || host.matches(h)) && (!path || path.matches(x)),
        ref,
      });
    }
  }
  return routers;
}

/** An Ingress with no rules and a default backend: the lowest-priority catch-all router. */
function defaultRouter(ingresses: KubeObject[]): Router | undefined {
  for (const ingress of ingresses) {
    const rules = (ingress.spec?.rules as unknown[] | undefined) ?? [];
    const ref = refOf(ingress, { backend: ingress.spec?.defaultBackend as IngressPath['backend'] });
    if (rules.length === 0 && ref)
      return { rule: 'PathPrefix(`/`)', priority: -(2 ** 31), matches: () => true, ref };
  }
  return undefined;
}

export interface Routed {
  ref: BackendRef;
  backend: Backend;
}

/**
 * The router Traefik picks for a request: of the routers whose Service and port exist
 * (loadService fails otherwise, and the router is skipped) and that have endpoints unless
 * empty services are allowed, the matching one with the highest priority.
 */
export function traefikRoute(
  store: Store,
  ingresses: KubeObject[],
  allowEmptyServices: boolean,
  hostHeader: string,
  path: string,
): Routed | undefined {
  const host = normaliseHost(hostHeader);
  const all = ingresses.flatMap(routersOf);
  const fallback = defaultRouter(ingresses);
  if (fallback) all.push(fallback);
  let best: (Routed & { priority: number }) | undefined;
  for (const router of all) {
    if (!router.matches(host, path)) continue;
    const backend = resolveBackend(store, router.ref);
    if (!backend) continue;
    if (backend.readyAddresses.length === 0 && !allowEmptyServices) continue;
    if (!best || router.priority > best.priority)
      best = { ref: router.ref, backend, priority: router.priority };
  }
  return best;
}
