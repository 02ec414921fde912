import { Command } from 'commander';
import type { UpgradeOptions } from './upgrade-action.js';

export function upgradeCommand(): Command {
  return new Command('upgrade')
    .description(
      'upgrade Rancher one minor line at a time, and its ingress controller one chart major at a time, to the newest that fits the cluster: status first, the hops and values diff before the question, a backup reminder, then each hop verified (resumable)',
    )
    .argument(
      '[id]',
      'the install session whose Rancher is upgraded (default: the latest finished one)',
    )
    .option(
      '--rancher-version <version>',
      'the Rancher chart version to end on (default: the newest that fits)',
    )
    .option(
      '--ingress-version <version>',
      'the ingress controller chart version to end on (default: the newest that fits)',
    )
    .option('-y, --yes', 'no confirmation (needed without a terminal)')
    .action(async (id: string | undefined, options: UpgradeOptions) => {
      // Loaded on use: --help and the other commands stay fast.
      const { upgradeAction } = await import('./upgrade-action.js');
      await upgradeAction(id, options);
    });
}
