import type { KubeObject } from '../../systems/kube.js';

/**
 * What NSX-T (through NCP) tells us about a LoadBalancer Service, and what it means for
 * the user: which address DNS needs, why there is none, how many virtual servers are used.
 */

/** 100.64.0.0/10: NSX-T's internal transit range; NCP may list such an address beside the VIP (FACTS). */
export function isTransitAddress(ip: string): boolean {
  const m = /^100\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(ip);
  return m !== null && Number(m[1]) >= 64 && Number(m[1]) <= 127;
}

/** Every address in `status.loadBalancer.ingress[].ip`, in the order NCP wrote them. */
export function loadBalancerIps(svc: KubeObject | undefined): string[] {
  const ingress = (svc?.status?.loadBalancer?.ingress ?? []) as { ip?: string }[];
  return ingress.map((i) => i.ip).filter((ip): ip is string => typeof ip === 'string' && ip !== '');
}

export interface VirtualServerAddresses {
  /** Every address NCP reported. */
  all: string[];
  /** The one the DNS A record needs: the first outside the transit range. */
  forDns?: string;
  /** Other addresses outside the transit range (shown, so the user can tell). */
  others: string[];
}

/**
 * NCP can report more than one address (the walkthrough shows `10.50.0.79,100.64.128.125`);
 * never take `[0]` blindly: the DNS record needs an address outside 100.64.0.0/10.
 */
export function virtualServerAddresses(ips: readonly string[]): VirtualServerAddresses {
  const usable = ips.filter((ip) => !isTransitAddress(ip));
  return {
    all: [...ips],
    ...(usable[0] ? { forDns: usable[0] } : {}),
    others: usable.slice(1),
  };
}

/** The NCP error annotation (`ncp/error.loadbalancer`, or another `ncp/error.*` key), if any. */
export function ncpError(svc: KubeObject | undefined): { key: string; code: string } | undefined {
  const annotations = svc?.metadata?.annotations ?? {};
  const key =
    'ncp/error.loadbalancer' in annotations
      ? 'ncp/error.loadbalancer'
      : Object.keys(annotations).find((k) => k.startsWith('ncp/error'));
  return key ? { key, code: annotations[key] ?? '' } : undefined;
}

/**
 * The NSXError object an errored resource names (TKGI docs, "nsxt-health": the resource is
 * annotated with the `nsxerror` object name). The docs print the key as `Nsxerror`: match
 * it in any case (unverified).
 */
export function nsxErrorName(svc: KubeObject | undefined): string | undefined {
  const annotations = svc?.metadata?.annotations ?? {};
  const key = Object.keys(annotations).find((k) => k.toLowerCase() === 'nsxerror');
  return key ? annotations[key] : undefined;
}

/** The NSXError CRD NCP installs: `nsxerrors.nsx.vmware.com`, v1, cluster-scoped (NCP manifest). */
export const nsxErrorRef = (name: string) => ({
  apiVersion: 'nsx.vmware.com/v1',
  kind: 'NSXError',
  name,
});

/** `spec.message` of an NSXError, e.g. `[2019-01-21 19:17:16]10087: Number of loadbalancer requested exceed Edge node limit`. */
export function nsxErrorMessage(object: KubeObject | undefined): string | undefined {
  const message = (object?.spec as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' && message.trim() ? message.trim() : undefined;
}

/** What to do about an NCP load-balancer error code (NCP docs and TKGI "nsxt-health"). */
export function ncpErrorRemedy(code: string, lbSize: string): string {
  switch (code) {
    case 'IP_POOL_EXHAUSTED':
      return 'the NSX-T floating IP pool is exhausted: free addresses or enlarge the pool, then resume';
    case 'IP_POOL_NOT_FOUND':
      return "the Service names an IP pool NSX-T does not have: check the cluster's floating IP pool in NSX-T, then resume";
    case 'SERVICE_LOADBALANCER_UNREALIZED':
      return `the load balancer (lb_size ${lbSize}) or its Edge is out of virtual servers: free some (delete unused LoadBalancer Services), or build a new cluster with a larger lb_size (it cannot change on an existing cluster), or move to a larger Edge node; then resume`;
    default:
      return 'check the NSX-T load balancer and IP pool configuration for this cluster (`kubectl get nsxerror`), then resume';
  }
}

/**
 * Virtual servers a small, medium or large NSX-T load balancer holds (NSX-T "Scaling Load
 * Balancer Resources": 20, 100, 1000; the numbers vary by NSX-T version and Edge size —
 * unverified here, so they are shown as guidance, never enforced).
 */
export const virtualServerCapacity: Readonly<Record<string, number>> = {
  small: 20,
  medium: 100,
  large: 1000,
};

/**
 * Virtual servers a TKGI cluster uses (TKGI docs, "Size a Load Balancer"): one for the
 * Kubernetes API, two global L7 ones for NCP's own ingress, one L4 per LoadBalancer Service.
 */
export function virtualServersInUse(loadBalancerServices: number): number {
  return 1 + 2 + loadBalancerServices;
}
