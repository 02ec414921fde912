import { cliName } from '../desired/pks-rules.js';
import { PermanentError } from '../../systems/errors.js';
import type { Stage, Step, StepContext } from '../contract.js';
import { ingressControllers } from '../desired/ingress-controller.js';
import { namespace } from '../desired/names.js';
import { loadBalancerIps, virtualServerAddresses } from '../desired/nsx-virtual-server.js';
import { downstreamClusterNames, managementClusters } from '../desired/rancher-leftovers.js';
import { pksLoginStep } from './cluster.js';
import { inventoryLines } from './uninstall-inventory.js';
import { clusterPresent, inCluster, uninstallOptions } from './uninstall-scope.js';

/**
 * Before anything goes: the CLI logged in, the cluster's credentials (when it is still
 * there), then what will go and what stays, and the refusal while Rancher still manages
 * downstream clusters (they would be orphaned: their agents keep calling a Rancher that is
 * gone) unless --force. A resume checks all of it again.
 */

const login = pksLoginStep('uninstall.login');

const credentials: Step = inCluster({
  id: 'uninstall.credentials',
  title: 'Cluster credentials',
  isDone: (ctx) => ctx.systems.hasKubeContext(ctx.config.pks.cluster),
  async run(ctx) {
    await ctx.systems.getCredentials();
    if (!(await ctx.systems.hasKubeContext(ctx.config.pks.cluster)))
      throw new PermanentError(
        `kubeconfig: no working context ${ctx.config.pks.cluster} after get-credentials`,
        'check KUBECONFIG points at a writable file and the cluster API is reachable from here',
      );
  },
  runbook: (config) => [
    { kind: 'command', argv: [cliName(config.pks), 'get-credentials', config.pks.cluster] },
  ],
});

/** Addresses the DNS step needs, read while what holds them still exists. */
async function rememberAddresses(ctx: StepContext): Promise<void> {
  const cluster = await ctx.systems.pks.cluster(ctx.config.pks.cluster);
  if (cluster?.masterIps[0]) ctx.facts.masterIp = cluster.masterIps[0];
  if (!(await clusterPresent(ctx))) return;
  for (const c of Object.values(ingressControllers)) {
    const svc = await ctx.systems
      .kube()
      .get({ apiVersion: 'v1', kind: 'Service', namespace, name: c.service });
    const ip = virtualServerAddresses(loadBalancerIps(svc)).forDns;
    if (ip) ctx.facts.vip = ip;
  }
}

/** Downstream clusters this Rancher still manages (none when Rancher's types are gone). */
export async function downstreamClusters(ctx: StepContext): Promise<string[]> {
  if (!(await clusterPresent(ctx))) return [];
  const { items } = await ctx.systems
    .kube()
    .list(managementClusters.apiVersion, managementClusters.kind);
  return downstreamClusterNames(items.map((c) => c.metadata?.name ?? ''));
}

const inventory: Step = {
  id: 'uninstall.inventory',
  title: 'What goes, what stays',
  async run(ctx) {
    await rememberAddresses(ctx);
    for (const l of await inventoryLines(ctx)) ctx.progress(l);
    const downstream = await downstreamClusters(ctx);
    if (downstream.length === 0) return;
    const names = downstream.join(', ');
    if (uninstallOptions(ctx).force) {
      ctx.progress(
        `--force: ${downstream.length} downstream cluster(s) will be orphaned: ${names}`,
      );
      return;
    }
    throw new PermanentError(
      `Rancher still manages ${downstream.length} downstream cluster${downstream.length > 1 ? 's' : ''} (${names}): removing it would orphan them`,
      'delete or move them in Rancher first (Cluster Management), or add --force to orphan them, then resume',
    );
  },
  runbook: () => [
    {
      kind: 'command',
      argv: ['kubectl', 'get', 'clusters.management.cattle.io'],
      note: 'only `local`: no downstream cluster is still registered (else delete or move them first, or --force)',
    },
  ],
};

export function uninstallCheckStage(): Stage {
  return {
    id: 'uninstall-check',
    title: 'Before anything goes',
    steps: [login, credentials, inventory],
  };
}
