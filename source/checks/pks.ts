import type { PksConfig } from '../config/config.js';
import {
  isFailedState,
  type LoginState,
  type NetworkProfile,
  type Pks,
  type PksCluster,
  type Plan,
} from '../systems/pks.js';
import {
  cliName,
  existingClusterProblems,
  haWorkers,
  networkProfileSizeProblem,
  planExists,
  planHa,
  planPrivileged,
  profileLbSize,
  replicasFit,
  type ClusterProblem,
} from '../engine/desired/pks-rules.js';
import { errored, fail, pass, skipAll, warn, type CheckResult } from './check.js';

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

export function checkLogin(state: LoginState): CheckResult {
  if (state.ok) return pass('pks.login', 'the PKS CLI is logged in');
  return fail('pks.login', state.message, state.remedy);
}

export function checkPlanExists(plans: readonly Plan[], name: string): CheckResult {
  return { id: 'pks.plan-exists', ...planExists(plans, name) };
}

export function checkPlanHa(plan: Plan, requestedWorkers?: number): CheckResult {
  return { id: 'pks.plan-ha', ...planHa(plan, requestedWorkers) };
}

export function checkPlanPrivileged(plan: Plan): CheckResult {
  return { id: 'pks.plan-privileged', ...planPrivileged(plan) };
}

export function checkReplicas(
  plan: Plan,
  requestedWorkers: number | undefined,
  replicas: number,
): CheckResult {
  return { id: 'rancher.replicas', ...replicasFit(plan, requestedWorkers, replicas) };
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
