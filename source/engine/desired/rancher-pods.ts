import type { KubeObject } from '../../systems/kube.js';
import { caSecretKey, caSecretName, namespace } from './names.js';
import { fails, type Verdict } from './verdict.js';

/**
 * Rancher's pods as the install's rollout and `status` read them: ready or not, where,
 * how often restarted and why, and the real reason behind a pod that cannot start.
 */

/** Rancher's pods: the chart's `app: rancher` label. */
export const rancherPodSelector = 'app=rancher';

export interface PodView {
  name: string;
  node?: string;
  ready: boolean;
  restarts: number;
  /** Why a container waits: `CrashLoopBackOff`, `ContainerCreating`, … */
  reason?: string;
  /** How its containers last ended: `OOMKilled` (exit 137), `Error` (exit 1), … */
  lastExit?: { reason: string; exitCode?: number; finishedAt?: string };
}

interface ContainerStatus {
  ready?: boolean;
  restartCount?: number;
  state?: { waiting?: { reason?: string; message?: string } };
  lastState?: { terminated?: { reason?: string; exitCode?: number; finishedAt?: unknown } };
}

/** client-node hands date-time fields over as Dates; the API (and tests) as RFC 3339 text. */
function rfc3339(value: unknown): string | undefined {
  if (value instanceof Date) return value.toISOString().replace(/\.\d+Z$/, 'Z');
  return typeof value === 'string' ? value : undefined;
}

export function podView(pod: KubeObject): PodView {
  const statuses = (pod.status?.containerStatuses ?? []) as ContainerStatus[];
  const waiting = statuses.find((s) => s.state?.waiting?.reason)?.state?.waiting;
  const ended = statuses
    .map((s) => s.lastState?.terminated)
    .flatMap((t) =>
      t?.reason ? [{ ...t, reason: t.reason, finishedAt: rfc3339(t.finishedAt) }] : [],
    )
    .sort((a, b) => (b.finishedAt ?? '').localeCompare(a.finishedAt ?? ''))[0];
  return {
    name: pod.metadata?.name ?? '',
    node: pod.spec?.nodeName,
    ready: statuses.length > 0 && statuses.every((s) => s.ready),
    restarts: statuses.reduce((n, s) => n + (s.restartCount ?? 0), 0),
    reason: waiting?.reason ?? (statuses.length === 0 ? pod.status?.phase : undefined),
    ...(ended
      ? {
          lastExit: {
            reason: ended.reason,
            ...(ended.exitCode !== undefined ? { exitCode: ended.exitCode } : {}),
            ...(ended.finishedAt ? { finishedAt: ended.finishedAt } : {}),
          },
        }
      : {}),
  };
}

/** The pods that count: not being deleted. */
export function livePods(pods: readonly KubeObject[]): PodView[] {
  return pods.filter((p) => !p.metadata?.deletionTimestamp).map(podView);
}

/** `kubectl -n cattle-system delete po -l app=rancher`: what restarts them. */
const restartPods = `kubectl -n ${namespace} delete po -l ${rancherPodSelector}`;

/**
 * A mount the kubelet keeps failing for these pods: the `tls-ca` secret missing
 * (`MountVolume.SetUp failed for volume "tls-ca-volume" : secret "tls-ca" not found`, FACTS).
 */
export function mountFailure(
  events: readonly KubeObject[],
  pods: readonly PodView[],
  /** Who else can make the secret, e.g. ` (resume does it)`. */
  by = '',
): Verdict | undefined {
  const event = events.find(
    (e) =>
      e.reason === 'FailedMount' &&
      pods.some((p) => p.name === (e.involvedObject as { name?: string })?.name) &&
      String(e.message).includes(`secret "${caSecretName}" not found`),
  );
  if (!event) return undefined;
  return fails(
    `Rancher pods cannot start: ${String(event.message)}`,
    `create the secret ${caSecretName} with key ${caSecretKey} in ${namespace}${by}, then delete the pods: ${restartPods}`,
  );
}

/** A crash-looping pod's last `[FATAL]` log line, as the reason it gives. */
export function fatalLogLine(pod: string, logs: string, by = ''): Verdict | undefined {
  const fatal = logs.split('\n').find((l) => l.includes('[FATAL]'));
  if (!fatal) return undefined;
  if (fatal.includes(caSecretKey))
    return fails(
      `Rancher pod ${pod} crashes: ${fatal.trim()}`,
      `the secret ${caSecretName} must hold the key ${caSecretKey} exactly; recreate it${by}, then: ${restartPods}`,
    );
  return fails(
    `Rancher pod ${pod} crashes: ${fatal.trim()}`,
    `read \`kubectl -n ${namespace} logs ${pod} --previous\``,
  );
}
