import type { KubeObject } from '../kube/object.js';
import { hostMatches, normaliseHost } from './host-match.js';

export interface TlsSecretRef {
  namespace: string;
  secretName: string;
}

interface IngressTls {
  hosts?: string[];
  secretName?: string;
}

function tlsEntries(ingress: KubeObject): IngressTls[] {
  const tls: unknown = ingress.spec?.tls;
  return Array.isArray(tls) ? (tls as IngressTls[]) : [];
}

function findEntry(ingresses: KubeObject[], matches: (h: string) => boolean) {
  for (const ingress of ingresses) {
    for (const entry of tlsEntries(ingress)) {
      if ((entry.hosts ?? []).some(matches)) return { ingress, entry };
    }
  }
  return undefined;
}

/**
 * The TLS secret the served Ingresses name for a host: an exact host before a wildcard,
 * the oldest Ingress first. The secret is always looked up in the Ingress's namespace.
 */
export function tlsSecretFor(ingresses: KubeObject[], host: string): TlsSecretRef | undefined {
  const h = normaliseHost(host);
  const found =
    findEntry(ingresses, (p) => normaliseHost(p) === h) ??
    findEntry(ingresses, (p) => hostMatches(p, h));
  if (!found?.entry.secretName) return undefined;
  return {
    namespace: found.ingress.metadata.namespace ?? 'default',
    secretName: found.entry.secretName,
  };
}

/** Whether any served Ingress terminates TLS for the host (ingress-nginx then redirects HTTP). */
export function hasTlsFor(ingresses: KubeObject[], host: string): boolean {
  const h = normaliseHost(host);
  return findEntry(ingresses, (p) => hostMatches(p, h)) !== undefined;
}
