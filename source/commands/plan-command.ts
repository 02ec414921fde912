import { Command, Option } from 'commander';
import { plan } from '../plan/plan.js';
import { renderRunbook } from '../plan/runbook.js';
import { loadConfigOrFail, withDemo } from './config-source.js';

export function planCommand(): Command {
  return new Command('plan')
    .description('print the runbook: the commands and manifests the install performs, in order')
    .option('--answers <file>', 'answers file (YAML or JSON)')
    .option('--demo', "the runbook for the built-in lab's demo answers")
    .addOption(new Option('--timescale <factor>').default('0').hideHelp())
    .action(async (options: { answers?: string; demo?: boolean; timescale: string }) => {
      const print = async (config: Parameters<typeof renderRunbook>[1]) => {
        process.stdout.write(renderRunbook(plan(), config));
        return 0;
      };
      process.exitCode = await withDemo(
        options,
        (config) => print(config),
        () => print(loadConfigOrFail(options.answers, process.env)),
      );
    });
}
