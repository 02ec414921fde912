import type { PksConfig } from '../config/config.js';
import { defaultLbSize } from '../config/schema.js';
import {
  isFailedState,
  type LoginState,
  type NetworkProfile,
  type Pks,
  type PksCluster,
  type Plan,
} from '../systems/pks.js';
import { replicasProblem } from '../engine/desired/ha-spread.js';
import { errored, fail, pass, skip, skipAll, warn, type CheckResult } from './check.js';

/**
 * PKS checks: pure functions over what `pks ... --json` returned, shared with the
 * cluster stage (which throws their failures), plus the read-only gatherer preflight runs.
 */

export const pksCheckIds = [
  'pks.login',
  'pks.plan-exists',
  'pks.plan-ha',
  'pks.plan-privileged',
  'rancher.replicas',
  'pks.network-profile',
  'pks.cluster',
] as const;

/** Masters and workers an HA Rancher needs: etcd quorum, and one Rancher pod per worker. */
export const haMasters = 3;
export const haWorkers = 3;

function cliName(pks: PksConfig): string {
  return pks.cli ?? 'pks';
}

export function checkLogin(state: LoginState): CheckResult {
  if (state.ok) return pass('pks.login', 'the PKS CLI is logged in');
  return fail('pks.login', state.message, state.remedy);
}

export function checkPlanExists(plans: readonly Plan[], name: string): CheckResult {
  const plan = plans.find((p) => p.name === name);
  if (plan) return pass('pks.plan-exists', `plan ${plan.name}: ${plan.description}`);
  return fail(
    'pks.plan-exists',
    `pks.plan: there is no plan "${name}" (plans: ${plans.map((p) => p.name).join(', ')})`,
    'create the plan in the PKS tile (3 masters, 3 workers, Allow Privileged) or pick an existing one',
  );
}

/**
 * `pks.plan-ha`: 3 masters, and 3 workers — the plan's, or `pks.workers` when the answers
 * ask for another count (`create-cluster -n`, within the plan's maximum).
 */
export function checkPlanHa(plan: Plan, requestedWorkers?: number): CheckResult {
  const masters = plan.masterInstances;
  const workers = requestedWorkers ?? plan.workerInstances;
  const counts = `${masters ?? '?'} master(s), ${workers ?? '?'} worker(s)${requestedWorkers !== undefined ? ' (pks.workers)' : ''}`;
  const remedy = `use a plan with at least ${haMasters} masters and ${haWorkers} workers (edit the plan in the PKS tile, or pick another: \`pks plans\`)`;
  const max = plan.maxWorkerInstances;
  if (requestedWorkers !== undefined && max !== undefined && requestedWorkers > max)
    return fail(
      'pks.plan-ha',
      `pks.workers: plan ${plan.name} allows at most ${max} workers, not ${requestedWorkers}`,
      `set pks.workers to ${max} or fewer, or pick a plan that allows more`,
    );
  if (
    (masters !== undefined && masters < haMasters) ||
    (workers !== undefined && workers < haWorkers)
  )
    return fail(
      'pks.plan-ha',
      `plan ${plan.name} has ${counts}; HA needs ${haMasters} masters and ${haWorkers} workers (one Rancher pod per worker)`,
      requestedWorkers !== undefined && requestedWorkers < haWorkers
        ? `set pks.workers to ${haWorkers} or more, or leave it out`
        : remedy,
    );
  if (masters === undefined || workers === undefined)
    return warn(
      'pks.plan-ha',
      `plan ${plan.name}: the CLI does not report every instance count (${counts})`,
      `check in the PKS tile that plan ${plan.name} has ${haMasters} masters and ${haWorkers} workers`,
    );
  return pass('pks.plan-ha', `plan ${plan.name} has ${counts}`);
}

export function checkPlanPrivileged(plan: Plan): CheckResult {
  const remedy = `tick "Allow Privileged" in plan ${plan.name} in the PKS tile (Rancher's agents run privileged), or pick a plan that has it`;
  if (plan.allowPrivileged === undefined)
    return warn(
      'pks.plan-privileged',
      `whether plan ${plan.name} allows privileged containers cannot be known from the CLI; check Allow Privileged in the plan`,
      remedy,
    );
  if (!plan.allowPrivileged)
    return fail(
      'pks.plan-privileged',
      `plan ${plan.name} does not allow privileged containers: Rancher's agent pods would be rejected`,
      remedy,
    );
  return pass('pks.plan-privileged', `plan ${plan.name} allows privileged containers`);
}

/** `rancher.replicas`: at least 3 for HA, and no more than there are workers to spread them over. */
export function checkReplicas(
  plan: Plan,
  requestedWorkers: number | undefined,
  replicas: number,
): CheckResult {
  const id = 'rancher.replicas';
  const workers = requestedWorkers ?? plan.workerInstances;
  if (replicas < haWorkers)
    return warn(
      id,
      `rancher.replicas: ${replicas} is not highly available (one node failure can stop Rancher)`,
      `set rancher.replicas to ${haWorkers}, one per worker`,
    );
  if (workers === undefined) return skip(id, `plan ${plan.name} does not report its worker count`);
  const problem = replicasProblem(replicas, workers);
  if (problem)
    return warn(
      id,
      problem,
      `set rancher.replicas to ${workers} or fewer, or add workers (pks.workers, within the plan's maximum)`,
    );
  return pass(
    id,
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

function joined(id: string, problems: readonly ClusterProblem[]): CheckResult {
  return fail(
    id,
    problems.map((p) => p.message).join('; '),
    problems.map((p) => p.remedy).join('; '),
  );
}

/** `pks.network-profile`: exists with the requested size, or can be created; a cluster's cannot change. */
export function checkNetworkProfile(
  profile: NetworkProfile | undefined,
  pks: PksConfig,
  cluster?: PksCluster,
): CheckResult {
  const id = 'pks.network-profile';
  const clash = cluster
    ? existingClusterProblems(cluster, pks).filter((p) => p.field === 'pks.networkProfile')
    : [];
  if (clash.length > 0) return joined(id, clash);
  if (!profile)
    return pass(
      id,
      `${pks.networkProfile} does not exist yet: the install creates it with lb_size ${pks.lbSize} (needs the pks.clusters.admin scope)`,
    );
  const problem = networkProfileSizeProblem(profile, pks);
  if (problem) return fail(id, problem.message, problem.remedy);
  return pass(id, `${pks.networkProfile} exists with lb_size ${profileLbSize(profile)}`);
}

/** `pks.cluster`: absent (will be created), or present, matching the answers and succeeded. */
export function checkCluster(cluster: PksCluster | undefined, pks: PksConfig): CheckResult {
  const id = 'pks.cluster';
  if (!cluster)
    return pass(
      id,
      `${pks.cluster} does not exist yet: the install creates it (plan ${pks.plan}, -e ${pks.externalHostname}, network profile ${pks.networkProfile})`,
    );
  const problems = existingClusterProblems(cluster, pks).filter(
    (p) => p.field !== 'pks.networkProfile',
  );
  if (problems.length > 0) return joined(id, problems);
  const where = cluster.masterIps.length ? ` (master ${cluster.masterIps.join(', ')})` : '';
  if (cluster.state === 'succeeded')
    return pass(id, `${pks.cluster} exists: ${cluster.lastAction} succeeded${where}`);
  if (isFailedState(cluster.state))
    return warn(
      id,
      `${pks.cluster}: ${cluster.lastAction} ${cluster.state}: ${cluster.description}`,
      `read \`${cliName(pks)} cluster ${pks.cluster}\` and the BOSH task before installing`,
    );
  // Under way (a create this tool started, or PKS's own work): the install waits for it.
  return pass(
    id,
    `${pks.cluster}: ${cluster.lastAction} ${cluster.state}: ${cluster.description} (the install waits for it to finish)`,
  );
}

/** The read-only calls preflight makes to PKS (a fake in unit tests). */
export type PksReader = Pick<Pks, 'loggedIn' | 'plans' | 'networkProfile' | 'cluster'>;

export interface PksFindings {
  results: CheckResult[];
  /** The cluster as PKS reports it; undefined when absent or unknown. */
  cluster?: PksCluster;
  /** The answers' network profile as PKS reports it; undefined when absent or unknown. */
  profile?: NetworkProfile;
}

type Read<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** A read whose failure becomes that check's result rather than ending preflight. */
async function attempt<T>(read: () => Promise<T>): Promise<Read<T>> {
  try {
    return { ok: true, value: await read() };
  } catch (error) {
    return { ok: false, error };
  }
}

const retryRemedy = 'check that the PKS API is reachable from here, then run preflight again';

const planDetailIds = ['pks.plan-ha', 'pks.plan-privileged', 'rancher.replicas'];

function planChecks(plans: Read<Plan[]>, pks: PksConfig, replicas: number): CheckResult[] {
  if (!plans.ok)
    return [
      errored('pks.plan-exists', plans.error, retryRemedy),
      ...skipAll(planDetailIds, 'the plans could not be read'),
    ];
  const plan = plans.value.find((p) => p.name === pks.plan);
  return [
    checkPlanExists(plans.value, pks.plan),
    ...(plan
      ? [
          checkPlanHa(plan, pks.workers),
          checkPlanPrivileged(plan),
          checkReplicas(plan, pks.workers, replicas),
        ]
      : skipAll(planDetailIds, 'the plan does not exist (see pks.plan-exists)')),
  ];
}

/** Every pks.* check, with read-only calls only (`plans`, `network-profile`, `cluster`, all --json). */
export async function pksChecks(
  reader: PksReader,
  pks: PksConfig,
  replicas = haWorkers,
): Promise<PksFindings> {
  const state = await attempt(() => reader.loggedIn());
  const login = state.ok ? checkLogin(state.value) : errored('pks.login', state.error, retryRemedy);
  if (login.status !== 'pass')
    return {
      results: [
        login,
        ...skipAll(pksCheckIds.slice(1), 'the PKS CLI cannot be used (see pks.login)'),
      ],
    };
  const plans = await attempt(() => reader.plans());
  const cluster = await attempt(() => reader.cluster(pks.cluster));
  const profile = await attempt(() => reader.networkProfile(pks.networkProfile));
  const known = cluster.ok ? cluster.value : undefined;
  return {
    results: [
      login,
      ...planChecks(plans, pks, replicas),
      profile.ok
        ? checkNetworkProfile(profile.value, pks, known)
        : errored('pks.network-profile', profile.error, retryRemedy),
      cluster.ok ? checkCluster(known, pks) : errored('pks.cluster', cluster.error, retryRemedy),
    ],
    ...(known ? { cluster: known } : {}),
    ...(profile.ok && profile.value ? { profile: profile.value } : {}),
  };
}
