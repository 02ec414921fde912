import tls from 'node:tls';
import type { ClusterRuntime, LabContext } from '../context.js';
import { isLoopbackIpv4 } from '../dns/loopback.js';
import type { StoreEvent } from '../kube/store.js';
import { isIngressControllerService, loadBalancerIp } from './controller-service.js';
import { fakeCertificate, type FakeCertificate } from './fake-certificate.js';
import { TlsContexts } from './tls-contexts.js';
import { VirtualServer, type ServiceKey } from './virtual-server.js';

interface Wanted {
  key: string;
  service: ServiceKey;
  vip: string;
}

function keyOf(service: ServiceKey): string {
  return `${service.namespace}/${service.name}`;
}

/**
 * The HTTPS front of one cluster: a virtual server for every ingress-controller
 * LoadBalancer Service with an IP, following the Services as they come, change and go.
 * Returns stop.
 */
export function startIngressFront(lab: LabContext, cluster: ClusterRuntime): () => Promise<void> {
  const store = cluster.store;
  const running = new Map<string, VirtualServer>();
  const skipped = new Set<string>();
  let stopped = false;
  let queue: Promise<void> = Promise.resolve();
  const ready = fakeCertificate(lab).then((fake) => ({
    fake,
    contexts: new TlsContexts(
      store,
      tls.createSecureContext({ cert: fake.certPem, key: fake.keyPem }),
      (m) => lab.log(m),
    ),
  }));

  /** The virtual servers there should be: loopback VIPs only (the network rule). */
  function wanted(): Wanted[] {
    if (stopped) return [];
    const result: Wanted[] = [];
    for (const svc of store.list('services').filter(isIngressControllerService)) {
      const vip = loadBalancerIp(svc);
      const service = { namespace: svc.metadata.namespace ?? 'default', name: svc.metadata.name };
      if (!vip) continue;
      if (!isLoopbackIpv4(vip)) {
        reportOnce(`ingress: not serving ${keyOf(service)}: ${vip} is not a loopback address`);
        continue;
      }
      result.push({ key: keyOf(service), service, vip });
    }
    return result;
  }

  function reportOnce(message: string): void {
    if (skipped.has(message)) return;
    skipped.add(message);
    lab.log(message);
  }

  async function open(want: Wanted, fake: FakeCertificate, contexts: TlsContexts) {
    const server = new VirtualServer(lab, store, want.vip, want.service, fake, contexts);
    try {
      await server.start();
      running.set(want.key, server);
    } catch (error) {
      await server.close();
      reportOnce(`ingress: cannot serve ${want.vip}: ${(error as Error).message}`);
    }
  }

  async function reconcile(): Promise<void> {
    const { fake, contexts } = await ready;
    const desired = new Map(wanted().map((w) => [w.key, w]));
    for (const [key, server] of [...running]) {
      // Gone, or NSX-T moved it to another IP: the old listener closes.
      if (desired.get(key)?.vip !== server.vip) {
        running.delete(key);
        await server.close();
        lab.log(`ingress: virtual server ${server.vip} for ${key} closed`);
      }
    }
    for (const want of desired.values()) {
      if (!running.has(want.key)) await open(want, fake, contexts);
    }
  }

  function schedule(): void {
    queue = queue.then(reconcile).catch((error: Error) => lab.log(`ingress: ${error.message}`));
  }

  const unsubscribe = store.subscribe((event: StoreEvent) => {
    if (event.key === 'services') schedule();
  });
  schedule();

  return async () => {
    stopped = true;
    unsubscribe();
    schedule();
    await queue;
  };
}
