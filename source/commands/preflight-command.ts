import { Command, Option } from 'commander';
import type { PreflightCommandOptions } from './preflight-action.js';

export function preflightCommand(): Command {
  return new Command('preflight')
    .description(
      'check everything knowable up front (tools, PKS, hostnames, certificates, DNS, the cluster); changes nothing',
    )
    .option('--answers <file>', 'answers file (YAML or JSON)')
    .option('--json', 'print {checks: [{id, status, message, remedy}], summary} as JSON')
    .option('--demo', 'against the built-in lab, with its demo answers')
    .option(
      '--pod-ip-block-prefix <n>',
      "the NSX-T pod IP block's prefix length (default: 16, assumed)",
    )
    .addOption(new Option('--timescale <factor>').default('0').hideHelp())
    .action(async (options: PreflightCommandOptions) => {
      // Loaded on use: --help and the other commands stay fast.
      const { preflightAction } = await import('./preflight-action.js');
      await preflightAction(options);
    });
}
