import type { Stage } from '../contract.js';
import { localClusterReady } from './finish.js';
import { ping } from './rancher.js';
import { rotateCaChange, rotateDownstreamCheck, rotateValidate } from './rotate-check.js';
import {
  rotateAgents,
  rotateCaSecret,
  rotateRestart,
  rotateServed,
  rotateTlsSecret,
} from './rotate-certs.js';

/**
 * The certificate rotation as a plan on the same runner: the new files checked and the CA
 * judged (kept or changed) before anything changes; then the secrets replaced in place, the
 * served certificate proved from the wire, and, only when the CA changes, Rancher restarted
 * and each imported cluster's agent told the new checksum. Each step proves itself done by
 * the system, so a re-run after it finished changes nothing.
 */
export function rotatePlan(): Stage[] {
  return [
    {
      id: 'rotate-check',
      title: 'Before the rotation',
      steps: [rotateValidate, rotateCaChange, rotateDownstreamCheck],
    },
    {
      id: 'rotate-certs',
      title: 'Certificate rotation',
      steps: [
        rotateTlsSecret,
        rotateCaSecret,
        rotateServed,
        rotateRestart,
        rotateAgents,
        ping,
        localClusterReady,
      ],
    },
  ];
}
