import { Command, Option } from 'commander';
import type { InstallOptions } from './install-action.js';

export function installCommand(): Command {
  return new Command('install')
    .description(
      'install Rancher HA: the six stages, resumable (without a terminal: one line per step)',
    )
    .option('--answers <file>', 'answers file (YAML or JSON)')
    .option('-y, --yes', 'no prompts (needed without a terminal)')
    .option(
      '--accept-warnings [ids]',
      'with --yes: go on despite preflight warnings (all, or the comma-separated check ids)',
    )
    .option('--demo', 'against the built-in lab, with demo answers and fresh certificates')
    .addOption(
      new Option(
        '--timescale <factor>',
        "demo only: the lab's speed (1 = watchable, 0 = fastest)",
      ).default('1'),
    )
    .action(async (options: InstallOptions) => {
      // Loaded on use: --help and the other commands stay fast.
      const { installAction } = await import('./install-action.js');
      await installAction(options);
    });
}
