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

/**
 * `kubectl rollout status ds/X` in data (kubectl rollout_status.go, DaemonSetStatusViewer):
 * the spec observed, every scheduled pod updated to it, and as many available as wanted.
 */
export function daemonSetRolloutStatus(ds: KubeObject | undefined): {
  done: boolean;
  message: string;
} {
  if (!ds) return { done: false, message: 'the daemon set is not there' };
  const s = (ds.status ?? {}) as Record<string, number | undefined>;
  const generation = Number(ds.metadata?.generation ?? 0);
  if ((s.observedGeneration ?? 0) < generation)
    return { done: false, message: 'waiting for the daemon set spec update to be observed' };
  const desired = s.desiredNumberScheduled ?? 0;
  const updated = s.updatedNumberScheduled ?? 0;
  const available = s.numberAvailable ?? 0;
  if (updated < desired)
    return { done: false, message: `${updated} out of ${desired} new pods have been updated` };
  if (available < desired)
    return { done: false, message: `${available} of ${desired} updated pods are available` };
  return { done: true, message: `${desired} of ${desired} pods updated and available` };
}
