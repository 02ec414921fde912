import type { ClusterRuntime, LabContext } from '../context.js';
import type { KubeObject } from '../kube/object.js';
import { isIngressControllerService, loadBalancerIp } from '../ingress/controller-service.js';
import { markOperatorSet } from './operator-names.js';

/** How long the simulated person takes to notice the IP and file the DNS change. */
const operatorDelayMs = 8000;

function controllerIp(services: KubeObject[]): string | undefined {
  for (const service of services) {
    if (!isIngressControllerService(service)) continue;
    const ip = loadBalancerIp(service);
    if (ip) return ip;
  }
  return undefined;
}

/**
 * The human operator of the walkthrough: once NSX-T gives the ingress controller its
 * virtual-server IP, they point the Rancher hostname(s) at it, a little later. With
 * `manualDns` nobody does, and the user has to. Returns stop.
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

  function check(): void {
    if (lab.options.manualDns || lab.options.operatorHostnames.length === 0) return;
    const ip = controllerIp(cluster.store.list('services'));
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
