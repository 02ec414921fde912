import type { NetworkProfile, PksCluster } from '../../systems/pks.js';
import { profileSize } from './load-balancer-choice.js';
import { lbSizes, type LbSize } from '../../config/schema.js';
import type { PartialAnswers } from '../../config/partial-answers.js';

/**
 * Reusing a cluster that already exists: its plan, API hostname and network profile
 * are facts now, so they replace whatever was answered before.
 */
export function reuseClusterPatch(
  cluster: PksCluster,
  profiles: readonly NetworkProfile[],
): PartialAnswers {
  const profile = profiles.find((p) => p.name === cluster.networkProfile);
  const size = profile ? profileSize(profile) : undefined;
  return {
    pks: {
      cluster: cluster.name,
      ...(cluster.planName ? { plan: cluster.planName } : {}),
      ...(cluster.externalHostname ? { externalHostname: cluster.externalHostname } : {}),
      networkProfile: cluster.networkProfile,
      ...(size && (lbSizes as readonly string[]).includes(size) ? { lbSize: size as LbSize } : {}),
    },
  };
}

/** One line about the cluster, for the "reuse it?" question. */
export function describeCluster(cluster: PksCluster): string {
  const parts = [
    `plan ${cluster.planName || '?'}`,
    `API ${cluster.externalHostname ?? '?'}`,
    `network profile ${cluster.networkProfile ?? '(none)'}`,
    `last action ${cluster.lastAction || '?'} ${cluster.state || ''}`.trim(),
  ];
  return parts.join(' · ');
}
