import type { ControllerContext } from '../context.js';
import { bootstrapCluster } from './bootstrap.js';
import { startDaemonSets } from './daemonsets.js';
import { startDeployments } from './deployments.js';
import { startEndpoints } from './endpoints.js';
import { EventRecorder } from './events.js';
import { startIngressStatus } from './ingress-status.js';
import { startJobs } from './jobs.js';
import { Kit } from './kit.js';
import { startKubelet } from './kubelet.js';
import { startLoadBalancers } from './load-balancer.js';
import { startRancher } from './rancher.js';
import { startReleaseFaults } from './release-faults.js';
import { startReplicaSets } from './replicasets.js';
import { startScheduler } from './scheduler.js';
import { startSecretEdits } from './secret-edits.js';
import { startServiceAccounts } from './service-accounts.js';

export { plannedNodes, type PlannedNode } from './nodes.js';

/**
 * Brings a new cluster to life (namespaces, nodes, system services) and runs its
 * controllers until the returned function is called.
 */
export function startControllers(ctx: ControllerContext): () => void {
  const kit = new Kit(ctx);
  const events = new EventRecorder(kit);
  bootstrapCluster(kit);
  startServiceAccounts(kit);
  startDeployments(kit, events);
  startReplicaSets(kit, events);
  startDaemonSets(kit, events);
  startScheduler(kit, events);
  startJobs(kit, events);
  const stopKubelet = startKubelet(kit, events, ctx.programs ?? []);
  startEndpoints(kit);
  startLoadBalancers(kit);
  startIngressStatus(kit);
  startRancher(kit);
  startSecretEdits(kit);
  startReleaseFaults(kit);
  return () => {
    kit.stop();
    stopKubelet();
  };
}
