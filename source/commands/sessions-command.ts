import { Command, Option } from 'commander';

const formats = ['table', 'json'] as const;

export interface SessionsCommandOptions {
  output: (typeof formats)[number];
}

export function sessionsCommand(): Command {
  return new Command('sessions')
    .description('list saved sessions, newest first')
    .addOption(
      new Option(
        '-o, --output <format>',
        'table, or json: [{id, plan, demo, cluster, hostname, state, stage, updatedAt, resume}]',
      )
        .choices(formats)
        .default('table'),
    )
    .action(async (options: SessionsCommandOptions) => {
      // Loaded on use: --help and the other commands stay fast.
      const { sessionsAction } = await import('./sessions-action.js');
      sessionsAction(options);
    });
}
