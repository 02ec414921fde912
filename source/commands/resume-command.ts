import { Command, Option } from 'commander';
import type { ResumeOptions } from './resume-action.js';

export function resumeCommand(): Command {
  return new Command('resume')
    .description('continue a saved session (default: the latest unfinished one)')
    .argument('[id]', 'session id, from `rancher-pks-tui sessions`')
    .option(
      '--demo',
      'a demo session, in a new built-in lab (every step runs again: a demo lab ends with its process)',
    )
    .addOption(new Option('--timescale <factor>', "demo only: the lab's speed").default('1'))
    .option(
      '--accept-warnings [ids]',
      'without a terminal: go on despite preflight warnings (all, or the comma-separated check ids)',
    )
    .action(async (id: string | undefined, options: ResumeOptions) => {
      // Loaded on use: --help and the other commands stay fast.
      const { resumeAction } = await import('./resume-action.js');
      await resumeAction(id, options);
    });
}
