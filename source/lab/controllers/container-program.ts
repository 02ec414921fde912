import type { KubeObject } from '../kube/object.js';

/** A container as a program sees it: the pod spec's container entry. */
export interface ProgramContainer {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  env?: { name: string; value?: string }[];
  volumeMounts?: { name: string; mountPath: string; subPath?: string }[];
}

/** What a simulated process does once its container started. */
export interface ProgramOutcome {
  /** What it writes (stdout and stderr as `kubectl logs` shows them, interleaved). */
  lines: string[];
  /** How it ends; absent: it keeps running (and is Ready unless a probe says otherwise). */
  exit?: { exitCode: number };
  /** Simulated ms between its start and its exit (default 1000). */
  runMs?: number;
}

export interface ProgramStart {
  pod: KubeObject;
  container: ProgramContainer;
  /** How often the kubelet restarted this container before (0 on the first start). */
  restartCount: number;
}

/**
 * What runs inside a container, for the containers the lab simulates beyond "starts and
 * stays up": undefined when the program does not claim this container. A program may look
 * at the network from the pod's point of view, so it may answer later (a promise).
 */
export type ContainerProgram = (
  start: ProgramStart,
) => Promise<ProgramOutcome> | ProgramOutcome | undefined;

/**
 * A container of a pod that must run to completion (restartPolicy Never/OnFailure) that no
 * program claims: it exits 0 after a short while (unverified: real workloads take as long as
 * they take; the lab only needs them to finish).
 */
export const runToCompletion: ContainerProgram = ({ pod }) =>
  pod.spec?.restartPolicy === 'Always'
    ? undefined
    : { lines: [], exit: { exitCode: 0 }, runMs: 2000 };
