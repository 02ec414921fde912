/** The fields of a pod that kubectl's STATUS column reads. */
export interface PodStatusInput {
  metadata?: { deletionTimestamp?: unknown };
  spec?: { initContainers?: unknown[]; containers?: unknown[] };
  status?: {
    phase?: string;
    reason?: string;
    conditions?: { type?: string; status?: string; reason?: string }[];
    initContainerStatuses?: ContainerStatus[];
    containerStatuses?: ContainerStatus[];
  };
}

interface ContainerStatus {
  ready?: boolean;
  restartCount?: number;
  state?: {
    waiting?: { reason?: string };
    running?: object;
    terminated?: { reason?: string; exitCode?: number; signal?: number };
  };
}

const terminalPhases = new Set(['Succeeded', 'Failed']);

function exitReason(terminated: { exitCode?: number; signal?: number }): string {
  return terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode ?? 0}`;
}

function hasCondition(pod: PodStatusInput, type: string): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');
}

/** The first init container that has not finished well, as kubectl names it (`Init:0/1`). */
function initReason(pod: PodStatusInput): string | undefined {
  const statuses = pod.status?.initContainerStatuses ?? [];
  const total = pod.spec?.initContainers?.length ?? statuses.length;
  for (const [i, c] of statuses.entries()) {
    const terminated = c.state?.terminated;
    if (terminated && (terminated.exitCode ?? 0) === 0 && !terminated.signal) continue;
    if (terminated) return `Init:${terminated.reason || exitReason(terminated)}`;
    const waiting = c.state?.waiting?.reason;
    if (waiting && waiting !== 'PodInitializing') return `Init:${waiting}`;
    return `Init:${i}/${total}`;
  }
  return undefined;
}

/** The last container (kubectl reads them backwards) that explains the pod's state. */
function containersReason(pod: PodStatusInput, fallback: string): string {
  let reason = fallback;
  let hasRunning = false;
  for (const c of [...(pod.status?.containerStatuses ?? [])].reverse()) {
    const { waiting, terminated, running } = c.state ?? {};
    if (waiting?.reason) reason = waiting.reason;
    else if (terminated?.reason) reason = terminated.reason;
    else if (terminated) reason = exitReason(terminated);
    else if (c.ready && running) hasRunning = true;
  }
  if (reason === 'Completed' && hasRunning) {
    return hasCondition(pod, 'Ready') ? 'Running' : 'NotReady';
  }
  return reason;
}

/**
 * kubectl's STATUS column: a container's waiting reason (ContainerCreating,
 * CrashLoopBackOff, …), an init container's progress, Terminating while being
 * deleted, otherwise the phase.
 */
export function podStatus(pod: PodStatusInput): string {
  const phase = pod.status?.phase ?? 'Unknown';
  let reason = pod.status?.reason || phase;
  const gated = (pod.status?.conditions ?? []).some(
    (c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated',
  );
  if (gated) reason = 'SchedulingGated';
  const init = initReason(pod);
  if (init === undefined || hasCondition(pod, 'Initialized')) {
    reason = containersReason(pod, reason);
  } else {
    reason = init;
  }
  if (pod.metadata?.deletionTimestamp) {
    if (pod.status?.reason === 'NodeLost') return 'Unknown';
    if (!terminalPhases.has(phase)) return 'Terminating';
  }
  return reason;
}

/** `ready/total` containers and the restarts of all of them. */
export function podReadiness(pod: PodStatusInput): { ready: string; restarts: number } {
  const statuses = pod.status?.containerStatuses ?? [];
  const total = pod.spec?.containers?.length ?? statuses.length;
  const ready = statuses.filter((c) => c.ready && c.state?.running).length;
  const restarts = [...statuses, ...(pod.status?.initContainerStatuses ?? [])].reduce(
    (sum, c) => sum + (c.restartCount ?? 0),
    0,
  );
  return { ready: `${ready}/${total}`, restarts };
}
