import type { SessionPlan } from '../session/session-record.js';
import { certificatesStage } from './stages/certificates.js';
import { clusterStage } from './stages/cluster.js';
import { finishStage } from './stages/finish.js';
import { helmStage } from './stages/helm.js';
import { ingressStage } from './stages/ingress.js';
import { migrateIngressPlan } from './stages/migrate-ingress.js';
import { rancherStage } from './stages/rancher.js';
import { uninstallPlan } from './stages/uninstall.js';
import { rotatePlan } from './stages/rotate.js';
import { upgradePlan } from './stages/upgrade.js';
import { importPlan } from './stages/import.js';
import type { Stage } from './contract.js';

/** The install, as data: the same plan drives install, resume, preflight and the runbook. */
export function plan(): Stage[] {
  return [
    clusterStage(),
    helmStage(),
    certificatesStage(),
    ingressStage(),
    rancherStage(),
    finishStage(),
  ];
}

/** Every plan a session can run, on the same runner. */
export function planOf(name: SessionPlan): Stage[] {
  switch (name) {
    case 'install':
      return plan();
    case 'migrate-ingress':
      return migrateIngressPlan();
    case 'uninstall':
      return uninstallPlan();
    case 'upgrade':
      return upgradePlan();
    case 'rotate-certs':
      return rotatePlan();
    case 'import':
      return importPlan();
  }
}
