import type { KubeObject } from '../kube/object.js';
import type { EventRecorder } from './events.js';
import { idOf, splitId, type Kit } from './kit.js';
import { controllerOf, isPodActive, isPodReady, ownedBy, podFromTemplate } from './pods.js';

const source = { component: 'replicaset-controller' };

/** Which pods go first when scaling down: unscheduled, then not ready, then the newest. */
function deletionRank(pod: KubeObject): [number, number, string] {
  const scheduled = pod.spec?.nodeName ? 1 : 0;
  const ready = isPodReady(pod) ? 1 : 0;
  return [scheduled, ready, String(pod.metadata.creationTimestamp ?? '')];
}

function byDeletionPreference(a: KubeObject, b: KubeObject): number {
  const [as, ar, at] = deletionRank(a);
  const [bs, br, bt] = deletionRank(b);
  return as - bs || ar - br || bt.localeCompare(at);
}

/** Status fields are omitted when zero, as the real (omitempty) API does. */
function nonZero(fields: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== 0));
}

function reconcile(kit: Kit, events: EventRecorder, id: string): void {
  const { namespace, name } = splitId(id);
  const rs = kit.store.get('apps/replicasets', namespace, name);
  if (!rs || rs.metadata.deletionTimestamp) return;
  const desired = (rs.spec?.replicas as number | undefined) ?? 1;
  let pods = ownedBy(kit.store.list('pods', { namespace }), rs).filter(isPodActive);

  for (let i = pods.length; i < desired; i++) {
    const pod = kit.store.create('pods', podFromTemplate(rs, rs.spec.template));
    events.record(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, source);
    pods.push(pod);
  }
  if (pods.length > desired) {
    const doomed = [...pods].sort(byDeletionPreference).slice(0, pods.length - desired);
    for (const pod of doomed) {
      kit.store.delete('pods', namespace, pod.metadata.name);
      events.record(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, source);
    }
    pods = pods.filter((p) => !doomed.includes(p));
  }

  const ready = pods.filter(isPodReady).length;
  const current = kit.store.get('apps/replicasets', namespace, name);
  if (!current) return;
  current.status = {
    replicas: pods.length,
    ...nonZero({
      fullyLabeledReplicas: pods.length,
      readyReplicas: ready,
      availableReplicas: ready,
    }),
    observedGeneration: current.metadata.generation,
  };
  kit.store.update('apps/replicasets', current, { subresource: 'status', force: true });
}

/** The ReplicaSet controller: keeps `spec.replicas` pods alive, reports how many are ready. */
export function startReplicaSets(kit: Kit, events: EventRecorder): void {
  const enqueue = kit.queue('replicasets', (id) => reconcile(kit, events, id));
  kit.subscribe((e) => {
    if (e.key === 'apps/replicasets' && e.type !== 'DELETED') {
      enqueue(idOf(e.object.metadata.namespace, e.object.metadata.name));
    }
    if (e.key === 'pods') {
      const owner = controllerOf(e.object);
      if (owner?.kind === 'ReplicaSet') enqueue(idOf(e.object.metadata.namespace, owner.name));
    }
  });
  for (const rs of kit.store.list('apps/replicasets')) {
    enqueue(idOf(rs.metadata.namespace, rs.metadata.name));
  }
}
