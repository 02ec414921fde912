import type { KubeObject } from '../../systems/kube.js';

/**
 * `kubectl rollout status deploy/X` in data: done when the controller has seen the newest
 * spec, every replica runs it, all are available and no old ones are left (kubectl
 * polymorphichelpers/rollout_status.go, DeploymentStatusViewer). Ready pods alone are not
 * enough during an upgrade: the old ones are ready too.
 */
export function rolloutStatus(deploy: KubeObject | undefined): { done: boolean; message: string } {
  if (!deploy) return { done: false, message: 'the deployment is not there' };
  const wanted = Number(deploy.spec?.replicas ?? 1);
  const s = (deploy.status ?? {}) as Record<string, number | undefined>;
  const generation = Number(deploy.metadata?.generation ?? 0);
  if ((s.observedGeneration ?? 0) < generation)
    return { done: false, message: 'waiting for the deployment spec update to be observed' };
  const updated = s.updatedReplicas ?? 0;
  const total = s.replicas ?? 0;
  const available = s.availableReplicas ?? 0;
  if (updated < wanted)
    return { done: false, message: `${updated} of ${wanted} new replicas have been updated` };
  if (total > updated)
    return { done: false, message: `${total - updated} old replicas are pending termination` };
  if (available < updated)
    return { done: false, message: `${available} of ${updated} updated replicas are available` };
  return { done: true, message: `${updated} of ${wanted} replicas updated and available` };
}
