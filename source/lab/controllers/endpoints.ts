import type { KubeObject } from '../kube/object.js';
import { labelsMatch } from '../kube/selectors.js';
import { idOf, splitId, timestamp, type Kit } from './kit.js';
import { isPodReady } from './pods.js';

interface ServicePort {
  name?: string;
  port: number;
  protocol?: string;
  targetPort?: number | string;
}

interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol?: string;
}

interface EndpointPort {
  name?: string;
  port: number;
  protocol: string;
}

interface Subset {
  addresses?: unknown[];
  notReadyAddresses?: unknown[];
  ports: EndpointPort[];
}

/** A service port's target on one pod; a named port the pod lacks resolves to nothing. */
function resolvePort(pod: KubeObject, port: ServicePort): number | undefined {
  const target = port.targetPort ?? port.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  for (const c of (pod.spec?.containers as { ports?: ContainerPort[] }[] | undefined) ?? []) {
    const found = c.ports?.find(
      (p) => p.name === target && (p.protocol ?? 'TCP') === (port.protocol ?? 'TCP'),
    );
    if (found) return found.containerPort;
  }
  return undefined;
}

function address(pod: KubeObject): Record<string, unknown> {
  return {
    ip: pod.status.podIP,
    nodeName: pod.spec.nodeName,
    targetRef: {
      kind: 'Pod',
      namespace: pod.metadata.namespace,
      name: pod.metadata.name,
      uid: pod.metadata.uid,
    },
  };
}

/** Pods grouped by how the service's ports resolve on them, as the endpoints controller does. */
function subsets(service: KubeObject, pods: KubeObject[]): Subset[] {
  const ports = (service.spec?.ports as ServicePort[] | undefined) ?? [];
  const groups = new Map<string, Subset>();
  for (const pod of pods) {
    const resolved: EndpointPort[] = [];
    for (const p of ports) {
      const port = resolvePort(pod, p);
      if (port === undefined) continue;
      resolved.push({ ...(p.name ? { name: p.name } : {}), port, protocol: p.protocol ?? 'TCP' });
    }
    if (ports.length > 0 && resolved.length === 0) continue;
    const key = JSON.stringify(resolved);
    const subset = groups.get(key) ?? { ports: resolved };
    groups.set(key, subset);
    const list = isPodReady(pod) ? (subset.addresses ??= []) : (subset.notReadyAddresses ??= []);
    list.push(address(pod));
  }
  return [...groups.values()].map((s) => ({
    ...(s.addresses ? { addresses: s.addresses } : {}),
    ...(s.notReadyAddresses ? { notReadyAddresses: s.notReadyAddresses } : {}),
    ports: s.ports,
  }));
}

function reconcile(kit: Kit, id: string): void {
  const { namespace, name } = splitId(id);
  const service = kit.store.get('services', namespace, name);
  const existing = kit.store.get('endpoints', namespace, name);
  if (!service) {
    // Only endpoints this controller made go with their service.
    if (existing?.metadata.annotations?.['endpoints.kubernetes.io/last-change-trigger-time']) {
      kit.store.delete('endpoints', namespace, name);
    }
    return;
  }
  const selector = service.spec?.selector as Record<string, string> | undefined;
  if (!selector || Object.keys(selector).length === 0) return;
  const pods = kit.store
    .list('pods', { namespace })
    .filter((p) => labelsMatch(p.metadata.labels, selector))
    .filter((p) => p.status?.podIP && !p.metadata.deletionTimestamp)
    .filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  const next = subsets(service, pods);
  const labels = { ...(service.metadata.labels ?? {}) };
  if (existing) {
    const same =
      JSON.stringify(existing.subsets ?? []) === JSON.stringify(next) &&
      JSON.stringify(existing.metadata.labels ?? {}) === JSON.stringify(labels);
    if (same) return;
  }
  const annotations = { 'endpoints.kubernetes.io/last-change-trigger-time': timestamp() };
  const obj: KubeObject = {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { ...(existing?.metadata ?? { name, namespace }), labels, annotations },
    ...(next.length ? { subsets: next } : {}),
  };
  if (existing) kit.store.update('endpoints', obj, { force: true });
  else kit.store.create('endpoints', obj);
}

/** The endpoints controller: each selecting Service lists its pods, ready or not. */
export function startEndpoints(kit: Kit): void {
  const enqueue = kit.queue('endpoints', (id) => reconcile(kit, id));
  kit.subscribe((e) => {
    if (e.key === 'services') enqueue(idOf(e.object.metadata.namespace, e.object.metadata.name));
    if (e.key === 'pods') {
      for (const s of kit.store.list('services', { namespace: e.object.metadata.namespace })) {
        enqueue(idOf(s.metadata.namespace, s.metadata.name));
      }
    }
  });
  for (const s of kit.store.list('services')) enqueue(idOf(s.metadata.namespace, s.metadata.name));
}
