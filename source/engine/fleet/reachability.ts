import type { KubeObject } from '../../systems/kube.js';
import { sleep } from '../wait.js';
import type { DownstreamKube } from './fleet-systems.js';

/**
 * Before an import, a short Job in each push cluster proves its pods can reach Rancher the
 * way the agent will: resolve the hostname, connect, trust the CA (`curl --cacert … /ping`).
 * The namespace is the one every cluster has (unverified which is best; one constant).
 */
export const reachNamespace = 'default';
export const reachName = 'rancher-pks-tui-reach';
const caFile = 'cacerts.pem';
const caMount = '/etc/rancher-pks-tui';

/** The `curl` the Job runs (`rancher/rancher-agent` ships curl: package/Dockerfile.agent). */
export function reachCommand(host: string, withCa: boolean): string[] {
  return [
    'curl',
    '-sS',
    '--max-time',
    '10',
    ...(withCa ? ['--cacert', `${caMount}/${caFile}`] : []),
    `https://${host}/ping`,
  ];
}

export function reachObjects(host: string, caPem: string | undefined, image: string): KubeObject[] {
  const labels = { 'app.kubernetes.io/managed-by': 'rancher-pks-tui' };
  const configMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `${reachName}-ca`, namespace: reachNamespace, labels },
    data: { [caFile]: caPem ?? '' },
  };
  const job = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: reachName, namespace: reachNamespace, labels },
    spec: {
      // No ttlSecondsAfterFinished: the installer deletes the Job once it has read the pod
      // (and a leftover at the next run), and a TTL that fires before the read (the lab at
      // timescale 0 collapses it) would lose the answer.
      backoffLimit: 0,
      template: {
        metadata: { labels },
        spec: {
          restartPolicy: 'Never',
          containers: [
            {
              name: 'reach',
              image,
              command: reachCommand(host, caPem !== undefined),
              volumeMounts: [{ name: 'ca', mountPath: caMount, readOnly: true }],
            },
          ],
          volumes: [{ name: 'ca', configMap: { name: `${reachName}-ca` } }],
        },
      },
    },
  };
  return [configMap, job];
}

export type ReachKind = 'ok' | 'dns' | 'tcp' | 'tls' | 'other';

export interface ReachOutcome {
  kind: ReachKind;
  /** curl's own line (`curl: (6) Could not resolve host: rancher.lab.test`), when it said one. */
  curlLine?: string;
  exitCode?: number;
}

/** curl's documented exit codes (curl(1) "EXIT CODES"): 6 resolve, 7 connect, 28 timeout, 35/60/77 TLS. */
export function classifyCurl(exitCode: number, log: string): ReachOutcome {
  const curlLine = log
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.startsWith('curl:'));
  const kind: ReachKind =
    exitCode === 0
      ? 'ok'
      : exitCode === 6
        ? 'dns'
        : exitCode === 7 || exitCode === 28
          ? 'tcp'
          : exitCode === 35 || exitCode === 60 || exitCode === 77 || exitCode === 58
            ? 'tls'
            : 'other';
  return { kind, exitCode, ...(curlLine ? { curlLine } : {}) };
}

/** The row's reason and fix for a failed reach, named by layer. */
export function reachFailure(
  outcome: ReachOutcome,
  host: string,
): { lastError: string; fix: string } {
  const said = outcome.curlLine ? `: ${outcome.curlLine}` : '';
  switch (outcome.kind) {
    case 'dns':
      return {
        lastError: `DNS: the cluster's pods cannot resolve ${host}${said}`,
        fix: `make ${host} resolvable from the cluster (its CoreDNS upstream or a stub zone), then resume`,
      };
    case 'tcp':
      return {
        lastError: `TCP: the cluster's pods cannot connect to ${host}:443${said}`,
        fix: `open 443 from the cluster's nodes to Rancher's address (firewall, NSX-T rules, proxy), then resume`,
      };
    case 'tls':
      return {
        lastError: `TLS/CA: the cluster does not trust Rancher's certificate${said}`,
        fix: `Rancher's CA (cacerts setting) must sign the certificate ${host} serves; check --rancher-ca or tls.caCerts, then resume`,
      };
    default:
      return {
        lastError: `the reachability check did not pass (curl exit ${outcome.exitCode ?? '?'})${said}`,
        fix: `kubectl -n ${reachNamespace} describe job ${reachName} on the cluster, then resume`,
      };
  }
}

interface PodLike extends KubeObject {
  status?: {
    phase?: string;
    containerStatuses?: { state?: { terminated?: { exitCode?: number } } }[];
  };
}

/**
 * Creates the Job (a leftover one first deleted), waits for its pod to end, reads curl's exit
 * code and line, deletes what it made. Pods are matched by owner UID: a leftover pod of an
 * earlier Job with the same name is not ours.
 */
export async function checkReachability(
  kube: DownstreamKube,
  host: string,
  caPem: string | undefined,
  image: string,
  options: { signal: AbortSignal; pollMs: number; timeoutMs: number; now?: () => number },
): Promise<ReachOutcome> {
  const now = options.now ?? Date.now;
  const [configMap, job] = reachObjects(host, caPem, image) as [KubeObject, KubeObject];
  const jobRef = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    name: reachName,
    namespace: reachNamespace,
  };
  const cmRef = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    name: `${reachName}-ca`,
    namespace: reachNamespace,
  };
  await kube.delete(jobRef);
  try {
    await kube.apply(configMap);
    const created = await kube.apply(job);
    const uid = created.metadata?.uid;
    const deadline = now() + options.timeoutMs;
    for (;;) {
      // By owner: Kubernetes labels a Job's pods `job-name` (and since 1.27
      // `batch.kubernetes.io/job-name`), but the owner reference is what every version sets.
      const pods = await kube.list<PodLike>('v1', 'Pod', { namespace: reachNamespace });
      const pod = pods.items.find(
        (p) => !uid || (p.metadata?.ownerReferences ?? []).some((o) => o.uid === uid),
      );
      const exitCode = pod?.status?.containerStatuses?.[0]?.state?.terminated?.exitCode;
      if (pod && exitCode !== undefined) {
        const log = await kube.podLog(reachNamespace, pod.metadata!.name!, 5);
        return classifyCurl(exitCode, log);
      }
      if (now() >= deadline)
        return {
          kind: 'other',
          curlLine: pod
            ? `its pod ${pod.metadata?.name} is still ${pod.status?.phase ?? 'pending'} (the image ${image} may not pull)`
            : 'no pod started',
        };
      await sleep(options.pollMs, options.signal);
    }
  } finally {
    // Best effort: ttlSecondsAfterFinished removes the Job anyway.
    await kube.delete(jobRef).catch(() => false);
    await kube.delete(cmRef).catch(() => false);
  }
}
