import { X509Certificate } from 'node:crypto';
import tls from 'node:tls';
import type { KubeObject } from '../kube/object.js';
import type { Store } from '../kube/store.js';
import { normaliseHost, wildcardMatches } from './host-match.js';
import type { TraefikConfig } from './traefik-config.js';

interface Loaded {
  resourceVersion: string;
  context?: tls.SecureContext;
  names: string[];
}

function decoded(data: Record<string, string> | undefined, key: string): string | undefined {
  const value = data?.[key];
  return value === undefined ? undefined : Buffer.from(value, 'base64').toString('utf8');
}

/** The names Traefik indexes a certificate under: its CN and DNS SANs (certificate_store.go). */
function namesOf(cert: X509Certificate): string[] {
  const sans = (cert.subjectAltName ?? '')
    .split(', ')
    .filter((s) => s.startsWith('DNS:'))
    .map((s) => normaliseHost(s.slice(4)));
  const cn = /(?:^|\n)CN=([^\n]+)/.exec(cert.subject)?.[1];
  return [...sans, ...(cn ? [normaliseHost(cn)] : [])];
}

interface SecretRef {
  namespace: string;
  name: string;
}

/**
 * Traefik's certificates for one virtual server: every TLS secret the served Ingresses name
 * (read from each Ingress's namespace, needs tls.crt and tls.key: getCertificates,
 * kubernetes.go @v3.6.2) goes into the default store and is chosen by SNI against its CN and
 * SANs (GetBestCertificate: the exact name sorts after a wildcard and wins), whatever
 * `tls[].hosts` says. Otherwise the default
 * store's certificate: the TLSStore `default`'s `defaultCertificate` secret, read from that
 * TLSStore's namespace (crd/kubernetes.go buildTLSStores; none when `default` exists in more
 * than one namespace), else the generated TRAEFIK DEFAULT CERT.
 */
export class TraefikCertificates {
  private readonly cache = new Map<string, Loaded>();

  constructor(
    private readonly store: Store,
    private readonly generated: tls.SecureContext,
  ) {}

  forServerName(
    serverName: string,
    ingresses: KubeObject[],
    config: TraefikConfig,
  ): tls.SecureContext {
    const host = normaliseHost(serverName);
    const loaded = this.ingressSecrets(ingresses)
      .map((ref) => this.load(ref))
      .filter((l): l is Loaded & { context: tls.SecureContext } => Boolean(l?.context));
    const exact = loaded.find((l) => l.names.includes(host));
    const wildcard = loaded.find((l) => l.names.some((n) => wildcardMatches(n, host)));
    return exact?.context ?? wildcard?.context ?? this.defaultContext(config);
  }

  /** The certificate for connections that match nothing (or send no SNI). */
  defaultContext(config: TraefikConfig): tls.SecureContext {
    const store = config.crdProvider ? this.defaultStoreSecret() : undefined;
    return (store && this.load(store)?.context) ?? this.generated;
  }

  private ingressSecrets(ingresses: KubeObject[]): SecretRef[] {
    return ingresses.flatMap((ing) =>
      ((ing.spec?.tls as { secretName?: string }[] | undefined) ?? [])
        .filter((t) => t.secretName)
        .map((t) => ({ namespace: ing.metadata.namespace ?? 'default', name: t.secretName! })),
    );
  }

  private defaultStoreSecret(): SecretRef | undefined {
    const defaults = this.store
      .list('traefik.io/tlsstores')
      .filter((s) => s.metadata.name === 'default');
    if (defaults.length !== 1) return undefined;
    const name = defaults[0]!.spec?.defaultCertificate?.secretName as string | undefined;
    return name ? { namespace: defaults[0]!.metadata.namespace ?? 'default', name } : undefined;
  }

  private load(ref: SecretRef): Loaded | undefined {
    const secret = this.store.get('secrets', ref.namespace, ref.name);
    const key = `${ref.namespace}/${ref.name}`;
    if (!secret) return undefined;
    const rv = secret.metadata.resourceVersion ?? '';
    const cached = this.cache.get(key);
    if (cached?.resourceVersion === rv) return cached;
    const data = secret.data as Record<string, string> | undefined;
    const cert = decoded(data, 'tls.crt');
    const keyPem = decoded(data, 'tls.key');
    let loaded: Loaded = { resourceVersion: rv, names: [] };
    if (cert && keyPem) {
      try {
        loaded = {
          resourceVersion: rv,
          context: tls.createSecureContext({ cert, key: keyPem }),
          names: namesOf(new X509Certificate(cert)),
        };
      } catch {
        // Traefik logs the bad pair and goes on without it.
      }
    }
    this.cache.set(key, loaded);
    return loaded;
  }
}
