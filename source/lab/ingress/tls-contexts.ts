import { X509Certificate } from 'node:crypto';
import tls from 'node:tls';
import type { Store } from '../kube/store.js';
import { normaliseHost } from './host-match.js';
import { servedIngresses } from './ingress-class.js';
import { tlsSecretFor, type TlsSecretRef } from './tls-hosts.js';

interface LoadedSecret {
  resourceVersion: string;
  context?: tls.SecureContext;
  leaf?: X509Certificate;
  problem?: string;
}

function decoded(data: Record<string, string> | undefined, key: string): string | undefined {
  const value = data?.[key];
  return value === undefined ? undefined : Buffer.from(value, 'base64').toString('utf8');
}

/** Parses a TLS secret as nginx would load it: the chain in `tls.crt`, its key in `tls.key`. */
function load(data: Record<string, string> | undefined, resourceVersion: string): LoadedSecret {
  const cert = decoded(data, 'tls.crt');
  const key = decoded(data, 'tls.key');
  if (!cert || !key) return { resourceVersion, problem: 'has no tls.crt/tls.key' };
  try {
    // createSecureContext checks that the key matches the first (leaf) certificate.
    const context = tls.createSecureContext({ cert, key });
    return { resourceVersion, context, leaf: new X509Certificate(cert) };
  } catch (error) {
    return {
      resourceVersion,
      problem: `is not a usable certificate and key: ${(error as Error).message}`,
    };
  }
}

/**
 * Picks the certificate for a TLS server name, like ingress-nginx: the secret named by a
 * served Ingress's `tls` entry for that host, else the fake certificate. Contexts are
 * cached per secret resourceVersion, so an edited secret is picked up on the next handshake.
 */
export class TlsContexts {
  private readonly cache = new Map<string, LoadedSecret>();
  private readonly reported = new Set<string>();

  constructor(
    private readonly store: Store,
    private readonly fallback: tls.SecureContext,
    private readonly log: (message: string) => void,
  ) {}

  forServerName(serverName: string): tls.SecureContext {
    const host = normaliseHost(serverName);
    const ref = tlsSecretFor(servedIngresses(this.store), host);
    if (!ref) return this.fallback;
    const loaded = this.secret(ref);
    const where = `${ref.namespace}/${ref.secretName}`;
    if (!loaded?.context || !loaded.leaf) {
      this.warn(`secret ${where} ${loaded?.problem ?? 'not found'}`, host);
      return this.fallback;
    }
    // ingress-nginx will not serve a certificate that does not cover the host.
    if (loaded.leaf.checkHost(host) === undefined) {
      this.warn(`certificate in ${where} does not cover ${host}`, host);
      return this.fallback;
    }
    return loaded.context;
  }

  private secret(ref: TlsSecretRef): LoadedSecret | undefined {
    const secret = this.store.get('secrets', ref.namespace, ref.secretName);
    const key = `${ref.namespace}/${ref.secretName}`;
    if (!secret) {
      this.cache.delete(key);
      return undefined;
    }
    const rv = secret.metadata.resourceVersion ?? '';
    const cached = this.cache.get(key);
    if (cached?.resourceVersion === rv) return cached;
    const loaded = load(secret.data as Record<string, string> | undefined, rv);
    this.cache.set(key, loaded);
    return loaded;
  }

  /** Says once per distinct problem why the fake certificate is served (failure 5 and 7). */
  private warn(problem: string, host: string): void {
    const message = `ingress: ${problem}; serving the fake certificate for ${host}`;
    if (this.reported.has(message)) return;
    this.reported.add(message);
    this.log(message);
  }
}
