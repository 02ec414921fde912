import type { KubeObject } from '../../systems/kube.js';
import { podReadiness, podStatus, type PodStatusInput } from './pod-status.js';

/** A row of `kubectl get po -o wide -L app`. */
export interface PodRow {
  name: string;
  ready: string;
  status: string;
  restarts: number;
  ip: string;
  node: string;
  /** Epoch ms; the panel turns it into AGE with the current time. */
  createdAt?: number;
  app: string;
}

/** A row of `kubectl get svc`, with the addresses of its endpoints. */
export interface ServiceRow {
  name: string;
  type: string;
  clusterIp: string;
  externalIps: string;
  ports: string;
  endpoints: string[];
}

export interface EndpointsRow {
  name: string;
  /** Ready addresses, `ip:port` (or the bare ip when no port is published). */
  addresses: string[];
  notReady: string[];
}

/** What the live panels read about the namespace; normalized once, when it changes. */
export interface ClusterSnapshot {
  namespace: string;
  pods: PodRow[];
  services: ServiceRow[];
  endpoints: EndpointsRow[];
}

function createdAt(o: KubeObject): number | undefined {
  const stamp = o.metadata?.creationTimestamp;
  if (stamp === undefined) return undefined;
  const ms = new Date(stamp).getTime();
  return Number.isNaN(ms) ? undefined : ms;
}

function nameOf(o: KubeObject): string {
  return o.metadata?.name ?? '<unnamed>';
}

export function podRow(pod: KubeObject): PodRow {
  const input = pod as PodStatusInput;
  const { ready, restarts } = podReadiness(input);
  return {
    name: nameOf(pod),
    ready,
    status: podStatus(input),
    restarts,
    ip: (pod.status?.podIP as string | undefined) || '<none>',
    node: (pod.spec?.nodeName as string | undefined) || '<none>',
    createdAt: createdAt(pod),
    app: pod.metadata?.labels?.app ?? '',
  };
}

interface ServicePort {
  port?: number;
  nodePort?: number;
  protocol?: string;
}

function servicePorts(ports: ServicePort[] | undefined): string {
  const shown = (ports ?? []).map((p) => {
    const port = p.nodePort ? `${p.port}:${p.nodePort}` : `${p.port}`;
    return `${port}/${p.protocol ?? 'TCP'}`;
  });
  return shown.length ? shown.join(',') : '<none>';
}

/** kubectl's EXTERNAL-IP: the load balancer's addresses, `<pending>` while NSX-T has none. */
function externalIps(svc: KubeObject): string {
  const declared = (svc.spec?.externalIPs ?? []) as string[];
  const ingress = (svc.status?.loadBalancer?.ingress ?? []) as { ip?: string; hostname?: string }[];
  const balanced = ingress.map((i) => i.ip || i.hostname || '').filter((a) => a !== '');
  const all = [...balanced, ...declared];
  if (svc.spec?.type === 'LoadBalancer') return all.length ? all.join(',') : '<pending>';
  if (svc.spec?.type === 'ExternalName') return (svc.spec?.externalName as string) ?? '<none>';
  return all.length ? all.join(',') : '<none>';
}

interface Subset {
  addresses?: { ip?: string }[];
  notReadyAddresses?: { ip?: string }[];
  ports?: { port?: number }[];
}

function addressesOf(subsets: Subset[], field: 'addresses' | 'notReadyAddresses'): string[] {
  return subsets.flatMap((s) => {
    const ips = (s[field] ?? []).map((a) => a.ip ?? '').filter((ip) => ip !== '');
    const ports = (s.ports ?? []).map((p) => p.port).filter((p) => p !== undefined);
    return ports.length ? ips.flatMap((ip) => ports.map((port) => `${ip}:${port}`)) : ips;
  });
}

export function endpointsRow(endpoints: KubeObject): EndpointsRow {
  const subsets = (endpoints.subsets ?? []) as Subset[];
  return {
    name: nameOf(endpoints),
    addresses: addressesOf(subsets, 'addresses'),
    notReady: addressesOf(subsets, 'notReadyAddresses'),
  };
}

export function serviceRow(svc: KubeObject, endpoints: EndpointsRow[] = []): ServiceRow {
  const name = nameOf(svc);
  return {
    name,
    type: (svc.spec?.type as string | undefined) ?? 'ClusterIP',
    clusterIp: (svc.spec?.clusterIP as string | undefined) || '<none>',
    externalIps: externalIps(svc),
    ports: servicePorts(svc.spec?.ports as ServicePort[] | undefined),
    endpoints: endpoints.find((e) => e.name === name)?.addresses ?? [],
  };
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

/** Rows for the panels, sorted by name like kubectl prints them. */
export function clusterSnapshot(
  namespace: string,
  raw: { pods: KubeObject[]; services: KubeObject[]; endpoints: KubeObject[] },
): ClusterSnapshot {
  const endpoints = raw.endpoints.map(endpointsRow).sort(byName);
  return {
    namespace,
    pods: raw.pods.map(podRow).sort(byName),
    services: raw.services.map((s) => serviceRow(s, endpoints)).sort(byName),
    endpoints,
  };
}
