import tls from 'node:tls';
import type { KubeObject } from '../kube/object.js';
import type { Store } from '../kube/store.js';
import type { FakeCertificate } from './fake-certificate.js';
import { TraefikCertificates } from './traefik-certificates.js';
import { traefikBehind, type TraefikConfig } from './traefik-config.js';
import type { RancherUpstream } from './rancher-upstream.js';
import { handleTraefikRequest } from './traefik-request-handler.js';
import { answerFailure } from './upstream-failure.js';
import { traefikIngresses } from './traefik-selection.js';
import type { ControllerFront, Scheme, ServiceKey } from './virtual-server.js';

/** A Traefik with no pods to read: it serves nothing. */
const idle: TraefikConfig = {
  ingressProvider: false,
  allowEmptyServices: false,
  crdProvider: false,
  tlsEntryPoints: new Set(),
  redirects: new Map(),
};

interface ServicePort {
  port?: number;
  targetPort?: number | string;
}

/**
 * The entry point behind the Service's port 443 or 80: the chart names the container port
 * after the entry point and targets it by name (`websecure`, `web`).
 */
function entryPointFor(service: KubeObject | undefined, scheme: Scheme): string {
  const port = scheme === 'https' ? 443 : 80;
  const target = ((service?.spec?.ports ?? []) as ServicePort[]).find(
    (p) => p.port === port,
  )?.targetPort;
  if (typeof target === 'string') return target;
  return scheme === 'https' ? 'websecure' : 'web';
}

/**
 * Traefik behind a virtual server, configured by its pods' command line: the Ingresses it
 * picks, their certificates by SNI, its default certificate, its 404 and 503, its redirect.
 */
export class TraefikFront implements ControllerFront {
  readonly name = 'traefik';
  readonly fallback: FakeCertificate;
  private readonly certificates: TraefikCertificates;

  constructor(
    private readonly store: Store,
    private readonly service: ServiceKey,
    generated: FakeCertificate,
    private readonly rancher: RancherUpstream,
  ) {
    this.fallback = generated;
    this.certificates = new TraefikCertificates(
      store,
      tls.createSecureContext({ cert: generated.certPem, key: generated.keyPem }),
    );
  }

  private serviceObject(): KubeObject | undefined {
    return this.store.get('services', this.service.namespace, this.service.name);
  }

  private config(): TraefikConfig {
    const service = this.serviceObject();
    return (service && traefikBehind(this.store, service)) ?? idle;
  }

  secureContext(serverName: string): tls.SecureContext {
    const config = this.config();
    return this.certificates.forServerName(
      serverName,
      traefikIngresses(this.store, config),
      config,
    );
  }

  handle(
    scheme: Scheme,
    req: Parameters<ControllerFront['handle']>[1],
    res: Parameters<ControllerFront['handle']>[2],
  ): void {
    const config = this.config();
    void handleTraefikRequest(
      {
        store: this.store,
        config,
        ingresses: traefikIngresses(this.store, config),
        entryPoint: entryPointFor(this.serviceObject(), scheme),
        secure: scheme === 'https',
        rancher: this.rancher,
      },
      req,
      res,
    ).catch((e: unknown) => answerFailure(res, e));
  }
}
