import { Command } from 'commander';
import type { UninstallOptions } from './uninstall-action.js';

export function uninstallCommand(): Command {
  return new Command('uninstall')
    .description(
      'remove Rancher and what the install made for it (resumable); --delete-cluster also deletes the PKS cluster',
    )
    .argument('[id]', 'the install session to reverse (default: the latest finished one)')
    .option('--answers <file>', 'answers file, when no session of the install is at hand')
    .option('--delete-cluster', 'also delete the PKS cluster, and its network profile when unused')
    .option('--all', 'also what existed before the install (a network profile, cattle-system)')
    .option('--force', 'go on while downstream clusters are still registered in this Rancher')
    .option('-y, --yes', 'no confirmation (needed without a terminal)')
    .action(async (id: string | undefined, options: UninstallOptions) => {
      // Loaded on use: --help and the other commands stay fast.
      const { uninstallAction } = await import('./uninstall-action.js');
      await uninstallAction(id, options);
    });
}
