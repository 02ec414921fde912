import type { KubeObject } from '../kube/object.js';

/** The labels the two charts put on the controller's Service. */
function isControllerLabelled(labels: Record<string, string>): boolean {
  const ingressNginx =
    labels['app.kubernetes.io/name'] === 'ingress-nginx' &&
    labels['app.kubernetes.io/component'] === 'controller';
  // The walkthrough's deprecated stable/nginx-ingress chart.
  const nginxIngress = labels['app'] === 'nginx-ingress' && labels['component'] === 'controller';
  return ingressNginx || nginxIngress;
}

/** An ingress controller's LoadBalancer Service: what NSX-T gives a virtual server. */
export function isIngressControllerService(service: KubeObject): boolean {
  return (
    service.spec?.type === 'LoadBalancer' && isControllerLabelled(service.metadata.labels ?? {})
  );
}

/** The first virtual-server IP NSX-T published; the list may hold several or odd entries. */
export function loadBalancerIp(service: KubeObject): string | undefined {
  const entries: unknown = service.status?.loadBalancer?.ingress;
  if (!Array.isArray(entries)) return undefined;
  for (const entry of entries) {
    const ip = (entry as { ip?: unknown } | null)?.ip;
    if (typeof ip === 'string' && ip !== '') return ip;
  }
  return undefined;
}
