import type { IngressControllerName } from '../../config/schema.js';
import { majorLine } from './chart-version.js';
import { namespace, tlsSecretName } from './names.js';

/**
 * The two ingress controllers Rancher can sit behind: NSX-T's own L7 load balancer cannot
 * send X-Forwarded-Proto (the walkthrough's reason for a controller of our own), so an L4
 * virtual server fronts one of these, as a DaemonSet, in cattle-system.
 */
export interface IngressController {
  name: IngressControllerName;
  /** For messages: `Traefik`, `ingress-nginx`. */
  label: string;
  repo: { name: string; url: string };
  chart: string;
  release: string;
  /** The LoadBalancer Service NSX-T gives a virtual server. */
  service: string;
  daemonSet: string;
  /** Selects the controller's pods. */
  podSelector: Record<string, string>;
  /** Its IngressClass; our Ingress names it (and the annotation NCP reads). */
  ingressClass: string;
  /** Chart majors whose values we know: others are never chosen. */
  knownMajors: readonly string[];
  /** `--set` values for a chart version: the DaemonSet, its class, TLS, Rancher's needs. */
  values(chartVersion: string): Record<string, string>;
  /** Annotations our Ingress carries for this controller. */
  ingressAnnotations: Record<string, string>;
  /** The certificate it serves when it has none for the name. */
  defaultCertificateCn: string;
  /** What it answers for a host it has no Ingress for. */
  unknownHostBody: RegExp;
  /**
   * Whether it routes a host whose backend Service does not exist yet (answering 503);
   * otherwise that host gets the unknown-host 404 until the Service appears.
   */
  routesMissingBackends: boolean;
  /** Why one might not want it, when there is a reason. */
  caveat?: string;
}

/** Rancher's shells and log streams through the proxy live long (Rancher's chart sets 1800 s for nginx). */
const longTimeout = '1800s';

/**
 * Traefik (chart `traefik/traefik`): values as each chart major reads them (traefik-helm-chart,
 * values.yaml per tag): the redirect moved from `ports.web.redirections` (34–38) to
 * `ports.web.http.redirections` (39+); from 38 the schema rejects unknown keys under a port.
 * Traefik sets X-Forwarded-Proto/Port/Host itself and passes WebSockets by default
 * (traefik v3.6 forwardedheaders, docs "websocket"); its 60 s default readTimeout would cut
 * Rancher's long streams, hence 1800 s.
 */
function traefikValues(chartVersion: string): Record<string, string> {
  const major = Number(majorLine(chartVersion));
  const web =
    major >= 39 ? 'ports.web.http.redirections.entryPoint' : 'ports.web.redirections.entryPoint';
  return {
    'deployment.kind': 'DaemonSet',
    'ingressClass.enabled': 'true',
    'ingressClass.name': 'traefik',
    // Other Ingresses in the cluster without a class stay NCP's or their owners'.
    'ingressClass.isDefaultClass': 'false',
    'providers.kubernetesIngress.publishedService.enabled': 'true',
    [`${web}.to`]: 'websecure',
    [`${web}.scheme`]: 'https',
    [`${web}.permanent`]: 'true',
    'ports.websecure.transport.respondingTimeouts.readTimeout': longTimeout,
    'ports.websecure.transport.respondingTimeouts.idleTimeout': longTimeout,
    // A name no certificate covers gets Rancher's, not TRAEFIK DEFAULT CERT.
    'tlsStore.default.defaultCertificate.secretName': tlsSecretName,
  };
}

export const traefik: IngressController = {
  name: 'traefik',
  label: 'Traefik',
  repo: { name: 'traefik', url: 'https://traefik.github.io/charts' },
  chart: 'traefik/traefik',
  release: 'traefik',
  service: 'traefik',
  daemonSet: 'traefik',
  // `app.kubernetes.io/instance` is `<release>-<namespace>` in the chart's labels.
  podSelector: {
    'app.kubernetes.io/name': 'traefik',
    'app.kubernetes.io/instance': `traefik-${namespace}`,
  },
  ingressClass: 'traefik',
  knownMajors: ['37', '38', '39', '40', '41'],
  values: traefikValues,
  ingressAnnotations: { 'kubernetes.io/ingress.class': 'traefik' },
  defaultCertificateCn: 'TRAEFIK DEFAULT CERT',
  unknownHostBody: /^404 page not found\s*$/,
  // loadConfigurationFromIngresses skips a path whose Service is missing ("Cannot create
  // service"), pkg/provider/kubernetes/ingress/kubernetes.go @v3.6.2.
  routesMissingBackends: false,
};

/** ingress-nginx (chart `ingress-nginx/ingress-nginx`), retired upstream in March 2026. */
export const ingressNginx: IngressController = {
  name: 'ingress-nginx',
  label: 'ingress-nginx',
  repo: { name: 'ingress-nginx', url: 'https://kubernetes.github.io/ingress-nginx' },
  chart: 'ingress-nginx/ingress-nginx',
  release: 'ingress-nginx',
  service: 'ingress-nginx-controller',
  daemonSet: 'ingress-nginx-controller',
  podSelector: {
    'app.kubernetes.io/name': 'ingress-nginx',
    'app.kubernetes.io/component': 'controller',
  },
  ingressClass: 'nginx',
  knownMajors: ['4'],
  values: () => ({ 'controller.kind': 'DaemonSet' }),
  ingressAnnotations: {
    'kubernetes.io/ingress.class': 'nginx',
    // What the Rancher chart sets for nginx: long-lived websockets to agents and shells.
    'nginx.ingress.kubernetes.io/proxy-connect-timeout': '30',
    'nginx.ingress.kubernetes.io/proxy-read-timeout': '1800',
    'nginx.ingress.kubernetes.io/proxy-send-timeout': '1800',
  },
  defaultCertificateCn: 'Kubernetes Ingress Controller Fake Certificate',
  unknownHostBody: /default backend - 404|404 Not Found/,
  // A missing Service leaves the location without endpoints: 503 (FACTS, the walkthrough).
  routesMissingBackends: true,
  caveat:
    'retired upstream in March 2026 (no more security fixes): choose it only if your organisation already runs it',
};

export const ingressControllers: Readonly<Record<IngressControllerName, IngressController>> = {
  traefik,
  'ingress-nginx': ingressNginx,
};

export function controllerOf(name: IngressControllerName): IngressController {
  return ingressControllers[name];
}

/** `app.kubernetes.io/name=traefik,app.kubernetes.io/instance=…`: the label selector text. */
export function selectorText(controller: IngressController): string {
  return Object.entries(controller.podSelector)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}
