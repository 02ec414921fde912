import { Command } from 'commander';
import type { StatusCommandOptions } from './status-action.js';

export function statusCommand(): Command {
  return new Command('status')
    .description(
      'check a running install end to end (PKS, Rancher, ingress, DNS, TLS from the wire, /ping, capacity, chart versions); changes nothing',
    )
    .argument('[id]', 'the install session to check (default: the latest finished one)')
    .option('--answers <file>', 'check the install an answers file describes instead of a session')
    .option('--json', 'print {target, checkedAt, checks: [{id, status, message, remedy}], summary}')
    .option('--watch', 'in a terminal: a live dashboard that checks again every --interval')
    .option('--interval <seconds>', 'with --watch: seconds between checks', '15')
    .option(
      '--pod-ip-block-prefix <n>',
      "the NSX-T pod IP block's prefix length (default: 16, assumed)",
    )
    .action(async (id: string | undefined, options: StatusCommandOptions) => {
      // Loaded on use: --help and the other commands stay fast.
      const { statusAction } = await import('./status-action.js');
      await statusAction(id, options);
    });
}
