import tls from 'node:tls';
import type { ClusterRuntime, LabContext } from '../context.js';
import { isLoopbackIpv4 } from '../dns/loopback.js';
import type { StoreEvent } from '../kube/store.js';
import { controllerKind, loadBalancerIp, type ControllerKind } from './controller-service.js';
import { fakeCertificate } from './fake-certificate.js';
import { nginxFront } from './nginx-front.js';
import { rancherUpstream } from './rancher-upstream.js';
import { TlsContexts } from './tls-contexts.js';
import { traefikDefaultCertificate } from './traefik-default-certificate.js';
import { TraefikFront } from './traefik-front.js';
import { VirtualServer, type ControllerFront, type ServiceKey } from './virtual-server.js';

interface Wanted {
  key: string;
  service: ServiceKey;
  vip: string;
  kind: ControllerKind;
}

function keyOf(service: ServiceKey): string {
  return `${service.namespace}/${service.name}`;
}

/**
 * The HTTPS front of one cluster: a virtual server for every ingress-controller
 * LoadBalancer Service with an IP, following the Services as they come, change and go.
 * Each serves only its own controller's Ingresses, so ingress-nginx and Traefik can run
 * side by side (a migration moves the Ingress from one class to the other). Returns stop.
 */
export function startIngressFront(lab: LabContext, cluster: ClusterRuntime): () => Promise<void> {
  const store = cluster.store;
  const rancher = rancherUpstream(lab, store);
  const running = new Map<string, VirtualServer>();
  const skipped = new Set<string>();
  let stopped = false;
  let queue: Promise<void> = Promise.resolve();
  const nginx = fakeCertificate(lab).then((fake) =>
    nginxFront(
      store,
      fake,
      new TlsContexts(
        store,
        tls.createSecureContext({ cert: fake.certPem, key: fake.keyPem }),
        (m) => lab.log(m),
      ),
      rancher,
    ),
  );

  /** Traefik's certificate is made only once a Traefik Service appears (RSA key generation). */
  async function frontFor(want: Wanted): Promise<ControllerFront> {
    if (want.kind === 'ingress-nginx') return nginx;
    return new TraefikFront(store, want.service, await traefikDefaultCertificate(lab), rancher);
  }

  /**
   * The virtual servers there should be: loopback VIPs only (the network rule). The `vipLost`
   * fault takes them all away from NSX-T: nothing answers on the VIPs, while the Services
   * keep their `status.loadBalancer` IPs. NCP documents only the errors it annotates when it
   * cannot create a virtual server (`ncp/error.loadbalancer`, NCP 3.0/4.0 "Load Balancer"
   * docs); that it leaves a Service as it is when its virtual server later disappears is
   * not documented (unverified): the lab shows the case the cluster cannot see.
   */
  function wanted(): Wanted[] {
    if (stopped || lab.faults.current.vipLost) return [];
    const result: Wanted[] = [];
    for (const svc of store.list('services')) {
      const kind = controllerKind(svc);
      if (!kind) continue;
      const vip = loadBalancerIp(svc);
      const service = { namespace: svc.metadata.namespace ?? 'default', name: svc.metadata.name };
      if (!vip) continue;
      if (!isLoopbackIpv4(vip)) {
        reportOnce(`ingress: not serving ${keyOf(service)}: ${vip} is not a loopback address`);
        continue;
      }
      result.push({ key: keyOf(service), service, vip, kind });
    }
    return result;
  }

  function reportOnce(message: string): void {
    if (skipped.has(message)) return;
    skipped.add(message);
    lab.log(message);
  }

  async function open(want: Wanted) {
    const server = new VirtualServer(lab, store, want.vip, want.service, await frontFor(want));
    try {
      await server.start();
      running.set(want.key, server);
    } catch (error) {
      await server.close();
      reportOnce(`ingress: cannot serve ${want.vip}: ${(error as Error).message}`);
    }
  }

  async function reconcile(): Promise<void> {
    const desired = new Map(wanted().map((w) => [w.key, w]));
    for (const [key, server] of [...running]) {
      // Gone, or NSX-T moved it to another IP, or another controller's now: the old listener closes.
      const want = desired.get(key);
      if (want?.vip !== server.vip || want.kind !== server.kind) {
        running.delete(key);
        await server.close();
        lab.log(`ingress: virtual server ${server.vip} for ${key} closed`);
      }
    }
    for (const want of desired.values()) {
      if (!running.has(want.key)) await open(want);
    }
  }

  function schedule(): void {
    queue = queue.then(reconcile).catch((error: Error) => lab.log(`ingress: ${error.message}`));
  }

  const unsubscribe = store.subscribe((event: StoreEvent) => {
    if (event.key === 'services') schedule();
  });
  const faultsOff = lab.faults.onChange(schedule);
  schedule();

  return async () => {
    stopped = true;
    unsubscribe();
    faultsOff();
    schedule();
    await queue;
  };
}
