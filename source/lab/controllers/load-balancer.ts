import type { KubeObject } from '../kube/object.js';
import { idOf, splitId, type Kit } from './kit.js';

const errorAnnotation = 'ncp/error.loadbalancer';
/** How long NSX-T takes to realise a virtual server (simulated ms). */
const realiseMs = 3000;

function ingressIps(service: KubeObject): string[] {
  const ingress = (service.status?.loadBalancer?.ingress as { ip?: string }[] | undefined) ?? [];
  return ingress.map((i) => i.ip).filter((ip): ip is string => Boolean(ip));
}

/** What NCP reports while it cannot allocate: the fault's code, or none. */
function faultCode(kit: Kit): string | undefined {
  const fault = kit.ctx.lab.faults.current.lbNoIp;
  if (!fault) return undefined;
  return fault === true ? 'IP_POOL_EXHAUSTED' : fault;
}

/**
 * NSX-T's container plugin (NCP): a LoadBalancer Service gets a virtual server and its
 * IP after a few seconds; when allocation fails the Service carries the error instead.
 */
class LoadBalancers {
  /** Services with an allocation under way, so a burst of events allocates once. */
  private readonly realising = new Map<string, () => void>();
  readonly enqueue: (id: string) => void;

  constructor(private readonly kit: Kit) {
    this.enqueue = kit.queue('load-balancer', (id) => this.reconcile(id));
  }

  private reconcile(id: string): void {
    const { namespace, name } = splitId(id);
    const service = this.kit.store.get('services', namespace, name);
    if (!service || service.spec?.type !== 'LoadBalancer') {
      this.realising.get(id)?.();
      this.realising.delete(id);
      if (service && ingressIps(service).length > 0) this.writeIngress(service, []);
      return;
    }
    if (ingressIps(service).length > 0 || this.realising.has(id)) return;
    const uid = service.metadata.uid;
    const cancel = this.kit.after(realiseMs, () => {
      this.realising.delete(id);
      this.realise(id, uid);
    });
    this.realising.set(id, cancel);
  }

  private realise(id: string, uid: string | undefined): void {
    const { namespace, name } = splitId(id);
    const service = this.kit.store.get('services', namespace, name);
    if (!service || service.metadata.uid !== uid || service.spec?.type !== 'LoadBalancer') return;
    if (ingressIps(service).length > 0) return;
    const code = faultCode(this.kit);
    const vip = code ? undefined : this.kit.ctx.lab.allocateVip();
    if (!vip) {
      this.annotate(service, code ?? 'IP_POOL_EXHAUSTED');
      this.kit.ctx.lab.log(`NCP: no virtual-server IP for ${id}: ${code ?? 'IP_POOL_EXHAUSTED'}`);
      return;
    }
    this.annotate(service, undefined);
    const fresh = this.kit.store.get('services', namespace, name);
    if (fresh) this.writeIngress(fresh, [vip]);
    this.kit.ctx.lab.log(`NCP: virtual server ${vip} for ${id}`);
  }

  private annotate(service: KubeObject, error: string | undefined): void {
    const annotations = { ...(service.metadata.annotations ?? {}) };
    if (annotations[errorAnnotation] === error) return;
    if (error) annotations[errorAnnotation] = error;
    else delete annotations[errorAnnotation];
    service.metadata.annotations = annotations;
    this.kit.store.update('services', service, { force: true });
  }

  private writeIngress(service: KubeObject, ips: string[]): void {
    service.status = {
      ...service.status,
      loadBalancer: ips.length ? { ingress: ips.map((ip) => ({ ip })) } : {},
    };
    this.kit.store.update('services', service, { subresource: 'status', force: true });
  }

  /** Faults changed: every Service still waiting for an IP is tried again. */
  retryAll(): void {
    for (const s of this.kit.store.list('services')) {
      if (s.spec?.type === 'LoadBalancer' && ingressIps(s).length === 0) {
        this.enqueue(idOf(s.metadata.namespace, s.metadata.name));
      }
    }
  }
}

export function startLoadBalancers(kit: Kit): void {
  const lb = new LoadBalancers(kit);
  kit.subscribe((e) => {
    if (e.key === 'services') lb.enqueue(idOf(e.object.metadata.namespace, e.object.metadata.name));
  });
  kit.onFaultsChange(() => lb.retryAll());
  lb.retryAll();
}
