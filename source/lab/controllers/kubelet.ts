import type { KubeObject } from '../kube/object.js';
import type { StoreEvent } from '../kube/store.js';
import { crashLines, imageTag, isRancherServer, startupLines } from './container-logs.js';
import {
  runToCompletion,
  type ContainerProgram,
  type ProgramOutcome,
} from './container-program.js';
import type { EventRecorder } from './events.js';
import { fnv32a, seededHex } from './hashing.js';
import { timestamp, type Kit } from './kit.js';
import { nodeIp } from './nodes.js';
import { PodNetwork } from './pod-network.js';
import { isPodActive, mergeConditions, type Condition } from './pods.js';

/** Simulated durations (ms) of a pod's start, a few seconds end to end at timescale 1. */
const delays = {
  sandbox: 300,
  start: 400,
  crash: 1500,
  mountRetryFirst: 1000,
  mountRetryMax: 120_000,
  backOffFirst: 10_000,
  backOffMax: 300_000,
};
/** Repeating work (mount retries, crash loops) waits at least this long in real time. */
const minRepeatRealMs = 250;

interface ContainerExit {
  exitCode: number;
  reason: string;
}

const failedExit: ContainerExit = { exitCode: 1, reason: 'Error' };
/**
 * The kernel's OOM killer: SIGKILL, so 128 + 9, and the runtime reports `OOMKilled` in
 * `lastState.terminated.reason` (Kubernetes docs, "Assign Memory Resources to Containers":
 * `lastState: terminated: exitCode: 137, reason: OOMKilled`).
 */
const outOfMemory: ContainerExit = { exitCode: 137, reason: 'OOMKilled' };

interface ContainerSpec {
  name: string;
  image: string;
  imagePullPolicy?: string;
  readinessProbe?: { initialDelaySeconds?: number };
  volumeMounts?: { name: string; mountPath: string; subPath?: string }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}

interface VolumeSpec {
  name: string;
  secret?: { secretName: string; items?: { key: string }[]; optional?: boolean };
  configMap?: { name: string; items?: { key: string }[]; optional?: boolean };
}

type ContainerState =
  | { waiting: { reason: string; message?: string } }
  | { running: { startedAt: string } }
  | { terminated: Record<string, unknown> };

interface ContainerRun {
  spec: ContainerSpec;
  state: ContainerState;
  lastState: ContainerState | Record<string, never>;
  ready: boolean;
  started: boolean;
  restartCount: number;
  pulled: boolean;
  containerID?: string;
  startedAt?: string;
}

/** One pod on its node: what its kubelet knows and the timers driving it. */
interface PodRun {
  uid: string;
  namespace: string;
  name: string;
  nodeName: string;
  hostIP: string;
  podIP: string;
  startTime: string;
  sandboxReady: boolean;
  mountRetryMs: number;
  /** Decided when volumes are set up: the secret is read at pod start. */
  fatal?: string;
  containers: ContainerRun[];
  initContainers: string[];
  cancels: Set<() => void>;
  /** The one pending volume set-up attempt. */
  cancelMount?: () => void;
  /** The next image pull back-off (the `imageMissing` fault). */
  pullBackOffMs: number;
  restartPolicy: string;
  /** Set once every container of a run-to-completion pod has ended. */
  phase?: 'Succeeded' | 'Failed';
}

/** containerd reports images fully qualified. */
function qualifiedImage(image: string): string {
  const first = image.split('/')[0]!;
  if (image.includes('/') && /[.:]|^localhost$/.test(first)) return image;
  return `docker.io/${image.includes('/') ? '' : 'library/'}${image}`;
}

function imageId(image: string): string {
  const repo = qualifiedImage(image)
    .split('@')[0]!
    .replace(/:[^:/]+$/, '');
  return `${repo}@sha256:${seededHex(qualifiedImage(image))}`;
}

function qosClass(containers: ContainerSpec[]): string {
  const all = containers.map((c) => c.resources ?? {});
  const any = all.some(
    (r) => Object.keys(r.requests ?? {}).length + Object.keys(r.limits ?? {}).length > 0,
  );
  if (!any) return 'BestEffort';
  const guaranteed = all.every((r) =>
    ['cpu', 'memory'].every(
      (k) => r.limits?.[k] && (r.requests?.[k] ?? r.limits[k]) === r.limits[k],
    ),
  );
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function dataKeys(obj: KubeObject): string[] {
  return [
    ...Object.keys((obj.data as Record<string, string> | undefined) ?? {}),
    ...Object.keys((obj.binaryData as Record<string, string> | undefined) ?? {}),
  ];
}

class Kubelet {
  private readonly runs = new Map<string, PodRun>();
  private readonly images = new Map<string, Set<string>>();
  private readonly network = new PodNetwork();

  constructor(
    private readonly kit: Kit,
    private readonly events: EventRecorder,
    private readonly programs: readonly ContainerProgram[],
  ) {}

  onEvent(e: StoreEvent): void {
    if (e.key === 'pods') this.onPod(e);
    // A secret or config map that appears lets waiting pods mount at once.
    if ((e.key === 'secrets' || e.key === 'configmaps') && e.type !== 'DELETED') {
      for (const run of this.runs.values()) {
        if (run.namespace === e.object.metadata.namespace && !run.sandboxReady) {
          this.scheduleMount(run, 0);
        }
      }
    }
  }

  private onPod(e: StoreEvent): void {
    const pod = e.object;
    const uid = pod.metadata.uid!;
    // A finished pod keeps its logs (kubectl logs reads them) until it is deleted.
    if (e.type === 'DELETED') this.kit.ctx.logs.forget(pod.metadata.namespace!, pod.metadata.name);
    if (e.type === 'DELETED' || !isPodActive(pod)) {
      const run = this.runs.get(uid);
      if (run) this.stop(run, pod);
      return;
    }
    if (this.runs.has(uid) || !pod.spec?.nodeName || pod.status?.phase !== 'Pending') return;
    this.begin(pod);
  }

  private source(run: PodRun) {
    return { component: 'kubelet', host: run.nodeName };
  }

  private scheduleMount(run: PodRun, ms: number, minRealMs = 0): void {
    run.cancelMount?.();
    run.cancelMount = this.later(run, ms, () => this.mount(run), minRealMs);
  }

  private later(run: PodRun, ms: number, fn: () => void, minRealMs = 0): () => void {
    const cancel = this.kit.after(
      ms,
      () => {
        run.cancels.delete(cancel);
        if (this.runs.get(run.uid) === run) fn();
      },
      minRealMs,
    );
    run.cancels.add(cancel);
    return cancel;
  }

  private begin(pod: KubeObject): void {
    const node = this.kit.store.get('nodes', undefined, pod.spec.nodeName);
    const hostIP = node ? nodeIp(node) : '';
    const hostNetwork = Boolean(pod.spec.hostNetwork);
    const run: PodRun = {
      uid: pod.metadata.uid!,
      namespace: pod.metadata.namespace!,
      name: pod.metadata.name,
      nodeName: pod.spec.nodeName,
      hostIP,
      podIP: hostNetwork
        ? hostIP
        : (this.network.allocate(pod.metadata.namespace!, pod.metadata.uid!) ?? ''),
      startTime: timestamp(),
      sandboxReady: false,
      mountRetryMs: delays.mountRetryFirst,
      pullBackOffMs: delays.backOffFirst,
      restartPolicy: (pod.spec.restartPolicy as string | undefined) ?? 'Always',
      containers: ((pod.spec.containers as ContainerSpec[]) ?? []).map((spec) => ({
        spec,
        state: { waiting: { reason: 'ContainerCreating' } },
        lastState: {},
        ready: false,
        started: false,
        restartCount: 0,
        pulled: false,
      })),
      initContainers: ((pod.spec.initContainers as ContainerSpec[] | undefined) ?? []).map(
        (c) => c.name,
      ),
      cancels: new Set(),
    };
    this.runs.set(run.uid, run);
    this.writeStatus(run);
    this.scheduleMount(run, delays.sandbox);
  }

  /** Why volumes cannot be set up, worded as the kubelet's FailedMount events. */
  private mountProblems(pod: KubeObject): { volume: string; message: string }[] {
    const problems: { volume: string; message: string }[] = [];
    for (const v of (pod.spec.volumes as VolumeSpec[] | undefined) ?? []) {
      const ref = v.secret
        ? { key: 'secrets', kind: 'secret', name: v.secret.secretName, source: v.secret }
        : v.configMap
          ? { key: 'configmaps', kind: 'configmap', name: v.configMap.name, source: v.configMap }
          : undefined;
      if (!ref || ref.source.optional) continue;
      const found = this.kit.store.get(ref.key, pod.metadata.namespace, ref.name);
      const prefix = `MountVolume.SetUp failed for volume "${v.name}" : `;
      if (!found) {
        problems.push({ volume: v.name, message: `${prefix}${ref.kind} "${ref.name}" not found` });
        continue;
      }
      const keys = dataKeys(found);
      for (const item of ref.source.items ?? []) {
        if (!keys.includes(item.key)) {
          const message = `${prefix}references non-existent ${ref.kind} key: ${item.key}`;
          problems.push({ volume: v.name, message });
        }
      }
    }
    return problems;
  }

  /**
   * A subPath naming a key the secret lacks: the kubelet creates a directory there.
   * Rancher reading its CA bundle from it dies at once.
   */
  private fatalError(pod: KubeObject): string | undefined {
    const volumes = (pod.spec.volumes as VolumeSpec[] | undefined) ?? [];
    for (const c of (pod.spec.containers as ContainerSpec[]) ?? []) {
      if (!isRancherServer(c.image)) continue;
      for (const m of c.volumeMounts ?? []) {
        const v = volumes.find((vol) => vol.name === m.name);
        const ref = v?.secret
          ? { key: 'secrets', name: v.secret.secretName, items: v.secret.items }
          : v?.configMap
            ? { key: 'configmaps', name: v.configMap.name, items: v.configMap.items }
            : undefined;
        if (!m.subPath || !ref || ref.items) continue;
        const found = this.kit.store.get(ref.key, pod.metadata.namespace, ref.name);
        if (found && !dataKeys(found).includes(m.subPath))
          return `read ${m.mountPath}: is a directory`;
      }
    }
    return undefined;
  }

  private mount(run: PodRun): void {
    if (run.sandboxReady) return;
    const pod = this.kit.store.get('pods', run.namespace, run.name);
    if (!pod || pod.metadata.uid !== run.uid) return;
    const problems = this.mountProblems(pod);
    if (problems.length > 0) {
      for (const p of problems)
        this.events.record(pod, 'Warning', 'FailedMount', p.message, this.source(run));
      // The kubelet retries with back-off and says so again each time.
      this.writeStatus(run);
      this.scheduleMount(run, run.mountRetryMs, minRepeatRealMs);
      run.mountRetryMs = Math.min(run.mountRetryMs * 2, delays.mountRetryMax);
      return;
    }
    run.sandboxReady = true;
    run.fatal = this.fatalError(pod);
    this.writeStatus(run);
    this.pull(run, pod);
  }

  private pull(run: PodRun, pod: KubeObject): void {
    if (run.containers.some((c) => this.isMissing(c.spec.image))) {
      this.failPull(run, pod);
      return;
    }
    const cached = this.images.get(run.nodeName) ?? new Set<string>();
    this.images.set(run.nodeName, cached);
    let longest = 0;
    for (const c of run.containers) {
      const { image, name } = c.spec;
      const fieldPath = `spec.containers{${name}}`;
      c.pulled = true;
      if (cached.has(image) && c.spec.imagePullPolicy !== 'Always') {
        const message = `Container image "${image}" already present on machine`;
        this.events.record(pod, 'Normal', 'Pulled', message, this.source(run), fieldPath);
        continue;
      }
      const ms = 1500 + (fnv32a(image) % 2500);
      longest = Math.max(longest, ms);
      this.events.record(
        pod,
        'Normal',
        'Pulling',
        `Pulling image "${image}"`,
        this.source(run),
        fieldPath,
      );
      this.later(run, ms, () => {
        cached.add(image);
        const took = `${(ms / 1000).toFixed(3)}s`;
        const size = 40_000_000 + (fnv32a(`${image}/size`) % 400_000_000);
        const message = `Successfully pulled image "${image}" in ${took} (${took} including waiting). Image size: ${size} bytes.`;
        this.events.record(pod, 'Normal', 'Pulled', message, this.source(run), fieldPath);
      });
    }
    this.later(run, longest + delays.start, () => {
      for (const c of run.containers) this.startContainer(run, c);
      this.writeStatus(run);
    });
  }

  /** The `imageMissing` fault: the registry has no such tag (or image). */
  private isMissing(image: string): boolean {
    const missing = this.kit.ctx.lab.faults.current.imageMissing;
    if (!missing) return false;
    return image === missing || imageTag(image) === missing.replace(/^(?!v)/, 'v');
  }

  /**
   * A pull of a tag the registry lacks: containerd answers NotFound, the kubelet reports
   * `ErrImagePull`, then `ImagePullBackOff` and retries with the same 10 s doubling to 5 min
   * back-off as crashes (Kubernetes docs, "Images": "Image pull back-off"; the event wording
   * is from `kubectl describe` on a missing tag, containerd 1.7). Cleared: the next retry pulls.
   */
  private failPull(run: PodRun, pod: KubeObject): void {
    const missing = run.containers.filter((c) => this.isMissing(c.spec.image));
    for (const c of missing) {
      const fieldPath = `spec.containers{${c.spec.name}}`;
      const image = c.spec.image;
      const ref = qualifiedImage(image);
      this.events.record(
        pod,
        'Normal',
        'Pulling',
        `Pulling image "${image}"`,
        this.source(run),
        fieldPath,
      );
      const message = `Failed to pull image "${image}": rpc error: code = NotFound desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`;
      this.events.record(pod, 'Warning', 'Failed', message, this.source(run), fieldPath);
      this.events.record(
        pod,
        'Warning',
        'Failed',
        'Error: ErrImagePull',
        this.source(run),
        fieldPath,
      );
      c.state = { waiting: { reason: 'ErrImagePull', message } };
    }
    this.writeStatus(run);
    const backOffMs = run.pullBackOffMs;
    run.pullBackOffMs = Math.min(backOffMs * 2, delays.backOffMax);
    this.later(run, delays.start, () => {
      for (const c of missing) {
        const fieldPath = `spec.containers{${c.spec.name}}`;
        const message = `Back-off pulling image "${c.spec.image}"`;
        this.events.record(pod, 'Normal', 'BackOff', message, this.source(run), fieldPath);
        this.events.record(
          pod,
          'Warning',
          'Failed',
          'Error: ImagePullBackOff',
          this.source(run),
          fieldPath,
        );
        c.state = { waiting: { reason: 'ImagePullBackOff', message } };
      }
      this.writeStatus(run);
    });
    this.later(
      run,
      backOffMs,
      () => {
        const now = this.kit.store.get('pods', run.namespace, run.name);
        if (now) this.pull(run, now);
      },
      minRepeatRealMs,
    );
  }

  private startContainer(run: PodRun, c: ContainerRun): void {
    const pod = this.kit.store.get('pods', run.namespace, run.name);
    if (!pod) return;
    const { name } = c.spec;
    const fieldPath = `spec.containers{${name}}`;
    if (c.restartCount > 0) {
      const message = `Container image "${c.spec.image}" already present on machine`;
      this.events.record(pod, 'Normal', 'Pulled', message, this.source(run), fieldPath);
    }
    this.events.record(
      pod,
      'Normal',
      'Created',
      `Created container ${name}`,
      this.source(run),
      fieldPath,
    );
    this.events.record(
      pod,
      'Normal',
      'Started',
      `Started container ${name}`,
      this.source(run),
      fieldPath,
    );
    c.startedAt = timestamp();
    c.containerID = `containerd://${seededHex(`${run.uid}/${name}/${c.restartCount}`)}`;
    c.state = { running: { startedAt: c.startedAt } };
    c.started = true;
    const fatal = isRancherServer(c.spec.image) ? run.fatal : undefined;
    const lines = fatal
      ? crashLines(c.spec, pod, fatal)
      : startupLines(c.spec, pod, this.kit.ctx.kubeVersion);
    for (const line of lines) this.kit.ctx.logs.append(run.namespace, run.name, name, line);
    if (fatal) {
      this.later(run, delays.crash, () => this.crash(run, c));
      return;
    }
    if (this.isDownTarget(run)) {
      this.later(run, delays.crash, () => this.crash(run, c, outOfMemory));
      return;
    }
    if (this.runProgram(run, c, pod)) return;
    this.becomeReady(run, c);
  }

  /** Hands the container to the first program that claims it; false when none does. */
  private runProgram(run: PodRun, c: ContainerRun, pod: KubeObject): boolean {
    const start = { pod, container: c.spec, restartCount: c.restartCount };
    let outcome: ReturnType<ContainerProgram> = undefined;
    for (const program of [...this.programs, runToCompletion]) {
      outcome = program(start);
      if (outcome) break;
    }
    if (!outcome) return false;
    const containerID = c.containerID;
    const current = () => this.runs.get(run.uid) === run && c.containerID === containerID;
    const follow = (o: ProgramOutcome) => {
      if (!current()) return;
      for (const line of o.lines)
        this.kit.ctx.logs.append(run.namespace, run.name, c.spec.name, line);
      if (!o.exit) {
        this.becomeReady(run, c);
        this.writeStatus(run);
        return;
      }
      const exitCode = o.exit.exitCode;
      this.later(run, o.runMs ?? 1000, () => this.exited(run, c, exitCode));
    };
    Promise.resolve(outcome).then(follow, (e: unknown) =>
      this.kit.ctx.lab.log(
        `[${this.kit.ctx.spec.name}] program in ${run.name}: ${(e as Error).message}`,
      ),
    );
    return true;
  }

  /**
   * The container's process ended. Restarted when the pod's restartPolicy says so
   * (Always; OnFailure after a non-zero exit), else it stays terminated and, once every
   * container has ended, the pod is Succeeded (all exited 0) or Failed (Kubernetes docs,
   * "Pod Lifecycle": pod phase and container restart policy).
   */
  private exited(run: PodRun, c: ContainerRun, exitCode: number): void {
    if (!('running' in c.state)) return;
    const reason = exitCode === 0 ? 'Completed' : 'Error';
    const restart =
      run.restartPolicy === 'Always' || (run.restartPolicy === 'OnFailure' && exitCode !== 0);
    if (restart) {
      this.crash(run, c, { exitCode, reason });
      return;
    }
    c.state = {
      terminated: {
        exitCode,
        reason,
        startedAt: c.startedAt,
        finishedAt: timestamp(),
        containerID: c.containerID,
      },
    };
    c.ready = false;
    c.started = false;
    if (run.containers.every((x) => 'terminated' in x.state)) {
      const ok = run.containers.every(
        (x) => 'terminated' in x.state && x.state.terminated.exitCode === 0,
      );
      run.phase = ok ? 'Succeeded' : 'Failed';
      // Forgotten before the status is written: a finished pod is not the kubelet's any more.
      for (const cancel of run.cancels) cancel();
      this.runs.delete(run.uid);
      this.network.release(run.uid);
    }
    this.writeStatus(run);
  }

  private becomeReady(run: PodRun, c: ContainerRun): void {
    const probe = c.spec.readinessProbe;
    if (!probe) {
      c.ready = true;
      return;
    }
    const seconds = Math.min(5, Math.max(1, probe.initialDelaySeconds ?? 1));
    this.later(run, seconds * 1000, () => {
      if (!('running' in c.state)) return; // it died before its probe passed
      c.ready = true;
      this.writeStatus(run);
    });
  }

  /**
   * The `podDown` fault: the first active pod (by namespace/name) that its selector matches.
   * `true` means a Rancher pod.
   */
  private isDownTarget(run: PodRun): boolean {
    const fault = this.kit.ctx.lab.faults.current.podDown;
    if (!fault) return false;
    const [key, value] = (fault === true ? 'app=rancher' : fault).split('=', 2) as [string, string];
    const target = [...this.runs.values()]
      .filter(
        (r) => this.kit.store.get('pods', r.namespace, r.name)?.metadata.labels?.[key] === value,
      )
      .sort((a, b) => `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`))[0];
    return target === run;
  }

  /** The `podDown` fault turned on: its pod's running containers are killed now. */
  applyPodDown(): void {
    for (const run of this.runs.values()) {
      if (!this.isDownTarget(run)) continue;
      for (const c of run.containers) if ('running' in c.state) this.crash(run, c, outOfMemory);
    }
  }

  /**
   * The container exits (1, `Error`, unless told otherwise); the kubelet backs off (10 s,
   * doubling to 5 min) and restarts it.
   */
  private crash(run: PodRun, c: ContainerRun, exit: ContainerExit = failedExit): void {
    const pod = this.kit.store.get('pods', run.namespace, run.name);
    // Only a running container can die (a crash already under way is not repeated).
    if (!pod || !('running' in c.state)) return;
    const { name } = c.spec;
    const backOffMs = Math.min(delays.backOffFirst * 2 ** c.restartCount, delays.backOffMax);
    c.lastState = {
      terminated: {
        exitCode: exit.exitCode,
        reason: exit.reason,
        startedAt: c.startedAt,
        finishedAt: timestamp(),
        containerID: c.containerID,
      },
    };
    c.restartCount++;
    c.ready = false;
    c.started = false;
    const podRef = `${run.name}_${run.namespace}(${run.uid})`;
    c.state = {
      waiting: {
        reason: 'CrashLoopBackOff',
        message: `back-off ${backOffMs / 1000 >= 60 ? `${backOffMs / 60_000}m0s` : `${backOffMs / 1000}s`} restarting failed container=${name} pod=${podRef}`,
      },
    };
    const message = `Back-off restarting failed container ${name} in pod ${podRef}`;
    this.events.record(
      pod,
      'Warning',
      'BackOff',
      message,
      this.source(run),
      `spec.containers{${name}}`,
    );
    this.writeStatus(run);
    this.later(
      run,
      backOffMs,
      () => {
        this.startContainer(run, c);
        this.writeStatus(run);
      },
      minRepeatRealMs,
    );
  }

  private conditions(run: PodRun, previous: Condition[] | undefined): Condition[] {
    const now = timestamp();
    const unready = run.containers.filter((c) => !c.ready).map((c) => c.spec.name);
    const ready: Condition = run.phase
      ? { type: 'Ready', status: 'False', reason: 'PodCompleted' }
      : unready.length
        ? {
            type: 'Ready',
            status: 'False',
            reason: 'ContainersNotReady',
            message: `containers with unready status: [${unready.join(' ')}]`,
          }
        : { type: 'Ready', status: 'True' };
    const scheduled = previous?.find((c) => c.type === 'PodScheduled');
    const base: Condition[] = [
      { type: 'PodReadyToStartContainers', status: run.sandboxReady ? 'True' : 'False' },
      { type: 'Initialized', status: 'True' },
      ready,
      { ...ready, type: 'ContainersReady' },
      ...(scheduled ? [scheduled] : [{ type: 'PodScheduled', status: 'True' as const }]),
    ];
    const next = base.map((c): Condition => ({
      lastProbeTime: null,
      lastTransitionTime: now,
      ...c,
    }));
    return mergeConditions(previous, next);
  }

  private containerStatus(c: ContainerRun): Record<string, unknown> {
    return {
      name: c.spec.name,
      state: c.state,
      lastState: c.lastState,
      ready: c.ready,
      restartCount: c.restartCount,
      image: qualifiedImage(c.spec.image),
      imageID: c.pulled && c.containerID ? imageId(c.spec.image) : '',
      ...(c.containerID ? { containerID: c.containerID } : {}),
      started: c.started,
    };
  }

  private writeStatus(run: PodRun): void {
    const pod = this.kit.store.get('pods', run.namespace, run.name);
    if (!pod || pod.metadata.uid !== run.uid) return;
    const running = run.containers.some((c) => c.containerID);
    pod.status = {
      phase: run.phase ?? (running ? 'Running' : 'Pending'),
      conditions: this.conditions(run, pod.status?.conditions),
      hostIP: run.hostIP,
      hostIPs: [{ ip: run.hostIP }],
      ...(run.sandboxReady && run.podIP ? { podIP: run.podIP, podIPs: [{ ip: run.podIP }] } : {}),
      startTime: run.startTime,
      ...(run.initContainers.length
        ? { initContainerStatuses: run.initContainers.map((name) => this.initStatus(name, run)) }
        : {}),
      containerStatuses: run.containers.map((c) => this.containerStatus(c)),
      qosClass: qosClass(run.containers.map((c) => c.spec)),
    };
    this.kit.store.update('pods', pod, { subresource: 'status', force: true });
  }

  /** Init containers run to completion before the others start. */
  private initStatus(name: string, run: PodRun): Record<string, unknown> {
    const done = run.sandboxReady;
    return {
      name,
      state: done
        ? {
            terminated: {
              exitCode: 0,
              reason: 'Completed',
              startedAt: run.startTime,
              finishedAt: run.startTime,
            },
          }
        : { waiting: { reason: 'PodInitializing' } },
      lastState: {},
      ready: done,
      restartCount: 0,
      image: '',
      imageID: '',
      started: false,
    };
  }

  private stop(run: PodRun, pod: KubeObject): void {
    for (const cancel of run.cancels) cancel();
    this.runs.delete(run.uid);
    this.network.release(run.uid);
    this.kit.ctx.logs.forget(run.namespace, run.name);
    for (const c of run.containers.filter((x) => x.started)) {
      const fieldPath = `spec.containers{${c.spec.name}}`;
      const message = `Stopping container ${c.spec.name}`;
      this.events.record(pod, 'Normal', 'Killing', message, this.source(run), fieldPath);
    }
  }

  stopAll(): void {
    for (const run of this.runs.values()) for (const cancel of run.cancels) cancel();
    this.runs.clear();
  }
}

/** The kubelets of every node: volumes, image pulls, container starts, readiness, crashes. */
export function startKubelet(
  kit: Kit,
  events: EventRecorder,
  programs: readonly ContainerProgram[] = [],
): () => void {
  const kubelet = new Kubelet(kit, events, programs);
  kit.subscribe((e) => kubelet.onEvent(e));
  kit.onFaultsChange(() => kubelet.applyPodDown());
  for (const pod of kit.store.list('pods')) {
    kubelet.onEvent({ type: 'ADDED', key: 'pods', object: pod, resourceVersion: 0 });
  }
  return () => kubelet.stopAll();
}
