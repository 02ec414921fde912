import type { KubeObject } from '../kube/object.js';

export type ControllerKind = 'ingress-nginx' | 'traefik';

/** Which controller the labels the charts put on the Service name. */
function labelledKind(labels: Record<string, string>): ControllerKind | undefined {
  const ingressNginx =
    labels['app.kubernetes.io/name'] === 'ingress-nginx' &&
    labels['app.kubernetes.io/component'] === 'controller';
  // The walkthrough's deprecated stable/nginx-ingress chart.
  const nginxIngress = labels['app'] === 'nginx-ingress' && labels['component'] === 'controller';
  if (ingressNginx || nginxIngress) return 'ingress-nginx';
  // traefik/traefik's `traefik.labelselector` (templates/_helpers.tpl, 37.x-41.x).
  if (labels['app.kubernetes.io/name'] === 'traefik') return 'traefik';
  return undefined;
}

/** The controller behind an ingress controller's LoadBalancer Service (what NSX-T gives a virtual server). */
export function controllerKind(service: KubeObject): ControllerKind | undefined {
  if (service.spec?.type !== 'LoadBalancer') return undefined;
  return labelledKind(service.metadata.labels ?? {});
}

export function isIngressControllerService(service: KubeObject): boolean {
  return controllerKind(service) !== undefined;
}

/** 100.64.0.0/10, NSX-T's transit range: listed by NCP at times, never the VIP (FACTS). */
function isTransit(ip: string): boolean {
  const second = /^100\.(\d+)\./.exec(ip)?.[1];
  return second !== undefined && Number(second) >= 64 && Number(second) <= 127;
}

/**
 * The virtual-server IP NSX-T published: the first entry outside the transit range (the
 * list may hold several or odd entries). What the lab's front serves and its operator
 * puts in DNS.
 */
export function loadBalancerIp(service: KubeObject): string | undefined {
  const entries: unknown = service.status?.loadBalancer?.ingress;
  if (!Array.isArray(entries)) return undefined;
  for (const entry of entries) {
    const ip = (entry as { ip?: unknown } | null)?.ip;
    if (typeof ip === 'string' && ip !== '' && !isTransit(ip)) return ip;
  }
  return undefined;
}
