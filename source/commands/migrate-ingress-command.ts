import { Command, Option } from 'commander';
import { ingressControllers } from '../config/schema.js';
import type { MigrateIngressOptions } from './migrate-ingress-action.js';

export function migrateIngressCommand(): Command {
  return new Command('migrate-ingress')
    .description(
      'move Rancher to the other ingress controller: the new one beside the old, DNS changed and checked, then the old one removed (resumable)',
    )
    .argument('[id]', 'the install session whose Rancher moves (default: the latest finished one)')
    .addOption(
      new Option('--to <controller>', 'the controller to move to')
        .choices([...ingressControllers])
        .makeOptionMandatory(),
    )
    .option('-y, --yes', 'no confirmation (needed without a terminal)')
    .option(
      '--accept-warnings [ids]',
      'go on despite preflight warnings (all, or the comma-separated check ids)',
    )
    .action(async (id: string | undefined, options: MigrateIngressOptions) => {
      // Loaded on use: --help and the other commands stay fast.
      const { migrateIngressAction } = await import('./migrate-ingress-action.js');
      await migrateIngressAction(id, options);
    });
}
