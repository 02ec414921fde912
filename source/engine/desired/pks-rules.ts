import type { PksConfig } from '../../config/config.js';
import { defaultLbSize } from '../../config/schema.js';
import {
  isFailedState,
  type NetworkProfile,
  type PksCluster,
  type Plan,
} from '../../systems/pks.js';
import { replicasProblem } from './ha-spread.js';
import { fails, passes, skips, warns, type Verdict } from './verdict.js';

/**
 * What a PKS plan, network profile and cluster must be for an HA Rancher: pure rules over
 * what `pks ... --json` returned. Preflight reports them; the cluster stage acts on them.
 */

/** The CLI the answers name, for commands shown to the user. */
export function cliName(pks: PksConfig): string {
  return pks.cli ?? 'pks';
}

/** Masters and workers an HA Rancher needs: etcd quorum, and one Rancher pod per worker. */
export const haMasters = 3;
export const haWorkers = 3;

export function planExists(plans: readonly Plan[], name: string): Verdict {
  const plan = plans.find((p) => p.name === name);
  if (plan) return passes(`plan ${plan.name}: ${plan.description}`);
  return fails(
    `pks.plan: there is no plan "${name}" (plans: ${plans.map((p) => p.name).join(', ')})`,
    'create the plan in the PKS tile (3 masters, 3 workers, Allow Privileged) or pick an existing one',
  );
}

/**
 * `pks.plan-ha`: 3 masters, and 3 workers — the plan's, or `pks.workers` when the answers
 * ask for another count (`create-cluster -n`, within the plan's maximum).
 */
export function planHa(plan: Plan, requestedWorkers?: number): Verdict {
  const masters = plan.masterInstances;
  const workers = requestedWorkers ?? plan.workerInstances;
  const counts = `${masters ?? '?'} master(s), ${workers ?? '?'} worker(s)${requestedWorkers !== undefined ? ' (pks.workers)' : ''}`;
  const remedy = `use a plan with at least ${haMasters} masters and ${haWorkers} workers (edit the plan in the PKS tile, or pick another: \`pks plans\`)`;
  const max = plan.maxWorkerInstances;
  if (requestedWorkers !== undefined && max !== undefined && requestedWorkers > max)
    return fails(
      `pks.workers: plan ${plan.name} allows at most ${max} workers, not ${requestedWorkers}`,
      `set pks.workers to ${max} or fewer, or pick a plan that allows more`,
    );
  if (
    (masters !== undefined && masters < haMasters) ||
    (workers !== undefined && workers < haWorkers)
  )
    return fails(
      `plan ${plan.name} has ${counts}; HA needs ${haMasters} masters and ${haWorkers} workers (one Rancher pod per worker)`,
      requestedWorkers !== undefined && requestedWorkers < haWorkers
        ? `set pks.workers to ${haWorkers} or more, or leave it out`
        : remedy,
    );
  if (masters === undefined || workers === undefined)
    return warns(
      `plan ${plan.name}: the CLI does not report every instance count (${counts})`,
      `check in the PKS tile that plan ${plan.name} has ${haMasters} masters and ${haWorkers} workers`,
    );
  return passes(`plan ${plan.name} has ${counts}`);
}

export function planPrivileged(plan: Plan): Verdict {
  const remedy = `tick "Allow Privileged" in plan ${plan.name} in the PKS tile (Rancher's agents run privileged), or pick a plan that has it`;
  if (plan.allowPrivileged === undefined)
    return warns(
      `whether plan ${plan.name} allows privileged containers cannot be known from the CLI; check Allow Privileged in the plan`,
      remedy,
    );
  if (!plan.allowPrivileged)
    return fails(
      `plan ${plan.name} does not allow privileged containers: Rancher's agent pods would be rejected`,
      remedy,
    );
  return passes(`plan ${plan.name} allows privileged containers`);
}

/** `rancher.replicas`: at least 3 for HA, and no more than there are workers to spread them over. */
export function replicasFit(
  plan: Plan,
  requestedWorkers: number | undefined,
  replicas: number,
): Verdict {
  const workers = requestedWorkers ?? plan.workerInstances;
  if (replicas < haWorkers)
    return warns(
      `${replicas} replicas are not highly available (one node failure can stop Rancher)`,
      `set rancher.replicas to ${haWorkers}, one per worker`,
    );
  if (workers === undefined) return skips(`plan ${plan.name} does not report its worker count`);
  const problem = replicasProblem(replicas, workers);
  if (problem)
    return warns(
      problem,
      `set rancher.replicas to ${workers} or fewer, or add workers (pks.workers, within the plan's maximum)`,
    );
  return passes(
    `${replicas} Rancher replicas on ${workers} workers: each gets a node of its own (antiAffinity required)`,
  );
}

/** The size a profile gives the load balancer: PKS defaults a missing `lb_size` to small. */
export function profileLbSize(profile: NetworkProfile): string {
  return profile.lbSize ?? defaultLbSize;
}

/** Why the existing profile cannot be used as the answers ask, or undefined. */
export function networkProfileSizeProblem(
  profile: NetworkProfile,
  pks: PksConfig,
): { message: string; remedy: string } | undefined {
  const size = profileLbSize(profile);
  if (size === pks.lbSize) return undefined;
  return {
    message: `pks.networkProfile: ${pks.networkProfile} exists with lb_size ${size}, not ${pks.lbSize}`,
    remedy: `use that size (pks.lbSize: ${size}) or another profile name`,
  };
}

export interface ClusterProblem {
  /** The answers field it is about; `pks.networkProfile` ones belong to the network-profile check. */
  field: 'pks.plan' | 'pks.externalHostname' | 'pks.networkProfile' | 'pks';
  message: string;
  remedy: string;
}

/** What makes an existing cluster unusable with these answers (the create step throws the first). */
export function existingClusterProblems(cluster: PksCluster, pks: PksConfig): ClusterProblem[] {
  const problems: ClusterProblem[] = [];
  if (cluster.planName && cluster.planName !== pks.plan)
    problems.push({
      field: 'pks.plan',
      message: `pks.cluster: ${pks.cluster} exists with plan ${cluster.planName}, not ${pks.plan}`,
      remedy: 'use that plan in the answers, or another cluster name',
    });
  if (cluster.externalHostname && cluster.externalHostname !== pks.externalHostname)
    problems.push({
      field: 'pks.externalHostname',
      message: `pks.externalHostname: ${pks.cluster} was created with ${cluster.externalHostname}`,
      remedy: `set pks.externalHostname to ${cluster.externalHostname}`,
    });
  if (cluster.networkProfile && cluster.networkProfile !== pks.networkProfile)
    problems.push({
      field: 'pks.networkProfile',
      message: `pks.networkProfile: ${pks.cluster} uses ${cluster.networkProfile}; an existing cluster's load balancer size cannot change`,
      remedy: `set pks.networkProfile to ${cluster.networkProfile}, or create a new cluster`,
    });
  if (cluster.lastAction === 'CREATE' && isFailedState(cluster.state))
    problems.push({
      field: 'pks',
      message: `pks: creating ${pks.cluster} failed: ${cluster.description}`,
      remedy: `read \`${cliName(pks)} cluster ${pks.cluster}\`, delete it (\`${cliName(pks)} delete-cluster ${pks.cluster}\`), then resume`,
    });
  return problems;
}
