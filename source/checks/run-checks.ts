import type { Config } from '../config/config.js';
import type { PksCluster } from '../systems/pks.js';
import type { Systems } from '../systems/systems.js';
import { errored, settle, skip, skipAll, warn, type CheckResult } from './check.js';
import { checkChartPins } from './chart-pins.js';
import { dnsChecks } from './dns.js';
import { hostnameChecks } from './hostnames.js';
import {
  checkExisting,
  checkIngressController,
  checkReachable,
  checkUnreachable,
  kubernetesCheckIds,
  readExisting,
  readIngressIp,
} from './kubernetes.js';
import { podNetwork } from '../engine/desired/nsx-pod-network.js';
import { checkNamespaceCapacity } from './nsx.js';
import { checkKubeVersion, checkRancherSupport, readRancherChart } from './rancher-version.js';
import type { NetworkProfile } from '../systems/pks.js';
import { pksCheckIds, pksChecks } from './pks.js';
import { tlsChecks } from './tls.js';
import { toolChecks } from './tools.js';

/** What the checks need; every system call they make through `systems` only reads. */
export interface CheckContext {
  config: Config;
  systems: Systems;
  /** The pod IP blocks' prefix length, when the user knows it (NSX-T's, not visible to PKS). */
  podIpBlockPrefix?: number;
  /** The run moves Rancher to the answers' ingress controller: the other one may be there. */
  migratingIngress?: boolean;
  /** Failing checks found in the answers themselves; they replace the live check of that id. */
  answerProblems?: readonly CheckResult[];
  now?: Date;
}

const clusterIds = [...kubernetesCheckIds, 'nsx.namespaces'];

/** Whether the cluster's API can be asked: it exists, is built, and has a master IP. */
export function clusterReady(cluster: PksCluster | undefined): string | undefined {
  if (!cluster) return 'the cluster does not exist yet';
  if (cluster.state !== 'succeeded' || cluster.masterIps.length === 0)
    return `the cluster is not ready (${cluster.lastAction} ${cluster.state})`;
  return undefined;
}

interface ClusterFindings {
  results: CheckResult[];
  ingressIp?: string;
}

/** k8s.* and nsx.namespaces, through the kubeconfig context `pks get-credentials` wrote. */
async function clusterChecks(
  ctx: CheckContext,
  cluster?: PksCluster,
  profile?: NetworkProfile,
): Promise<ClusterFindings> {
  const notReady = clusterReady(cluster);
  if (notReady) return { results: skipAll(clusterIds, notReady) };
  const { systems, config } = ctx;
  const context = await settle(() => systems.hasKubeContext(config.pks.cluster));
  if (context instanceof Error)
    return {
      results: [
        errored('k8s.reachable', context, 'check that the cluster API is reachable from here'),
        ...skipAll(clusterIds.slice(1), 'the cluster API cannot be reached (see k8s.reachable)'),
      ],
    };
  if (!context)
    return {
      results: [
        checkUnreachable(config.pks.cluster),
        ...skipAll(clusterIds.slice(1), 'no kubeconfig context (see k8s.reachable)'),
      ],
    };
  const kube = systems.kube();
  const version = await settle(() => kube.version());
  if (version instanceof Error)
    return {
      results: [
        errored('k8s.reachable', version, 'check that the cluster API is reachable from here'),
        ...skipAll(clusterIds.slice(1), 'the cluster API cannot be reached (see k8s.reachable)'),
      ],
    };
  const chart = await readRancherChart(systems.helm, config);
  const existing = await settle(() => readExisting(kube, systems.helm, config));
  const namespaces = await settle(() => kube.list('v1', 'Namespace'));
  const ingressIp = await settle(() => readIngressIp(kube, config));
  return {
    results: [
      checkReachable(version, kube.server),
      checkKubeVersion(version, chart, Boolean(config.rancher.chartVersion)),
      checkRancherSupport(version, config.rancher.chartVersion || undefined),
      existing instanceof Error
        ? warn(
            'k8s.existing',
            `could not read what is installed: ${existing.message}`,
            'check helm and kubectl access to the cluster',
          )
        : checkExisting(existing, config, ctx.migratingIngress),
      existing instanceof Error
        ? skip('ingress.controller', 'what is installed could not be read (see k8s.existing)')
        : checkIngressController(existing, config, ctx.migratingIngress),
      namespaces instanceof Error
        ? warn(
            'nsx.namespaces',
            `could not list namespaces: ${namespaces.message}`,
            'check kubectl access to the cluster',
          )
        : checkNamespaceCapacity(
            namespaces.items.length,
            podNetwork(profile, ctx.podIpBlockPrefix),
          ),
    ],
    ...(typeof ingressIp === 'string' ? { ingressIp } : {}),
  };
}

/** A problem in the answers is that check's result: it says what to change in the file. */
function withAnswerProblems(
  results: readonly CheckResult[],
  problems: readonly CheckResult[],
): CheckResult[] {
  const byId = new Map<string, CheckResult>();
  for (const problem of problems) {
    const earlier = byId.get(problem.id);
    byId.set(
      problem.id,
      earlier
        ? {
            ...earlier,
            message: `${earlier.message}; ${problem.message}`,
            remedy: `${earlier.remedy}; ${problem.remedy}`,
          }
        : problem,
    );
  }
  const replaced = results.map((r) => byId.get(r.id) ?? r);
  const extra = [...byId.values()].filter((p) => !results.some((r) => r.id === p.id));
  return [...replaced, ...extra];
}

/** Every preflight check, in the install's order. Changes nothing. */
export async function runChecks(ctx: CheckContext): Promise<CheckResult[]> {
  const { config, systems } = ctx;
  const tools = await toolChecks(systems);
  const pksUsable = tools[0]?.status === 'pass';
  const pks = pksUsable
    ? await pksChecks(systems.pks, config.pks, config.rancher.replicas)
    : { results: skipAll(pksCheckIds, 'the PKS CLI is not available (see tools.pks)') };
  const cluster = await clusterChecks(ctx, pks.cluster, pks.profile);
  const dns = await dnsChecks((name) => systems.resolveA(name), config, {
    ...(pks.cluster?.masterIps[0] ? { masterIp: pks.cluster.masterIps[0] } : {}),
    ...(cluster.ingressIp ? { ingressIp: cluster.ingressIp } : {}),
  });
  const results = [
    ...tools,
    ...pks.results,
    ...hostnameChecks(config),
    ...(await tlsChecks(config, ctx.now)),
    // Existence only: k8s.version judges the Rancher pin against the cluster.
    ...(await checkChartPins(systems.helm, config)),
    ...dns,
    ...cluster.results,
  ];
  return withAnswerProblems(results, ctx.answerProblems ?? []);
}
