import type { KubeObject } from '../kube/object.js';
import type { Store } from '../kube/store.js';
import { isTraefik } from '../controllers/container-logs.js';

/**
 * What the lab's Traefik does, read from its command line as Traefik reads it (flag names
 * are case-insensitive: `--providers.kubernetesingress.ingressClass` = `...ingressclass`).
 */
export interface TraefikConfig {
  /** `--providers.kubernetesingress`: Ingresses are served at all. */
  ingressProvider: boolean;
  /** `--providers.kubernetesingress.ingressClass`: the one class (and annotation) served. */
  ingressClass?: string;
  /** `--providers.kubernetesingress.allowEmptyServices`: keep routers whose Service has no endpoint. */
  allowEmptyServices: boolean;
  /** `--providers.kubernetescrd`: TLSStores and the other traefik.io resources are read. */
  crdProvider: boolean;
  /** `--providers.kubernetesingress.ingressendpoint.publishedservice=NS/NAME`. */
  publishedService?: { namespace: string; name: string };
  /** Entry points with `--entryPoints.NAME.http.tls=true`. */
  tlsEntryPoints: Set<string>;
  /** `--entryPoints.NAME.http.redirections.entryPoint.*`, by entry point. */
  redirects: Map<string, Redirect>;
}

export interface Redirect {
  /** `:443` from `.to`: the port of the target entry point's exposed Service port. */
  port: string;
  scheme: string;
  permanent: boolean;
}

function flags(args: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const arg of args) {
    const m = /^--?([^=]+)(?:=(.*))?$/s.exec(arg);
    if (m) out.set(m[1]!.toLowerCase(), m[2] ?? 'true');
  }
  return out;
}

function isTrue(value: string | undefined): boolean {
  return value !== undefined && value.toLowerCase() === 'true';
}

export function parseTraefikArgs(args: string[]): TraefikConfig {
  const f = flags(args);
  const published = f.get('providers.kubernetesingress.ingressendpoint.publishedservice');
  const [ns, name] = published?.split('/') ?? [];
  const tlsEntryPoints = new Set<string>();
  const redirects = new Map<string, Redirect>();
  for (const [key, value] of f) {
    const tls = /^entrypoints\.([^.]+)\.http\.tls$/.exec(key);
    if (tls && isTrue(value)) tlsEntryPoints.add(tls[1]!);
    const to = /^entrypoints\.([^.]+)\.http\.redirections\.entrypoint\.to$/.exec(key);
    if (to) {
      const prefix = `entrypoints.${to[1]}.http.redirections.entrypoint`;
      redirects.set(to[1]!, {
        port: value.replace(/^:/, ''),
        // RedirectEntryPoint.SetDefaults: scheme https, permanent true (pkg/config/static/entrypoints.go @v3.6.2).
        scheme: f.get(`${prefix}.scheme`) ?? 'https',
        permanent: f.has(`${prefix}.permanent`) ? isTrue(f.get(`${prefix}.permanent`)) : true,
      });
    }
  }
  return {
    ingressProvider: isTrue(f.get('providers.kubernetesingress')),
    ...(f.get('providers.kubernetesingress.ingressclass')
      ? { ingressClass: f.get('providers.kubernetesingress.ingressclass') }
      : {}),
    allowEmptyServices: isTrue(f.get('providers.kubernetesingress.allowemptyservices')),
    crdProvider: isTrue(f.get('providers.kubernetescrd')),
    ...(ns && name ? { publishedService: { namespace: ns, name } } : {}),
    tlsEntryPoints,
    redirects,
  };
}

interface Container {
  image?: string;
  args?: string[];
}

/** The Traefik container's arguments, when the pod runs one. */
export function traefikArgsOf(pod: KubeObject): string[] | undefined {
  const containers = (pod.spec?.containers as Container[] | undefined) ?? [];
  const traefik = containers.find((c) => c.image && isTraefik(c.image));
  return traefik ? (traefik.args ?? []) : undefined;
}

function isReady(pod: KubeObject): boolean {
  const conditions = (pod.status?.conditions ?? []) as { type?: string; status?: string }[];
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

function selects(selector: Record<string, string> | undefined, pod: KubeObject): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  const labels = pod.metadata.labels ?? {};
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

/**
 * The configuration of the Traefik behind a Service: the arguments of the pods it selects,
 * a ready one first. Undefined when it selects no Traefik pod.
 */
export function traefikBehind(store: Store, service: KubeObject): TraefikConfig | undefined {
  const selector = service.spec?.selector as Record<string, string> | undefined;
  const pods = store
    .list('pods', { namespace: service.metadata.namespace })
    .filter((p) => !p.metadata.deletionTimestamp && selects(selector, p))
    .filter((p) => traefikArgsOf(p) !== undefined)
    .sort((a, b) => Number(isReady(b)) - Number(isReady(a)));
  const pod = pods[0];
  return pod ? parseTraefikArgs(traefikArgsOf(pod)!) : undefined;
}
