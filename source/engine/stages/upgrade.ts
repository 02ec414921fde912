import type { Stage } from '../contract.js';
import { localClusterReady } from './finish.js';
import { detect, repos } from './helm.js';
import { probe } from './ingress.js';
import { backupStep, upgradePlanStep } from './upgrade-plan.js';
import { ingressHops } from './upgrade-ingress.js';
import { rancherHops } from './upgrade-rancher.js';

/**
 * The upgrade as a plan on the same runner: the hops planned once and kept, each hop proved
 * by the system (Helm's history and the version Rancher reports, or the controller's
 * DaemonSet rolled out), so it resumes; after Rancher's hops the served certificate and the
 * `local` cluster; then the ingress controller's hops, each verified through the new
 * controller. `status` passes before it starts, and the hops are shown first (the action).
 */
export function upgradePlan(): Stage[] {
  return [
    {
      id: 'upgrade-check',
      title: 'Before the upgrade',
      steps: [detect, repos, backupStep, upgradePlanStep],
    },
    {
      id: 'upgrade-rancher',
      title: 'Rancher upgrade',
      steps: [rancherHops, probe, localClusterReady],
    },
    {
      id: 'upgrade-ingress',
      title: 'Ingress controller upgrade',
      steps: [ingressHops],
    },
  ];
}
