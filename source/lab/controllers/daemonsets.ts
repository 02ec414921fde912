import type { KubeObject } from '../kube/object.js';
import type { EventRecorder } from './events.js';
import { podTemplateHash } from './hashing.js';
import { idOf, splitId, type Kit } from './kit.js';
import { controllerOf, isPodActive, isPodReady, ownedBy, podFromTemplate } from './pods.js';
import {
  isNodeReady,
  nodeAffinityMatches,
  untoleratedTaint,
  type Toleration,
} from './scheduling.js';

const source = { component: 'daemonset-controller' };

/** The DaemonSet controller adds these so its pods survive node trouble. */
const daemonTolerations: Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];

function tolerations(ds: KubeObject): Toleration[] {
  const own = (ds.spec?.template?.spec?.tolerations as Toleration[] | undefined) ?? [];
  return [...own, ...daemonTolerations.filter((t) => !own.some((o) => o.key === t.key))];
}

/** Pins a pod to one node the way the real controller does: required node affinity. */
function pinnedTo(nodeName: string): Record<string, unknown> {
  return {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [
          { matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] },
        ],
      },
    },
  };
}

function pinnedNode(pod: KubeObject): string | undefined {
  return pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
    ?.nodeSelectorTerms?.[0]?.matchFields?.[0]?.values?.[0];
}

/** Nodes a daemon pod should run on: ready, matching its selector, taints tolerated. */
function eligibleNodes(kit: Kit, ds: KubeObject): KubeObject[] {
  const probe = { ...ds, spec: ds.spec.template.spec } as KubeObject;
  return kit.store
    .list('nodes')
    .filter((n) => isNodeReady(n))
    .filter((n) => !untoleratedTaint(n, tolerations(ds)))
    .filter((n) => nodeAffinityMatches(probe, n));
}

function reconcile(kit: Kit, events: EventRecorder, id: string): void {
  const { namespace, name } = splitId(id);
  const ds = kit.store.get('apps/daemonsets', namespace, name);
  if (!ds || ds.metadata.deletionTimestamp) return;
  const hash = podTemplateHash(ds.spec.template);
  const nodes = eligibleNodes(kit, ds);
  const wanted = new Set(nodes.map((n) => n.metadata.name));
  const pods = ownedBy(kit.store.list('pods', { namespace }), ds).filter(isPodActive);
  const byNode = new Map<string, KubeObject[]>();
  for (const pod of pods) {
    const node = pod.spec?.nodeName ?? pinnedNode(pod) ?? '';
    byNode.set(node, [...(byNode.get(node) ?? []), pod]);
  }

  const remove = (pod: KubeObject) => {
    kit.store.delete('pods', namespace, pod.metadata.name);
    events.record(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, source);
  };
  for (const [node, list] of byNode) {
    // Pods on nodes no longer eligible go, and any duplicates on one node.
    if (!wanted.has(node)) list.forEach(remove);
    else list.slice(1).forEach(remove);
  }
  for (const node of nodes) {
    if (byNode.has(node.metadata.name)) continue;
    const pod = kit.store.create(
      'pods',
      podFromTemplate(ds, ds.spec.template, {
        labels: {
          'controller-revision-hash': hash,
          'pod-template-generation': String(ds.metadata.generation ?? 1),
        },
        spec: {
          affinity: { ...(ds.spec.template.spec?.affinity ?? {}), ...pinnedTo(node.metadata.name) },
          tolerations: tolerations(ds),
        },
      }),
    );
    events.record(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, source);
  }
  rollOutdated(kit, ds, hash, remove);
  writeStatus(kit, id, hash, wanted.size);
}

/** RollingUpdate with maxUnavailable 1: replace one outdated pod at a time, once the rest are ready. */
function rollOutdated(kit: Kit, ds: KubeObject, hash: string, remove: (pod: KubeObject) => void) {
  if (ds.spec.updateStrategy?.type === 'OnDelete') return;
  const pods = ownedBy(kit.store.list('pods', { namespace: ds.metadata.namespace }), ds).filter(
    isPodActive,
  );
  const outdated = pods.filter((p) => p.metadata.labels?.['controller-revision-hash'] !== hash);
  const unready = pods.filter((p) => !isPodReady(p));
  if (outdated.length > 0 && unready.length === 0) remove(outdated[0]!);
}

function writeStatus(kit: Kit, id: string, hash: string, desired: number): void {
  const { namespace, name } = splitId(id);
  const ds = kit.store.get('apps/daemonsets', namespace, name);
  if (!ds) return;
  const pods = ownedBy(kit.store.list('pods', { namespace }), ds).filter(isPodActive);
  const scheduled = pods.filter((p) => p.spec?.nodeName);
  const ready = scheduled.filter(isPodReady).length;
  const counts: Record<string, number> = {
    currentNumberScheduled: pods.length,
    numberMisscheduled: 0,
    desiredNumberScheduled: desired,
    numberReady: ready,
  };
  const optional: Record<string, number> = {
    updatedNumberScheduled: pods.filter(
      (p) => p.metadata.labels?.['controller-revision-hash'] === hash,
    ).length,
    numberAvailable: ready,
    numberUnavailable: Math.max(0, desired - ready),
  };
  ds.status = {
    ...counts,
    observedGeneration: ds.metadata.generation,
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== 0)),
  };
  kit.store.update('apps/daemonsets', ds, { subresource: 'status', force: true });
}

/** The DaemonSet controller: one pod per eligible node, rolled when the template changes. */
export function startDaemonSets(kit: Kit, events: EventRecorder): void {
  const enqueue = kit.queue('daemonsets', (id) => reconcile(kit, events, id));
  const all = () => {
    for (const ds of kit.store.list('apps/daemonsets'))
      enqueue(idOf(ds.metadata.namespace, ds.metadata.name));
  };
  kit.subscribe((e) => {
    if (e.key === 'apps/daemonsets' && e.type !== 'DELETED') {
      enqueue(idOf(e.object.metadata.namespace, e.object.metadata.name));
    }
    if (e.key === 'pods') {
      const owner = controllerOf(e.object);
      if (owner?.kind === 'DaemonSet') enqueue(idOf(e.object.metadata.namespace, owner.name));
    }
    if (e.key === 'nodes') all();
  });
  all();
}
