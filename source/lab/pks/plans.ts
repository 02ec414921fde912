/**
 * The plans an operator configured in the PKS tile. The walkthrough's `pks plans`
 * listing, plus `small-ha`: an HA plan without "Allow Privileged" (FACTS failure 13).
 */
export interface Plan {
  id: string;
  name: string;
  description: string;
  masterInstances: number;
  workerInstances: number;
  maxWorkerInstances: number;
  /** The tile's "Allow Privileged" checkbox: Rancher's agents need it. */
  allowPrivileged: boolean;
}

export const DEFAULT_PLANS: readonly Plan[] = [
  {
    id: '8A0E21A8-8072-4D80-B365-D1F502085560',
    name: 'dev-small',
    description: '1 master; 2 workers (max 4)',
    masterInstances: 1,
    workerInstances: 2,
    maxWorkerInstances: 4,
    allowPrivileged: false,
  },
  {
    id: '58375a45-17f7-4291-acf1-455bfdc8e371',
    name: 'dev-large',
    description: '1 master; 4 workers (max 8)',
    masterInstances: 1,
    workerInstances: 4,
    maxWorkerInstances: 8,
    allowPrivileged: false,
  },
  {
    id: '241118e5-69b2-4ef9-b47f-4d2ab071aff5',
    name: 'prod-large',
    description: '3 masters; 10 workers (20 max)',
    masterInstances: 3,
    workerInstances: 10,
    maxWorkerInstances: 20,
    allowPrivileged: false,
  },
  {
    // The walkthrough's ID for dev-tiny has a stray digit; this one is a valid UUID.
    id: '2fa82452-7318-4d25-9f8e-0025863b8c8a',
    name: 'dev-tiny',
    description: '1 master; 1 worker (max 2); auto-adds DNS record upon completion.',
    masterInstances: 1,
    workerInstances: 1,
    maxWorkerInstances: 2,
    allowPrivileged: false,
  },
  {
    id: 'fa824527-318d-4253-9f8e-0025863b8c8a',
    name: 'rancher',
    description: 'Deploys HA configuration with 3 workers for testing Rancher HA builds.',
    masterInstances: 3,
    workerInstances: 3,
    maxWorkerInstances: 10,
    allowPrivileged: true,
  },
  {
    id: '6d3b1f0e-9c2a-4e57-8b1d-3f0a2c4e5d61',
    name: 'small-ha',
    description: '3 masters; 3 workers (max 6)',
    masterInstances: 3,
    workerInstances: 3,
    maxWorkerInstances: 6,
    allowPrivileged: false,
  },
];

/**
 * `pks plans --json` entry. The real API documents `id, name, description,
 * worker_instances` and (per PKS workshop material) the master count too; we name it
 * `master_instances`. The privileged flag is the PKS API model's
 * `allow_privileged_containers`, serialised with hyphens as `allow-privileged-containers`
 * (FACTS, verified). `max_worker_instances` is a lab addition the real API may not
 * return: consumers must treat an absent field as "unknown", never as "false".
 */
export interface PlanJson {
  id: string;
  name: string;
  description: string;
  worker_instances: number;
  master_instances: number;
  max_worker_instances: number;
  'allow-privileged-containers': boolean;
}

export function planJson(plan: Plan): PlanJson {
  return {
    id: plan.id,
    name: plan.name,
    description: plan.description,
    worker_instances: plan.workerInstances,
    master_instances: plan.masterInstances,
    max_worker_instances: plan.maxWorkerInstances,
    'allow-privileged-containers': plan.allowPrivileged,
  };
}
