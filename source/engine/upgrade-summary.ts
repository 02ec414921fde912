import type { Config } from '../config/config.js';
import type { Facts } from './facts.js';

/** What a finished upgrade says: the hops it made (or that none was needed), and the transcript. */
export function upgradeSummaryLines(
  config: Config,
  facts: Facts,
  transcriptPath: string,
): string[] {
  const url = `https://${config.rancher.hostname}`;
  const hops = facts.upgrade?.hops ?? [];
  const now = facts.rancherChartVersion ?? '?';
  if (hops.length === 0)
    return [
      `Rancher ${now} at ${url} is the newest that fits Kubernetes ${facts.kubeVersion ?? '?'}: nothing was upgraded`,
      `  transcript: ${transcriptPath}`,
    ];
  return [
    `Rancher is upgraded to ${now}: ${url}`,
    `  hops: ${[hops[0]!.from, ...hops.map((h) => h.to)].join(' → ')}, each verified (rollout, the version Rancher reports, /ping)`,
    `  transcript: ${transcriptPath}`,
  ];
}
