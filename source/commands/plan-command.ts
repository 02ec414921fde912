import { Command, Option } from 'commander';
import type { PlanOptions } from './plan-action.js';

export function planCommand(): Command {
  return new Command('plan')
    .description('print the runbook: the commands and manifests the install performs, in order')
    .option('--answers <file>', 'answers file (YAML or JSON)')
    .option('--demo', "the runbook for the built-in lab's demo answers")
    .option(
      '--session <id>',
      "a saved session's runbook, with the chart versions its run chose (see `sessions`)",
    )
    .option('--uninstall', "the uninstall's runbook (see `uninstall`) instead of the install's")
    .option('--upgrade', "the upgrade's runbook (see `upgrade`) instead of the install's")
    .option(
      '--rotate-certs',
      "the certificate rotation's runbook (see `rotate-certs`), with --cert/--key/--ca-certs when given",
    )
    .option('--cert <file>', 'with --rotate-certs: the new server certificate')
    .option('--key <file>', 'with --rotate-certs: its private key')
    .option('--ca-certs <file>', 'with --rotate-certs: the CA bundle (cacerts.pem)')
    .option('--import', "the fleet import's runbook (see `import`) instead of the install's")
    .addOption(new Option('--timescale <factor>').default('0').hideHelp())
    .action(async (options: PlanOptions) => {
      // Loaded on use: --help and the other commands stay fast.
      const { planAction } = await import('./plan-action.js');
      await planAction(options);
    });
}
