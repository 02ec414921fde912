import type { ControllerContext } from '../context.js';
import { ApiError } from '../kube/api-error.js';
import { startDeployments } from '../controllers/deployments.js';
import { EventRecorder } from '../controllers/events.js';
import { startJobs } from '../controllers/jobs.js';
import { Kit } from '../controllers/kit.js';
import { startKubelet } from '../controllers/kubelet.js';
import { registerNodes } from '../controllers/nodes.js';
import { startReplicaSets } from '../controllers/replicasets.js';
import { startScheduler } from '../controllers/scheduler.js';
import { startServiceAccounts } from '../controllers/service-accounts.js';

/** The namespaces every cluster starts with (Kubernetes docs, "Namespaces": initial namespaces). */
const namespaces = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/**
 * A light downstream cluster's controllers: its nodes, service accounts, Deployments →
 * ReplicaSets → Pods (scheduled, started, Ready), Jobs, and the simulated programs. No
 * add-ons (CoreDNS, ingress, load balancers): hundreds of these run in one lab.
 */
export function startEdgeControllers(ctx: ControllerContext): () => void {
  const kit = new Kit(ctx);
  const events = new EventRecorder(kit);
  for (const name of namespaces) {
    try {
      kit.store.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    } catch (e) {
      if (!(e instanceof ApiError && e.code === 409)) throw e;
    }
  }
  registerNodes(kit);
  startServiceAccounts(kit);
  startDeployments(kit, events);
  startReplicaSets(kit, events);
  startScheduler(kit, events);
  startJobs(kit, events);
  const stopKubelet = startKubelet(kit, events, ctx.programs ?? []);
  return () => {
    kit.stop();
    stopKubelet();
  };
}
