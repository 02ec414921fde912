import type { KubeObject } from '../kube/object.js';
import type { EventRecorder } from './events.js';
import { idOf, splitId, timestamp, type Kit } from './kit.js';
import { controllerOf, ownedBy, podFromTemplate, type Condition } from './pods.js';

const source = { component: 'job-controller' };
/** A failed pod's replacement waits 10 s, doubling up to 6 min (Kubernetes docs, "Jobs": "Pod backoff failure policy"). */
const backOffFirstMs = 10_000;
const backOffMaxMs = 360_000;
/** Repeating work waits at least this long in real time, even at timescale 0. */
const minRepeatRealMs = 50;

function phase(pod: KubeObject): string {
  return (pod.status?.phase as string | undefined) ?? 'Pending';
}

function restarts(pod: KubeObject): number {
  const statuses = (pod.status?.containerStatuses ?? []) as { restartCount?: number }[];
  return statuses.reduce((n, s) => n + (s.restartCount ?? 0), 0);
}

function isReady(pod: KubeObject): boolean {
  const conditions = (pod.status?.conditions ?? []) as Condition[];
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

function minorOf(kubeVersion: string): number {
  return Number(kubeVersion.replace(/^v/, '').split('.')[1] ?? 0);
}

function finished(job: KubeObject): boolean {
  const conditions = (job.status?.conditions ?? []) as Condition[];
  return conditions.some(
    (c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
  );
}

/** Status fields are omitted when zero, as the real (omitempty) API does. */
function nonZero(fields: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== 0));
}

/**
 * The Job controller (NonIndexed Jobs, one pod at a time): a pod from the template (named
 * `<job>-<random>`, owned by the Job, labels from the Job's template), counted as it ends;
 * `spec.completions` successes make it complete, more failures than `spec.backoffLimit`
 * (pod failures, plus container restarts with restartPolicy OnFailure) make it fail.
 * Conditions as Kubernetes docs "Jobs" ("Terminal Job conditions", "Termination of Job
 * pods"): from v1.31 `SuccessCriteriaMet` (reason CompletionsReached) or `FailureTarget`
 * (reason BackoffLimitExceeded) first, then `Complete`/`Failed` once no pod runs; before
 * v1.31 only the terminal ones. `ttlSecondsAfterFinished` is honoured: the Job is deleted
 * that many simulated seconds after it finished, its pods with it (background cascade).
 * Not simulated: parallelism > 1, Indexed Jobs, podFailurePolicy, successPolicy,
 * activeDeadlineSeconds, suspend, the `batch.kubernetes.io/job-tracking` pod finalizer.
 */
class JobController {
  private readonly waiting = new Map<string, () => void>();
  private readonly ttl = new Map<string, () => void>();

  constructor(
    private readonly kit: Kit,
    private readonly events: EventRecorder,
  ) {}

  reconcile(id: string): void {
    const { namespace, name } = splitId(id);
    const job = this.kit.store.get('batch/jobs', namespace, name);
    if (!job || job.metadata.deletionTimestamp) {
      this.waiting.get(id)?.();
      this.ttl.get(id)?.();
      return;
    }
    const pods = ownedBy(this.kit.store.list('pods', { namespace }), job);
    if (finished(job)) return this.scheduleTtl(id, job);
    const succeeded = pods.filter((p) => phase(p) === 'Succeeded').length;
    const failedPods = pods.filter((p) => phase(p) === 'Failed').length;
    const active = pods.filter(
      (p) => !p.metadata.deletionTimestamp && !['Succeeded', 'Failed'].includes(phase(p)),
    );
    const onFailure = job.spec?.template?.spec?.restartPolicy === 'OnFailure';
    const failures = failedPods + (onFailure ? active.reduce((n, p) => n + restarts(p), 0) : 0);
    const completions = (job.spec?.completions as number | undefined) ?? 1;
    const backoffLimit = (job.spec?.backoffLimit as number | undefined) ?? 6;
    const now = timestamp();
    const {
      active: _a,
      succeeded: _s,
      failed: _f,
      ...kept
    } = (job.status ?? {}) as Record<string, unknown>;
    const status: Record<string, unknown> = {
      ...kept,
      startTime: job.status?.startTime ?? now,
      ...nonZero({ active: active.length, succeeded, failed: failures }),
      ready: active.filter(isReady).length,
      terminating: 0,
      uncountedTerminatedPods: {},
    };
    if (succeeded >= completions) {
      for (const p of active) this.kit.store.delete('pods', namespace, p.metadata.name);
      status.completionTime = now;
      status.conditions = this.endConditions(
        job,
        'Complete',
        'CompletionsReached',
        'Reached expected number of succeeded pods',
        now,
      );
      this.write(job, status);
      this.events.record(job, 'Normal', 'Completed', 'Job completed', source);
      return;
    }
    if (failures > backoffLimit) {
      for (const p of active) this.kit.store.delete('pods', namespace, p.metadata.name);
      status.conditions = this.endConditions(
        job,
        'Failed',
        'BackoffLimitExceeded',
        'Job has reached the specified backoff limit',
        now,
      );
      delete status.active;
      this.write(job, status);
      this.events.record(
        job,
        'Warning',
        'BackoffLimitExceeded',
        'Job has reached the specified backoff limit',
        source,
      );
      return;
    }
    if (active.length === 0 && !this.waiting.has(id)) {
      const delay =
        failedPods === 0 ? 0 : Math.min(backOffFirstMs * 2 ** (failedPods - 1), backOffMaxMs);
      if (delay === 0) this.createPod(job);
      else {
        const cancel = this.kit.after(
          delay,
          () => {
            this.waiting.delete(id);
            const now = this.kit.store.get('batch/jobs', namespace, name);
            if (now && now.metadata.uid === job.metadata.uid && !finished(now)) this.createPod(now);
          },
          minRepeatRealMs,
        );
        this.waiting.set(id, () => {
          cancel();
          this.waiting.delete(id);
        });
      }
    }
    this.write(job, status);
  }

  private createPod(job: KubeObject): void {
    const pod = this.kit.store.create('pods', podFromTemplate(job, job.spec.template));
    this.events.record(
      job,
      'Normal',
      'SuccessfulCreate',
      `Created pod: ${pod.metadata.name}`,
      source,
    );
  }

  /** v1.31+: the interim condition first, then the terminal one (no pod is left running here). */
  private endConditions(
    job: KubeObject,
    terminal: 'Complete' | 'Failed',
    reason: string,
    message: string,
    now: string,
  ): Condition[] {
    const previous = ((job.status?.conditions ?? []) as Condition[]).filter(
      (c) => c.type !== terminal,
    );
    const interim = terminal === 'Complete' ? 'SuccessCriteriaMet' : 'FailureTarget';
    const modern = minorOf(this.kit.ctx.kubeVersion) >= 31;
    const make = (type: string): Condition => ({
      type,
      status: 'True',
      lastProbeTime: now,
      lastTransitionTime: now,
      // Before v1.31 a Complete condition carried no reason (unverified for Failed: BackoffLimitExceeded is old).
      ...(modern || terminal === 'Failed' ? { reason, message } : {}),
    });
    return [
      ...previous.filter((c) => c.type !== interim),
      ...(modern ? [make(interim)] : []),
      make(terminal),
    ];
  }

  private write(job: KubeObject, status: Record<string, unknown>): void {
    if (JSON.stringify(job.status ?? {}) === JSON.stringify(status)) return;
    job.status = status;
    this.kit.store.update('batch/jobs', job, { subresource: 'status', force: true });
  }

  private scheduleTtl(id: string, job: KubeObject): void {
    const ttl = job.spec?.ttlSecondsAfterFinished as number | undefined;
    if (ttl === undefined || this.ttl.has(id)) return;
    const uid = job.metadata.uid;
    const cancel = this.kit.after(ttl * 1000, () => {
      this.ttl.delete(id);
      const { namespace, name } = splitId(id);
      const now = this.kit.store.get('batch/jobs', namespace, name);
      if (now?.metadata.uid === uid) this.kit.store.delete('batch/jobs', namespace, name);
    });
    this.ttl.set(id, () => {
      cancel();
      this.ttl.delete(id);
    });
  }
}

export function startJobs(kit: Kit, events: EventRecorder): void {
  const controller = new JobController(kit, events);
  const enqueue = kit.queue('jobs', (id) => controller.reconcile(id));
  kit.subscribe((e) => {
    if (e.key === 'batch/jobs') enqueue(idOf(e.object.metadata.namespace, e.object.metadata.name));
    if (e.key === 'pods') {
      const owner = controllerOf(e.object);
      if (owner?.kind === 'Job') enqueue(idOf(e.object.metadata.namespace, owner.name));
    }
  });
  for (const job of kit.store.list('batch/jobs'))
    enqueue(idOf(job.metadata.namespace, job.metadata.name));
}
