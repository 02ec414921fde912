import type { ClusterRuntime, LabContext } from '../context.js';
import type { KubeObject } from '../kube/object.js';
import { isIngressControllerService, loadBalancerIp } from '../ingress/controller-service.js';
import { markOperatorSet } from './operator-names.js';

/** How long the simulated person takes to notice the IP and file the DNS change. */
const operatorDelayMs = 8000;

/**
 * The VIP of the newest ingress controller with one: during a migration from one controller
 * to the other, the operator follows the new one once it has its IP.
 */
function controllerIp(services: KubeObject[]): string | undefined {
  const withIp = services
    .filter(isIngressControllerService)
    .map((service) => ({ service, ip: loadBalancerIp(service) }))
    .filter((c): c is { service: KubeObject; ip: string } => c.ip !== undefined)
    .sort((a, b) =>
      (b.service.metadata.creationTimestamp ?? '').localeCompare(
        a.service.metadata.creationTimestamp ?? '',
      ),
    );
  return withIp[0]?.ip;
}

/**
 * The human operator of the walkthrough: once NSX-T gives the ingress controller its
 * virtual-server IP, they point the Rancher hostname(s) at it, a little later. With
 * `manualDns` nobody does, and the user has to; with `dnsFromIngress` external-dns does
 * (dns/external-dns.ts). Returns stop.
 */
export function startDnsOperator(lab: LabContext, cluster: ClusterRuntime): () => void {
  let published: string | undefined;
  let pending: { ip: string; cancel: () => void } | undefined;

  function publish(ip: string): void {
    pending = undefined;
    published = ip;
    for (const hostname of lab.options.operatorHostnames) {
      lab.dns.set(hostname, [ip]);
      markOperatorSet(lab, hostname);
      lab.log(`dns: operator set ${hostname} A ${ip}`);
    }
  }

  /** The uninstall's ACTION NEEDED, done: the records go once no controller is left. */
  function unpublish(): void {
    pending = undefined;
    published = undefined;
    for (const hostname of lab.options.operatorHostnames) {
      lab.dns.delete(hostname);
      lab.log(`dns: operator deleted ${hostname}`);
    }
  }

  function check(): void {
    if (lab.options.manualDns || lab.options.dnsFromIngress) return;
    if (lab.options.operatorHostnames.length === 0) return;
    const services = cluster.store.list('services');
    // Rancher uninstalled (no ingress controller left at all, not a migration's swap): the
    // person who made the records is asked to delete them, and does, a little later.
    if (published && !services.some(isIngressControllerService)) {
      if (pending?.ip === '') return;
      pending?.cancel();
      pending = { ip: '', cancel: lab.clock.after(operatorDelayMs, unpublish) };
      return;
    }
    const ip = controllerIp(services);
    // A Service that loses its IP leaves the records alone: people rarely delete them.
    if (!ip || ip === (pending?.ip ?? published)) return;
    pending?.cancel();
    pending = { ip, cancel: lab.clock.after(operatorDelayMs, () => publish(ip)) };
  }

  const unsubscribe = cluster.store.subscribe((event) => {
    if (event.key === 'services') check();
  });
  check();
  return () => {
    unsubscribe();
    pending?.cancel();
    pending = undefined;
  };
}
