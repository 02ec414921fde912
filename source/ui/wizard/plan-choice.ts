import type { Plan } from '../../systems/pks.js';

/** Rancher HA wants three masters (etcd quorum) and three workers (one Rancher pod each). */
export const haMasters = 3;
export const haWorkers = 3;

/** `masters/workers` as the plan states them; `?` where the API does not say. */
export function planSize(plan: Plan): string {
  const count = (n: number | undefined, what: string) =>
    n === undefined ? `? ${what}s` : `${n} ${what}${n === 1 ? '' : 's'}`;
  return `${count(plan.masterInstances, 'master')}, ${count(plan.workerInstances, 'worker')}`;
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
