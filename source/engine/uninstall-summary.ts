import type { Config } from '../config/config.js';
import type { Facts } from './facts.js';

/** What a finished uninstall says: what is gone, what stays, where the transcript is. */
export function uninstallSummaryLines(
  config: Config,
  facts: Facts,
  transcriptPath: string,
): string[] {
  const options = facts.uninstall;
  const clusterGone = options?.deleteCluster && (options.all || facts.createdCluster);
  return [
    `Rancher is uninstalled from ${config.pks.cluster} (https://${config.rancher.hostname} is gone)`,
    clusterGone
      ? `  the PKS cluster ${config.pks.cluster} is deleted`
      : `  the PKS cluster ${config.pks.cluster} stays${options?.deleteCluster ? ' (the install did not create it; --all deletes it)' : ''}`,
    `  transcript: ${transcriptPath}`,
  ];
}
