import { certificatesStage } from './stages/certificates.js';
import { clusterStage } from './stages/cluster.js';
import { finishStage } from './stages/finish.js';
import { helmStage } from './stages/helm.js';
import { ingressStage } from './stages/ingress.js';
import { rancherStage } from './stages/rancher.js';
import type { Stage } from './step.js';

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
