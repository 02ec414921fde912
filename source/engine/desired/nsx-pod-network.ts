import type { NetworkProfile } from '../../systems/pks.js';

/**
 * NSX-T gives every namespace a subnet of the cluster's pod IP block(s) — /24 by default,
 * or the network profile's `pod_subnet_prefix` (TKGI docs, "Customizing Pod Networks") —
 * and Rancher adds a namespace per project and per user: a busy Rancher can exhaust them.
 */

/** TKGI's subnet per namespace when the profile sets no `pod_subnet_prefix`. */
export const defaultNamespacePrefix = 24;
/** The block's own size lives in NSX-T, out of PKS's sight: a /16 unless the user says. */
export const defaultPodIpBlockPrefix = 16;

export interface PodNetwork {
  /** Each namespace's subnet prefix length. */
  namespacePrefix: number;
  /** Pod IP blocks: the profile's `pod_ip_block_ids`, else the tile's one. */
  blocks: number;
  /** Each block's prefix length. */
  blockPrefix: number;
  /** True when the block prefix is the default guess (PKS cannot tell it). */
  blockPrefixAssumed: boolean;
  /** The network profile the prefix and blocks come from, if any. */
  profile?: string;
}

/** The pod network as far as PKS can tell: the profile's prefix and blocks, the block size given or assumed. */
export function podNetwork(
  profile: NetworkProfile | undefined,
  blockPrefix: number | undefined,
): PodNetwork {
  return {
    namespacePrefix: profile?.podSubnetPrefix ?? defaultNamespacePrefix,
    blocks: Math.max(1, profile?.podIpBlockIds?.length ?? 1),
    blockPrefix: blockPrefix ?? defaultPodIpBlockPrefix,
    blockPrefixAssumed: blockPrefix === undefined,
    ...(profile ? { profile: profile.name } : {}),
  };
}

/** How many namespaces the blocks hold: a /16 holds 256 /24s; two of them 512. */
export function namespaceCapacity(network: PodNetwork): number {
  const bits = network.namespacePrefix - network.blockPrefix;
  return bits < 0 ? 0 : network.blocks * 2 ** bits;
}

/** `12 of the 256 /24 subnets of the /16 pod IP block`, with where each number comes from. */
export function capacityText(namespaces: number, network: PodNetwork): string {
  const capacity = namespaceCapacity(network);
  const blocks =
    network.blocks === 1
      ? `the /${network.blockPrefix} pod IP block`
      : `the ${network.blocks} /${network.blockPrefix} pod IP blocks`;
  const share = capacity ? Math.round((namespaces / capacity) * 100) : 100;
  const from = network.profile
    ? network.namespacePrefix !== defaultNamespacePrefix || network.blocks > 1
      ? ` (per network profile ${network.profile})`
      : ''
    : '';
  const assumed = network.blockPrefixAssumed
    ? `; a /${network.blockPrefix} block is assumed: NSX-T, not PKS, knows its size (give it to preflight or status with --pod-ip-block-prefix N)`
    : '';
  return `${namespaces} namespaces use ${namespaces} of the ${capacity} /${network.namespacePrefix} subnets of ${blocks}${from} (${share}%)${assumed}`;
}
