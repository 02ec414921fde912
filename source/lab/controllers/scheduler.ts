import type { KubeObject } from '../kube/object.js';
import type { EventRecorder } from './events.js';
import { idOf, splitId, timestamp, type Kit } from './kit.js';
import { controllerOf, isPodActive, mergeConditions, type Condition } from './pods.js';
import {
  describeTaint,
  isNodeReady,
  nodeAffinityMatches,
  selectorMatches,
  toleratesTaint,
  untoleratedTaint,
  type AffinityTerm,
  type Taint,
  type Toleration,
  type WeightedAffinityTerm,
} from './scheduling.js';

const source = { component: 'default-scheduler' };

interface Placed {
  pod: KubeObject;
  node: KubeObject;
}

function antiAffinity(pod: KubeObject) {
  const a = pod.spec?.affinity?.podAntiAffinity;
  return {
    required: (a?.requiredDuringSchedulingIgnoredDuringExecution ?? []) as AffinityTerm[],
    preferred: (a?.preferredDuringSchedulingIgnoredDuringExecution ?? []) as WeightedAffinityTerm[],
  };
}

/** Whether `other` (already placed) is a pod `term` of `owner` refers to. */
function termSelects(term: AffinityTerm, owner: KubeObject, other: KubeObject): boolean {
  const namespaces = term.namespaces?.length ? term.namespaces : [owner.metadata.namespace];
  return (
    namespaces.includes(other.metadata.namespace) &&
    selectorMatches(term.labelSelector, other.metadata.labels)
  );
}

function sameTopology(key: string, a: KubeObject, b: KubeObject): boolean {
  const value = a.metadata.labels?.[key];
  return value !== undefined && value === b.metadata.labels?.[key];
}

/** Required anti-affinity both ways: ours against placed pods, and theirs against us. */
function violatesAntiAffinity(pod: KubeObject, node: KubeObject, placed: Placed[]): boolean {
  const ours = antiAffinity(pod).required;
  return placed.some(
    (p) =>
      ours.some((t) => sameTopology(t.topologyKey, node, p.node) && termSelects(t, pod, p.pod)) ||
      antiAffinity(p.pod).required.some(
        (t) => sameTopology(t.topologyKey, node, p.node) && termSelects(t, p.pod, pod),
      ),
  );
}

/** Lower is better: preferred anti-affinity, then spreading siblings, then fewer pods. */
function score(pod: KubeObject, node: KubeObject, placed: Placed[]): number[] {
  let penalty = 0;
  for (const { weight, podAffinityTerm: t } of antiAffinity(pod).preferred) {
    penalty +=
      weight *
      placed.filter((p) => sameTopology(t.topologyKey, node, p.node) && termSelects(t, pod, p.pod))
        .length;
  }
  const owner = controllerOf(pod)?.uid;
  const onNode = placed.filter((p) => p.node.metadata.name === node.metadata.name);
  const siblings = onNode.filter((p) => owner && controllerOf(p.pod)?.uid === owner).length;
  return [penalty, siblings, onNode.length];
}

function compareScores(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

const unschedulableTaint: Taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };

/** Why a node does not fit, worded as the scheduler's filter plugins word it. */
function misfit(pod: KubeObject, node: KubeObject, placed: Placed[]): string | undefined {
  const tolerations = pod.spec?.tolerations as Toleration[] | undefined;
  // NodeUnschedulable plugin: a cordoned node takes only pods that tolerate
  // node.kubernetes.io/unschedulable:NoSchedule (DaemonSet pods do).
  if (node.spec?.unschedulable && !toleratesTaint(tolerations, unschedulableTaint))
    return 'node(s) were unschedulable';
  const taint = untoleratedTaint(node, tolerations);
  if (taint) return `node(s) had untolerated taint ${describeTaint(taint)}`;
  if (!isNodeReady(node)) return 'node(s) had untolerated taint {node.kubernetes.io/not-ready: }';
  if (!nodeAffinityMatches(pod, node)) return "node(s) didn't match Pod's node affinity/selector";
  if (violatesAntiAffinity(pod, node, placed))
    return "node(s) didn't match pod anti-affinity rules";
  return undefined;
}

/** `0/6 nodes are available: 3 node(s) ..., 3 node(s) .... preemption: ...` */
function unschedulableMessage(total: number, reasons: string[]): string {
  const counts = new Map<string, number>();
  for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  const parts = [...counts].map(([r, n]) => `${n} ${r}`).sort();
  const helpless = reasons.filter((r) => !r.includes('anti-affinity')).length;
  const victims = reasons.length - helpless;
  const preemption = [
    ...(victims ? [`${victims} No preemption victims found for incoming pod`] : []),
    ...(helpless ? [`${helpless} Preemption is not helpful for scheduling`] : []),
  ];
  return `0/${total} nodes are available: ${parts.join(', ')}. preemption: 0/${total} nodes are available: ${preemption.join(', ')}.`;
}

function writeScheduledCondition(kit: Kit, stale: KubeObject, next: Condition): void {
  // Re-read: the kubelet may already have written status in reaction to the binding.
  const pod = kit.store.get('pods', stale.metadata.namespace, stale.metadata.name);
  if (!pod || pod.metadata.uid !== stale.metadata.uid) return;
  const others = ((pod.status?.conditions as Condition[] | undefined) ?? []).filter(
    (c) => c.type !== 'PodScheduled',
  );
  const merged = mergeConditions(pod.status?.conditions, [next]);
  pod.status = { ...pod.status, conditions: [...others, ...merged] };
  kit.store.update('pods', pod, { subresource: 'status', force: true });
}

function schedule(kit: Kit, events: EventRecorder, id: string): void {
  const { namespace, name } = splitId(id);
  const pod = kit.store.get('pods', namespace, name);
  if (!pod || pod.spec?.nodeName || !isPodActive(pod)) return;
  if ((pod.spec?.schedulerName ?? 'default-scheduler') !== 'default-scheduler') return;
  const nodes = kit.store.list('nodes');
  const byName = new Map(nodes.map((n) => [n.metadata.name, n]));
  const placed: Placed[] = [];
  for (const p of kit.store.list('pods')) {
    const node = p.spec?.nodeName ? byName.get(p.spec.nodeName) : undefined;
    if (node && isPodActive(p)) placed.push({ pod: p, node });
  }
  const reasons: string[] = [];
  const fits = nodes.filter((node) => {
    const why = misfit(pod, node, placed);
    if (why) reasons.push(why);
    return !why;
  });
  if (fits.length === 0) {
    const message = unschedulableMessage(nodes.length, reasons);
    events.record(pod, 'Warning', 'FailedScheduling', message, source);
    const next: Condition = {
      type: 'PodScheduled',
      status: 'False',
      reason: 'Unschedulable',
      message,
    };
    writeScheduledCondition(kit, pod, {
      ...next,
      lastProbeTime: null,
      lastTransitionTime: timestamp(),
    });
    return;
  }
  const best = fits
    .map((node) => ({ node, score: score(pod, node, placed) }))
    .sort(
      (a, b) =>
        compareScores(a.score, b.score) || a.node.metadata.name.localeCompare(b.node.metadata.name),
    )[0]!.node;
  // The binding: spec.nodeName, then the PodScheduled condition.
  pod.spec.nodeName = best.metadata.name;
  const bound = kit.store.update('pods', pod, { force: true });
  writeScheduledCondition(kit, bound, {
    type: 'PodScheduled',
    status: 'True',
    lastProbeTime: null,
    lastTransitionTime: timestamp(),
  });
  const message = `Successfully assigned ${namespace}/${name} to ${best.metadata.name}`;
  events.record(bound, 'Normal', 'Scheduled', message, source);
}

/** The default scheduler: binds pending pods to nodes; retries when pods or nodes change. */
export function startScheduler(kit: Kit, events: EventRecorder): void {
  const enqueue = kit.queue('scheduler', (id) => schedule(kit, events, id));
  const retryPending = () => {
    for (const p of kit.store.list('pods', { fieldSelector: 'spec.nodeName=' })) {
      enqueue(idOf(p.metadata.namespace, p.metadata.name));
    }
  };
  kit.subscribe((e) => {
    if (e.key === 'pods' && e.type === 'ADDED' && !e.object.spec?.nodeName) {
      enqueue(idOf(e.object.metadata.namespace, e.object.metadata.name));
    }
    // A freed node or a changed node may make room for pods that did not fit.
    if ((e.key === 'pods' && e.type === 'DELETED') || e.key === 'nodes') retryPending();
  });
  retryPending();
}
