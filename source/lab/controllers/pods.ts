import { clone, type KubeObject, type OwnerReference } from '../kube/object.js';

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastTransitionTime?: string | null;
  lastUpdateTime?: string;
  lastProbeTime?: string | null;
  lastHeartbeatTime?: string;
}

/** The owner reference a controller puts on what it creates (cascading deletion follows it). */
export function controllerRef(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function controllerOf(obj: KubeObject): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((r) => r.controller);
}

export function ownedBy(items: KubeObject[], owner: KubeObject): KubeObject[] {
  return items.filter((o) => controllerOf(o)?.uid === owner.metadata.uid);
}

export function condition(obj: KubeObject, type: string): Condition | undefined {
  return (obj.status?.conditions as Condition[] | undefined)?.find((c) => c.type === type);
}

export function isPodReady(pod: KubeObject): boolean {
  return condition(pod, 'Ready')?.status === 'True';
}

/** Counts toward a controller's replicas: not being deleted, not finished. */
export function isPodActive(pod: KubeObject): boolean {
  const phase = pod.status?.phase as string | undefined;
  return !pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed';
}

/**
 * Keeps a condition's lastTransitionTime when its status did not change, as every
 * Kubernetes controller does.
 */
export function mergeConditions(previous: Condition[] | undefined, next: Condition[]): Condition[] {
  return next.map((c) => {
    const old = previous?.find((p) => p.type === c.type);
    if (old && old.status === c.status && old.lastTransitionTime) {
      return { ...c, lastTransitionTime: old.lastTransitionTime };
    }
    return c;
  });
}

/** The fields the API server defaults on every pod spec. */
function withSpecDefaults(spec: Record<string, unknown>): Record<string, unknown> {
  const containers = (spec.containers as Record<string, unknown>[] | undefined) ?? [];
  for (const c of containers) {
    c.imagePullPolicy ??= String(c.image ?? '').endsWith(':latest') ? 'Always' : 'IfNotPresent';
    c.terminationMessagePath ??= '/dev/termination-log';
    c.terminationMessagePolicy ??= 'File';
    c.resources ??= {};
  }
  return {
    restartPolicy: 'Always',
    terminationGracePeriodSeconds: 30,
    dnsPolicy: 'ClusterFirst',
    serviceAccountName: 'default',
    serviceAccount: spec.serviceAccountName ?? 'default',
    securityContext: {},
    schedulerName: 'default-scheduler',
    enableServiceLinks: true,
    preemptionPolicy: 'PreemptLowerPriority',
    priority: 0,
    ...spec,
    tolerations: withDefaultTolerations((spec.tolerations as { key?: string }[] | undefined) ?? []),
  };
}

/** DefaultTolerationSeconds admission: every pod tolerates a lost node for 5 minutes. */
function withDefaultTolerations(tolerations: { key?: string }[]): unknown[] {
  const added = ['not-ready', 'unreachable']
    .map((what) => `node.kubernetes.io/${what}`)
    .filter((key) => !tolerations.some((t) => t.key === key))
    .map((key) => ({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }));
  return [...tolerations, ...added];
}

/** A pod as a ReplicaSet or DaemonSet controller creates it from its template. */
export function podFromTemplate(
  owner: KubeObject,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  template: any,
  extra: { labels?: Record<string, string>; spec?: Record<string, unknown> } = {},
): KubeObject {
  const t = clone(template ?? {});
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: '',
      generateName: `${owner.metadata.name}-`,
      namespace: owner.metadata.namespace,
      labels: { ...(t.metadata?.labels ?? {}), ...(extra.labels ?? {}) },
      ...(t.metadata?.annotations ? { annotations: t.metadata.annotations } : {}),
      ownerReferences: [controllerRef(owner)],
    },
    spec: withSpecDefaults({ ...(t.spec ?? {}), ...(extra.spec ?? {}) }),
    status: { phase: 'Pending', qosClass: 'BestEffort' },
  };
}
