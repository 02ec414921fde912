import type { Config } from '../config/config.js';
import { controllerOf } from './desired/ingress-controller.js';
import type { Facts } from './facts.js';

const walk = (hops: readonly { from: string; to: string }[]) =>
  [hops[0]!.from, ...hops.map((h) => h.to)].join(' → ');

/**
 * What a finished upgrade says: the hops each chart made (or that none was needed), and the
 * transcript.
 */
export function upgradeSummaryLines(
  config: Config,
  facts: Facts,
  transcriptPath: string,
): string[] {
  const url = `https://${config.rancher.hostname}`;
  const kube = facts.kubeVersion ?? '?';
  const rancherHops = facts.upgrade?.hops ?? [];
  const ingressHops = facts.upgrade?.ingressHops ?? [];
  const now = facts.rancherChartVersion ?? '?';
  const label = controllerOf(config.ingress.controller).label;
  const transcript = `  transcript: ${transcriptPath}`;
  if (rancherHops.length === 0 && ingressHops.length === 0)
    return [
      `Rancher ${now} at ${url} is the newest that fits Kubernetes ${kube}: nothing was upgraded`,
      ...(facts.ingressChartVersion
        ? [`  ${label} ${facts.ingressChartVersion} is the newest that fits too`]
        : []),
      transcript,
    ];
  const lines =
    rancherHops.length > 0
      ? [
          `Rancher is upgraded to ${now}: ${url}`,
          `  hops: ${walk(rancherHops)}, each verified (rollout, the version Rancher reports, /ping)`,
        ]
      : [`Rancher ${now} at ${url} is the newest that fits Kubernetes ${kube}`];
  if (ingressHops.length > 0)
    lines.push(
      `${label} is upgraded to ${facts.ingressChartVersion ?? '?'}`,
      `  hops: ${walk(ingressHops)}, each verified (CRDs first, rollout, the same virtual-server IP${facts.vip ? ` ${facts.vip}` : ''}, the served certificate, /ping)`,
    );
  return [...lines, transcript];
}
