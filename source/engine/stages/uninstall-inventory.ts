import { ingressControllers } from '../desired/ingress-controller.js';
import { namespace } from '../desired/names.js';
import type { StepContext } from '../contract.js';
import { clusterPresent, ours, uninstallOptions } from './uninstall-scope.js';
import { rancherLeftoversPresent } from './uninstall-rancher.js';

/** The lines the preflight and the inventory step show: what goes, and what stays and why. */
export async function inventoryLines(ctx: StepContext): Promise<string[]> {
  const { pks, rancher } = ctx.config;
  const options = uninstallOptions(ctx);
  const goes: string[] = [];
  const stays: string[] = [];
  const present = await clusterPresent(ctx);
  if (present) {
    if (await ctx.systems.helm.release('rancher', namespace)) goes.push('helm release rancher');
    for (const c of Object.values(ingressControllers))
      if (await ctx.systems.helm.release(c.release, namespace))
        goes.push(`helm release ${c.release}`);
    if (await rancherLeftoversPresent(ctx))
      goes.push(
        "Rancher's leftovers (CRDs and custom resources, cattle-*/fleet-*/p-*/u-*/local namespaces, webhooks, cluster roles and bindings)",
      );
    goes.push(`ingress rancher, secrets tls-ca and tls-rancher-ingress in ${namespace}`);
    const ns = ours(ctx, 'createdNamespace', `namespace ${namespace}`);
    (ns === true ? goes : stays).push(ns === true ? `namespace ${namespace}` : ns);
  } else stays.push(`cluster ${pks.cluster}: not found (nothing in it to remove)`);
  if (options.deleteCluster) {
    const cluster = ours(ctx, 'createdCluster', `cluster ${pks.cluster}`);
    if (present)
      (cluster === true ? goes : stays).push(
        cluster === true ? `PKS cluster ${pks.cluster}` : cluster,
      );
    const profile = ours(ctx, 'createdNetworkProfile', `network profile ${pks.networkProfile}`);
    (profile === true ? goes : stays).push(
      profile === true
        ? `network profile ${pks.networkProfile} (unless another cluster uses it)`
        : profile,
    );
  } else stays.push(`PKS cluster ${pks.cluster} (add --delete-cluster to delete it)`);
  const dns = [rancher.hostname, ...(options.deleteCluster ? [pks.externalHostname] : [])];
  return [
    ...goes.map((g) => `goes: ${g}`),
    ...stays.map((s) => `stays: ${s}`),
    `you delete: the DNS A record${dns.length > 1 ? 's' : ''} ${dns.join(' and ')}`,
  ];
}
