import type { Config } from '../config/config.js';
import type { Helm } from '../systems/helm.js';
import type { Pks } from '../systems/pks.js';
import { checkChartPins } from './chart-pins.js';
import { skip, type CheckResult } from './check.js';
import { checkPlanExists, checkReplicas } from './pks.js';
import { tlsChecks } from './tls.js';

/** What the review's checks read; every call only reads. */
export interface ReviewReader {
  pks: Pick<Pks, 'plans'>;
  helm: Pick<Helm, 'showChart'>;
  /** The cluster's Kubernetes version when it exists and answers; undefined otherwise. */
  kubeVersion(): Promise<string | undefined>;
}

async function replicasCheck(reader: ReviewReader, config: Config): Promise<CheckResult[]> {
  try {
    const plans = await reader.pks.plans();
    const plan = plans.find((p) => p.name === config.pks.plan);
    if (!plan) return [checkPlanExists(plans, config.pks.plan)];
    return [checkReplicas(plan, config.pks.workers, config.rancher.replicas)];
  } catch (error) {
    // Not knowing is not a failure here: the preflight gate after Start asks again.
    const why = error instanceof Error ? error.message : String(error);
    return [skip('rancher.replicas', `the plans could not be read (${why})`)];
  }
}

async function kubeVersionOf(reader: ReviewReader): Promise<string | undefined> {
  try {
    return await reader.kubeVersion();
  } catch {
    return undefined; // "where known": an unreachable cluster is preflight's to report
  }
}

/**
 * The preflight rules an edit on the review can break, run again before Start: the
 * certificate against the (new) Rancher hostname and the files (tls.*), the replicas against
 * the plan's workers, a pinned chart version against its repository and, when the cluster
 * exists, its Kubernetes version. The same functions preflight runs; nothing of its own.
 */
export async function reviewChecks(
  config: Config,
  reader: ReviewReader,
  now?: Date,
): Promise<CheckResult[]> {
  const [tls, replicas, kubeVersion] = await Promise.all([
    tlsChecks(config, now),
    replicasCheck(reader, config),
    kubeVersionOf(reader),
  ]);
  const charts = await checkChartPins(reader.helm, config, kubeVersion);
  return [...tls, ...replicas, ...charts];
}
