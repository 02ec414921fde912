import { Command, Option } from 'commander';

export function planCommand(): Command {
  return new Command('plan')
    .description('print the runbook: the commands and manifests the install performs, in order')
    .option('--answers <file>', 'answers file (YAML or JSON)')
    .option('--demo', "the runbook for the built-in lab's demo answers")
    .addOption(new Option('--timescale <factor>').default('0').hideHelp())
    .action(async (options: { answers?: string; demo?: boolean; timescale: string }) => {
      // Loaded on use: --help and the other commands stay fast.
      const { planAction } = await import('./plan-action.js');
      await planAction(options);
    });
}
