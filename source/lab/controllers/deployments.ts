import type { KubeObject } from '../kube/object.js';
import type { EventRecorder } from './events.js';
import { podTemplateHash } from './hashing.js';
import { idOf, splitId, timestamp, type Kit } from './kit.js';
import { condition, controllerOf, controllerRef, ownedBy, type Condition } from './pods.js';

const source = { component: 'deployment-controller' };
const revisionAnnotation = 'deployment.kubernetes.io/revision';
/** Timed-out deadlines wait at least this long in real time, so timescale 0 cannot race them. */
const minDeadlineRealMs = 1000;

function revisionOf(rs: KubeObject): number {
  return Number(rs.metadata.annotations?.[revisionAnnotation] ?? 0);
}

function replicasOf(obj: KubeObject): number {
  return (obj.spec?.replicas as number | undefined) ?? 1;
}

function statusCount(rs: KubeObject, field: string): number {
  return (rs.status?.[field] as number | undefined) ?? 0;
}

/** An IntOrString such as `25%` or `1`, resolved against the replica count. */
function scaledValue(value: unknown, total: number, roundUp: boolean): number {
  if (typeof value === 'number') return value;
  const m = /^(\d+)%$/.exec(String(value ?? '25%'));
  if (!m) return Number(value) || 0;
  const exact = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

function maxUnavailable(d: KubeObject): number {
  if (d.spec?.strategy?.type === 'Recreate') return 0;
  const desired = replicasOf(d);
  const value = scaledValue(d.spec?.strategy?.rollingUpdate?.maxUnavailable, desired, false);
  return Math.min(value, desired);
}

/** Tracks, per Deployment, the progress seen last and the pending progress deadline. */
interface Progress {
  signature: string;
  cancelDeadline?: () => void;
  timedOut: boolean;
}

class DeploymentController {
  private readonly progress = new Map<string, Progress>();
  readonly enqueue: (id: string) => void;

  constructor(
    private readonly kit: Kit,
    private readonly events: EventRecorder,
  ) {
    this.enqueue = kit.queue('deployments', (id) => this.reconcile(id));
  }

  private scale(d: KubeObject, rs: KubeObject, to: number): void {
    const from = replicasOf(rs);
    if (from === to) return;
    rs.spec.replicas = to;
    rs.metadata.annotations = {
      ...rs.metadata.annotations,
      'deployment.kubernetes.io/desired-replicas': String(replicasOf(d)),
    };
    this.kit.store.update('apps/replicasets', rs, { force: true });
    const verb = to > from ? 'up' : 'down';
    const message = `Scaled ${verb} replica set ${rs.metadata.name} from ${from} to ${to}`;
    this.events.record(d, 'Normal', 'ScalingReplicaSet', message, source);
  }

  private createReplicaSet(d: KubeObject, hash: string, revision: number, replicas: number) {
    const template = structuredClone(d.spec.template);
    template.metadata = template.metadata ?? {};
    template.metadata.labels = { ...template.metadata.labels, 'pod-template-hash': hash };
    const rs = this.kit.store.create('apps/replicasets', {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${d.metadata.name}-${hash}`,
        namespace: d.metadata.namespace,
        labels: template.metadata.labels,
        annotations: {
          'deployment.kubernetes.io/desired-replicas': String(replicasOf(d)),
          'deployment.kubernetes.io/max-replicas': String(replicasOf(d) + 1),
          [revisionAnnotation]: String(revision),
        },
        ownerReferences: [controllerRef(d)],
      },
      spec: {
        replicas,
        minReadySeconds: d.spec.minReadySeconds ?? 0,
        selector: {
          matchLabels: { ...d.spec.selector.matchLabels, 'pod-template-hash': hash },
        },
        template,
      },
    });
    const message = `Scaled up replica set ${rs.metadata.name} from 0 to ${replicas}`;
    this.events.record(d, 'Normal', 'ScalingReplicaSet', message, source);
    return rs;
  }

  private reconcile(id: string): void {
    const { namespace, name } = splitId(id);
    const d = this.kit.store.get('apps/deployments', namespace, name);
    if (!d || d.metadata.deletionTimestamp) {
      this.forget(id);
      return;
    }
    const owned = ownedBy(this.kit.store.list('apps/replicasets', { namespace }), d);
    const hash = podTemplateHash(d.spec.template);
    let newRs = owned.find((rs) => rs.metadata.labels?.['pod-template-hash'] === hash);
    // Oldest first: the rolling update scales the oldest down first.
    const olds = owned.filter((rs) => rs !== newRs).sort((a, b) => revisionOf(a) - revisionOf(b));
    const desired = replicasOf(d);
    const recreate = d.spec.strategy?.type === 'Recreate';
    const oldPodsLeft = olds.some((rs) => statusCount(rs, 'replicas') > 0);
    let created = false;

    if (!d.spec.paused) {
      if (recreate) {
        // Recreate waits for every old pod to go before the new ones start.
        const newTarget = oldPodsLeft ? 0 : desired;
        if (newRs) this.scale(d, newRs, newTarget);
        else {
          newRs = this.createReplicaSet(d, hash, this.nextRevision(owned), newTarget);
          created = true;
        }
        for (const old of olds) this.scale(d, old, 0);
      } else {
        created = !newRs;
        newRs = this.rollingUpdate(d, newRs, olds, hash, this.nextRevision(owned));
      }
      this.pruneHistory(d, olds);
    }
    // A paused Deployment that never rolled out has nothing to report yet.
    if (!newRs) return;
    this.writeRevision(d, newRs);
    this.writeStatus(id, newRs, created);
  }

  private nextRevision(owned: KubeObject[]): number {
    return Math.max(0, ...owned.map(revisionOf)) + 1;
  }

  /**
   * A rolling update step, as kube-controller-manager's deployment controller takes it
   * (pkg/controller/deployment/rolling.go at v1.31: reconcileNewReplicaSet,
   * reconcileOldReplicaSets, cleanupUnhealthyReplicas, scaleDownOldReplicaSetsForRollingUpdate):
   * the new ReplicaSet grows while all pods stay within replicas + maxSurge, old ones shrink
   * while available pods stay at replicas - maxUnavailable, unready old pods going first. So
   * pods with required anti-affinity on as many nodes as replicas still roll (one old pod
   * makes room at a time), instead of waiting for new pods that cannot be scheduled.
   */
  private rollingUpdate(
    d: KubeObject,
    existing: KubeObject | undefined,
    olds: KubeObject[],
    hash: string,
    revision: number,
  ): KubeObject {
    const desired = replicasOf(d);
    const rolling = d.spec?.strategy?.rollingUpdate;
    const surge = scaledValue(rolling?.maxSurge, desired, true);
    // Both 0 cannot make progress: ResolveFenceposts (deployment/util) lets one be unavailable.
    const maxUnav = surge === 0 && maxUnavailable(d) === 0 ? 1 : maxUnavailable(d);
    const specSum = (list: KubeObject[]) => list.reduce((n, rs) => n + replicasOf(rs), 0);
    // reconcileNewReplicaSet
    const target = (current: number) => {
      if (current > desired) return desired;
      const room = desired + surge - (specSum(olds) + current);
      return room <= 0 ? current : Math.min(current + room, desired);
    };
    let newRs = existing;
    if (newRs) this.scale(d, newRs, target(replicasOf(newRs)));
    else newRs = this.createReplicaSet(d, hash, revision, target(0));
    // reconcileOldReplicaSets
    if (specSum(olds) === 0) return newRs;
    const minAvailable = desired - maxUnav;
    const newUnavailable = replicasOf(newRs) - statusCount(newRs, 'availableReplicas');
    let maxScaledDown = specSum([newRs, ...olds]) - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) return newRs;
    for (const old of olds) {
      const unhealthy = replicasOf(old) - statusCount(old, 'availableReplicas');
      if (maxScaledDown <= 0 || unhealthy <= 0) continue;
      const down = Math.min(maxScaledDown, unhealthy);
      this.scale(d, old, replicasOf(old) - down);
      maxScaledDown -= down;
    }
    const available = [newRs, ...olds].reduce(
      (n, rs) => n + statusCount(rs, 'availableReplicas'),
      0,
    );
    let scaleDown = available - minAvailable;
    for (const old of olds) {
      if (scaleDown <= 0) break;
      const down = Math.min(replicasOf(old), scaleDown);
      if (down > 0) this.scale(d, old, replicasOf(old) - down);
      scaleDown -= down;
    }
    return newRs;
  }

  /** Keeps at most `revisionHistoryLimit` scaled-down old ReplicaSets. */
  private pruneHistory(d: KubeObject, olds: KubeObject[]): void {
    const limit = (d.spec.revisionHistoryLimit as number | undefined) ?? 10;
    const idle = olds.filter((rs) => replicasOf(rs) === 0 && statusCount(rs, 'replicas') === 0);
    for (const rs of idle.slice(limit)) {
      this.kit.store.delete('apps/replicasets', rs.metadata.namespace, rs.metadata.name);
    }
  }

  private writeRevision(d: KubeObject, newRs: KubeObject): void {
    const revision = newRs.metadata.annotations?.[revisionAnnotation];
    if (!revision || d.metadata.annotations?.[revisionAnnotation] === revision) return;
    const current = this.kit.store.get('apps/deployments', d.metadata.namespace, d.metadata.name);
    if (!current) return;
    current.metadata.annotations = {
      ...current.metadata.annotations,
      [revisionAnnotation]: revision,
    };
    this.kit.store.update('apps/deployments', current, { force: true });
  }

  private writeStatus(id: string, newRsBefore: KubeObject, created: boolean): void {
    const { namespace, name } = splitId(id);
    const d = this.kit.store.get('apps/deployments', namespace, name);
    if (!d) return;
    const all = ownedBy(this.kit.store.list('apps/replicasets', { namespace }), d);
    const newRs = all.find((rs) => rs.metadata.name === newRsBefore.metadata.name) ?? newRsBefore;
    const desired = replicasOf(d);
    const sum = (field: string) => all.reduce((n, rs) => n + statusCount(rs, field), 0);
    const replicas = sum('replicas');
    const updated = statusCount(newRs, 'replicas');
    const ready = sum('readyReplicas');
    const available = sum('availableReplicas');
    const total = all.reduce((n, rs) => n + replicasOf(rs), 0);
    const unavailable = Math.max(0, total - available);
    const complete =
      updated === desired && replicas === desired && available === desired && !d.spec.paused;

    const conditions = [
      this.availableCondition(d, available),
      this.progressingCondition(id, d, newRs, created, complete, [
        replicas,
        updated,
        ready,
        available,
      ]),
    ];
    const fields: Record<string, number> = {
      replicas,
      updatedReplicas: updated,
      readyReplicas: ready,
    };
    Object.assign(fields, { availableReplicas: available, unavailableReplicas: unavailable });
    d.status = {
      observedGeneration: d.metadata.generation,
      ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== 0)),
      conditions,
    };
    this.kit.store.update('apps/deployments', d, { subresource: 'status', force: true });
  }

  private availableCondition(d: KubeObject, available: number): Condition {
    const ok = available >= replicasOf(d) - maxUnavailable(d);
    const next: Condition = ok
      ? {
          type: 'Available',
          status: 'True',
          reason: 'MinimumReplicasAvailable',
          message: 'Deployment has minimum availability.',
        }
      : {
          type: 'Available',
          status: 'False',
          reason: 'MinimumReplicasUnavailable',
          message: 'Deployment does not have minimum availability.',
        };
    return this.stamped(condition(d, 'Available'), next, false);
  }

  /** Progressing, with the deployment controller's reasons and the progress deadline. */
  private progressingCondition(
    id: string,
    d: KubeObject,
    newRs: KubeObject,
    created: boolean,
    complete: boolean,
    counts: number[],
  ): Condition {
    const rsName = newRs.metadata.name;
    const previous = condition(d, 'Progressing');
    const signature = `${rsName}:${d.metadata.generation}:${counts.join(',')}`;
    const state = this.progress.get(id) ?? { signature: '', timedOut: false };
    this.progress.set(id, state);
    const moved = state.signature !== signature;
    state.signature = signature;

    if (complete) {
      state.cancelDeadline?.();
      state.timedOut = false;
      const next: Condition = {
        type: 'Progressing',
        status: 'True',
        reason: 'NewReplicaSetAvailable',
        message: `ReplicaSet "${rsName}" has successfully progressed.`,
      };
      const changed = previous?.reason !== next.reason || previous?.message !== next.message;
      return this.stamped(previous, next, changed);
    }
    if (moved) {
      // Any progress restarts the deadline, as in the real controller.
      state.timedOut = false;
      this.armDeadline(id, d, state);
      const next: Condition = created
        ? {
            type: 'Progressing',
            status: 'True',
            reason: 'NewReplicaSetCreated',
            message: `Created new replica set "${rsName}"`,
          }
        : {
            type: 'Progressing',
            status: 'True',
            reason: 'ReplicaSetUpdated',
            message: `ReplicaSet "${rsName}" is progressing.`,
          };
      return this.stamped(previous, next, true);
    }
    if (state.timedOut) {
      const next: Condition = {
        type: 'Progressing',
        status: 'False',
        reason: 'ProgressDeadlineExceeded',
        message: `ReplicaSet "${rsName}" has timed out progressing.`,
      };
      return this.stamped(previous, next, previous?.reason !== next.reason);
    }
    return (
      previous ??
      this.stamped(
        undefined,
        {
          type: 'Progressing',
          status: 'True',
          reason: 'ReplicaSetUpdated',
          message: `ReplicaSet "${rsName}" is progressing.`,
        },
        true,
      )
    );
  }

  private armDeadline(id: string, d: KubeObject, state: Progress): void {
    state.cancelDeadline?.();
    const seconds = (d.spec.progressDeadlineSeconds as number | undefined) ?? 600;
    state.cancelDeadline = this.kit.after(
      seconds * 1000,
      () => {
        state.timedOut = true;
        this.enqueue(id);
      },
      minDeadlineRealMs,
    );
  }

  /** Sets lastUpdateTime when `touched`, lastTransitionTime when the status flips. */
  private stamped(previous: Condition | undefined, next: Condition, touched: boolean): Condition {
    const now = timestamp();
    const flipped = !previous || previous.status !== next.status;
    return {
      ...next,
      lastUpdateTime: touched || flipped ? now : (previous?.lastUpdateTime ?? now),
      lastTransitionTime: flipped ? now : (previous?.lastTransitionTime ?? now),
    };
  }

  forget(id: string): void {
    this.progress.get(id)?.cancelDeadline?.();
    this.progress.delete(id);
  }
}

/** The Deployment controller: ReplicaSets per template, rolling updates, status and deadlines. */
export function startDeployments(kit: Kit, events: EventRecorder): void {
  const controller = new DeploymentController(kit, events);
  kit.subscribe((e) => {
    if (e.key === 'apps/deployments') {
      controller.enqueue(idOf(e.object.metadata.namespace, e.object.metadata.name));
    }
    if (e.key === 'apps/replicasets') {
      const owner = controllerOf(e.object);
      if (owner?.kind === 'Deployment') {
        controller.enqueue(idOf(e.object.metadata.namespace, owner.name));
      }
    }
  });
  for (const d of kit.store.list('apps/deployments')) {
    controller.enqueue(idOf(d.metadata.namespace, d.metadata.name));
  }
}
