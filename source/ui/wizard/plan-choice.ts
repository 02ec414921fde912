import type { Plan } from '../../systems/pks.js';

/** Rancher HA wants three masters (etcd quorum) and three workers (one Rancher pod each). */
export const haMasters = 3;
export const haWorkers = 3;

/** `masters/workers` as the plan states them; `?` where the API does not say. */
export function planSize(plan: Plan): string {
  const count = (n: number | undefined, what: string) =>
    n === undefined ? `? ${what}s` : `${n} ${what}${n === 1 ? '' : 's'}`;
  const max =
    plan.maxWorkerInstances !== undefined && plan.maxWorkerInstances !== plan.workerInstances
      ? ` (max ${plan.maxWorkerInstances})`
      : '';
  return `${count(plan.masterInstances, 'master')}, ${count(plan.workerInstances, 'worker')}${max}`;
}

/**
 * Counts a plan's description opens with (`1 master; 2 workers (max 4);`, as the
 * walkthrough's `pks plans` shows them): the size says them already.
 */
const statedCounts =
  /^(?:\s*\d+\s+(?:masters?|workers?)\b(?:\s*\((?:max\s+\d+|\d+\s+max)\))?\s*[;,.]?)+\s*/i;

/** The size, then what the operator's description adds to it (once, not the counts again). */
export function planDetail(plan: Plan): string {
  const rest = plan.description.replace(statedCounts, '').trim();
  return rest ? `${planSize(plan)} · ${rest}` : planSize(plan);
}

/** Where the plan list's cursor starts: the chosen plan, else the first one fit for HA. */
export function initialPlan(plans: readonly Plan[], chosen?: string): string | undefined {
  if (chosen && plans.some((plan) => plan.name === chosen)) return chosen;
  return plans.find((plan) => planConcerns(plan).length === 0)?.name;
}

/**
 * What is wrong with a plan for Rancher HA, known from what the plan states.
 * Unknown counts are not held against it (older APIs omit them).
 */
export function planConcerns(plan: Plan): string[] {
  const concerns: string[] = [];
  const tooFew = (n: number | undefined, least: number) => n !== undefined && n < least;
  if (tooFew(plan.masterInstances, haMasters) || tooFew(plan.workerInstances, haWorkers)) {
    concerns.push(`not HA: Rancher HA needs ${haMasters} masters and ${haWorkers} workers`);
  }
  if (plan.allowPrivileged === false) {
    concerns.push('privileged containers not allowed: Rancher’s agent pods need them');
  }
  return concerns;
}
