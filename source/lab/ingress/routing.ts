import type { KubeObject } from '../kube/object.js';
import { hostMatches, normaliseHost } from './host-match.js';

export interface BackendRef {
  namespace: string;
  serviceName: string;
  /** `port.number` or `port.name` of the Service. */
  port: number | string | undefined;
}

interface IngressServiceBackend {
  service?: { name?: string; port?: { number?: number; name?: string } };
}

interface IngressPath {
  path?: string;
  pathType?: string;
  backend?: IngressServiceBackend;
}

interface IngressRule {
  host?: string;
  http?: { paths?: IngressPath[] };
}

interface HostRule {
  ingress: KubeObject;
  rule: IngressRule;
}

function rulesOf(ingress: KubeObject): HostRule[] {
  const rules: unknown = ingress.spec?.rules;
  return Array.isArray(rules) ? (rules as IngressRule[]).map((rule) => ({ ingress, rule })) : [];
}

/**
 * The rules of the nginx `server` for this host: rules for the exact host, else for a
 * wildcard covering it, else the catch-all rules without a host.
 */
function rulesForHost(ingresses: KubeObject[], host: string): HostRule[] {
  const all = ingresses.flatMap(rulesOf);
  const exact = all.filter((r) => r.rule.host && normaliseHost(r.rule.host) === host);
  if (exact.length) return exact;
  const wildcard = all.filter((r) => r.rule.host && hostMatches(r.rule.host, host));
  if (wildcard.length) return wildcard;
  return all.filter((r) => !r.rule.host);
}

function backendRef(ingress: KubeObject, backend: IngressServiceBackend | undefined) {
  const service = backend?.service;
  if (!service?.name) return undefined;
  return {
    namespace: ingress.metadata.namespace ?? 'default',
    serviceName: service.name,
    port: service.port?.number ?? service.port?.name,
  };
}

/** How well a path serves a request path: undefined when it does not, higher is better. */
function matchScore(path: IngressPath, requestPath: string): number | undefined {
  const p = path.path || '/';
  switch (path.pathType) {
    case 'Exact':
      // An exact match beats any prefix of the same length.
      return requestPath === p ? p.length * 2 + 1 : undefined;
    case 'Prefix': {
      // Prefix matches whole path elements: /foo covers /foo/bar, not /foobar.
      const trimmed = p.replace(/\/+$/, '');
      const covers =
        trimmed === '' || requestPath === trimmed || requestPath.startsWith(`${trimmed}/`);
      return covers ? trimmed.length * 2 : undefined;
    }
    default:
      // ImplementationSpecific: nginx's plain `location /path` string prefix.
      return requestPath.startsWith(p) ? p.replace(/\/+$/, '').length * 2 : undefined;
  }
}

function bestPath(rules: HostRule[], requestPath: string): BackendRef | undefined {
  let best: { score: number; ref: BackendRef } | undefined;
  for (const { ingress, rule } of rules) {
    for (const path of rule.http?.paths ?? []) {
      const score = matchScore(path, requestPath);
      const ref = backendRef(ingress, path.backend);
      if (score === undefined || !ref) continue;
      if (!best || score > best.score) best = { score, ref };
    }
  }
  return best?.ref;
}

/** An Ingress's `spec.defaultBackend` serves what its rules leave unmatched. */
function defaultBackendOf(ingresses: KubeObject[]): BackendRef | undefined {
  for (const ingress of ingresses) {
    const ref = backendRef(ingress, ingress.spec?.defaultBackend as IngressServiceBackend);
    if (ref) return ref;
  }
  return undefined;
}

/**
 * Which Service a request goes to, as ingress-nginx routes it: by Host, then the longest
 * matching path. Undefined means the controller's default backend (404).
 */
export function routeRequest(
  ingresses: KubeObject[],
  hostHeader: string,
  requestPath: string,
): BackendRef | undefined {
  const host = normaliseHost(hostHeader);
  const rules = rulesForHost(ingresses, host);
  const matched = bestPath(rules, requestPath);
  if (matched) return matched;
  const owners = rules.length ? [...new Set(rules.map((r) => r.ingress))] : ingresses;
  return defaultBackendOf(owners);
}
