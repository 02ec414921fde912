import type { KubeObject, ObjectRef } from '../../systems/kube.js';
import { Kube } from '../../systems/kube.js';
import type { RancherApi } from '../../systems/rancher-api-types.js';
import {
  agentChecksum,
  agentNamespace,
  agentWorkloads,
  withAgentChecksum,
} from '../desired/cluster-agent.js';
import type { ImportedCluster } from '../desired/downstream-clusters.js';
import { registeredClusters } from '../rotate-gate.js';
import type { StepContext } from '../contract.js';

/**
 * What a CA change touches downstream, behind two small ports so the engine's logic is tested
 * with fakes: the clusters Rancher has registered (the v3 API's `clusters()`, or the
 * `clusters.management.cattle.io` objects in the local cluster, which is what the API serves),
 * and a client for each imported cluster's API (its kubeconfig).
 */
export interface AgentKube {
  get(ref: ObjectRef): Promise<KubeObject | undefined>;
  replace<T extends KubeObject>(obj: T): Promise<T>;
}

export interface DownstreamPorts {
  clusters: RancherApi['clusters'];
  agentKube(target: ImportedCluster): Promise<AgentKube>;
}

/** The ports from a step's context: the local cluster's objects, each downstream's kubeconfig. */
export function downstreamPorts(ctx: StepContext): DownstreamPorts {
  return {
    clusters: () => registeredClusters(ctx.systems.kube()),
    async agentKube(target) {
      if (target.pksCluster) {
        // As the import reaches it: credentials into the default kubeconfig, then its context.
        await ctx.systems.pks.getCredentials(target.pksCluster, {});
        return Kube.load({ preferContext: target.pksCluster, signal: ctx.signal });
      }
      return Kube.load({
        ...(target.kubeconfig ? { kubeconfig: target.kubeconfig } : {}),
        ...(target.context ? { context: target.context } : {}),
        signal: ctx.signal,
      });
    },
  };
}

/** The agent workloads the cluster runs (the node agent only on older Rancher). */
async function agentObjects(kube: AgentKube): Promise<KubeObject[]> {
  const found: KubeObject[] = [];
  for (const w of agentWorkloads) {
    const o = await kube.get({ ...w, namespace: agentNamespace });
    if (o) found.push(o);
  }
  return found;
}

/** Every agent workload there pins `checksum` (and there is one). */
export async function agentsPin(kube: AgentKube, checksum: string): Promise<boolean> {
  const objects = await agentObjects(kube);
  return (
    objects.length > 0 &&
    objects.every((o) => {
      const pinned = agentChecksum(o);
      return pinned === undefined || pinned === checksum;
    })
  );
}

/**
 * Rancher's documented method 2 ("Updating the Rancher Certificate", step 4): each agent
 * workload's CATTLE_CA_CHECKSUM set to the new CA's, through the downstream cluster's own API
 * (after a CA change the agents cannot reach Rancher, so Rancher cannot redeploy them: method
 * 1 needs them connected). A replace carrying the resourceVersion: a concurrent edit fails it
 * (409) and the runner tries again. Returns the workloads it changed.
 */
export async function pinNewCa(kube: AgentKube, checksum: string): Promise<string[]> {
  const objects = await agentObjects(kube);
  if (objects.length === 0)
    throw new Error(
      `no ${agentWorkloads[0].name} in ${agentNamespace}: the cluster has no Rancher agent`,
    );
  const changed: string[] = [];
  for (const o of objects) {
    const updated = withAgentChecksum(o, checksum);
    if (!updated) continue;
    await kube.replace(updated);
    changed.push(`${o.kind?.toLowerCase()}/${o.metadata?.name}`);
  }
  return changed;
}
