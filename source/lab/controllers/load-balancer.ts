import { createHash } from 'node:crypto';
import type { KubeObject } from '../kube/object.js';
import { idOf, splitId, type Kit } from './kit.js';

const errorAnnotation = 'ncp/error.loadbalancer';
/** Names the NSXError object (TKGI docs, "nsxt-health"; the docs print it capitalised). */
const nsxErrorAnnotation = 'nsxerror';
/** What NCP puts in the NSXError for each code (TKGI "nsxt-health" example; others unverified). */
const nsxErrorMessages: Record<string, string> = {
  SERVICE_LOADBALANCER_UNREALIZED: '10087: Number of loadbalancer requested exceed Edge node limit',
  IP_POOL_EXHAUSTED: 'Floating IP pool is exhausted when exposing the load balancer type service',
  IP_POOL_NOT_FOUND: 'IP pool specified for the load balancer type service does not exist',
};
/**
 * The NSX-T transit address NCP may report beside the VIP (the walkthrough shows
 * `10.50.0.79,100.64.128.125`). Only data: nothing in the lab serves or contacts it.
 */
const transitAddress = '100.64.128.125';
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
    // The walkthrough lists the VIP first; the order is not documented, so the fault puts
    // the transit address first (what code taking `[0]` gets wrong).
    const ips = this.kit.ctx.lab.faults.current.lbTransitIp ? [transitAddress, vip] : [vip];
    if (fresh) this.writeIngress(fresh, ips);
    this.kit.ctx.lab.log(`NCP: virtual server ${vip} for ${id}`);
  }

  private annotate(service: KubeObject, error: string | undefined): void {
    const annotations = { ...(service.metadata.annotations ?? {}) };
    if (annotations[errorAnnotation] === error) return;
    const nsxError = this.nsxErrorName(service);
    if (error) {
      annotations[errorAnnotation] = error;
      annotations[nsxErrorAnnotation] = nsxError;
      this.writeNsxError(service, nsxError, error);
    } else {
      delete annotations[errorAnnotation];
      delete annotations[nsxErrorAnnotation];
      // "The nsxerror object is deleted once the NSX error is resolved" (TKGI docs).
      if (this.kit.store.get('nsx.vmware.com/nsxerrors', undefined, nsxError))
        this.kit.store.delete('nsx.vmware.com/nsxerrors', undefined, nsxError);
    }
    service.metadata.annotations = annotations;
    this.kit.store.update('services', service, { force: true });
  }

  /** `services-<hash>`, as in the TKGI docs' example. */
  private nsxErrorName(service: KubeObject): string {
    const id = `${service.metadata.namespace}.${service.metadata.name}`;
    return `services-${createHash('md5').update(id).digest('hex')}`;
  }

  /** The NSXError NCP creates for an errored Service (TKGI "nsxt-health" example's fields). */
  private writeNsxError(service: KubeObject, name: string, code: string): void {
    const at = new Date().toISOString().replace('T', ' ').slice(0, 19);
    const object: KubeObject = {
      apiVersion: 'nsx.vmware.com/v1',
      kind: 'NSXError',
      metadata: { name, labels: { 'error-object-type': 'services' } },
      spec: {
        'error-object-id': `${service.metadata.namespace}.${service.metadata.name}`,
        'error-object-name': service.metadata.name,
        'error-object-ns': service.metadata.namespace,
        'error-object-type': 'services',
        message: `[${at}]${nsxErrorMessages[code] ?? code}`,
      },
    };
    const existing = this.kit.store.get('nsx.vmware.com/nsxerrors', undefined, name);
    if (existing)
      this.kit.store.update(
        'nsx.vmware.com/nsxerrors',
        { ...existing, spec: object.spec },
        { force: true },
      );
    else this.kit.store.create('nsx.vmware.com/nsxerrors', object);
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
