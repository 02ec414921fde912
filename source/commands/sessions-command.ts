import { Command } from 'commander';

export function sessionsCommand(): Command {
  return new Command('sessions')
    .description('list saved sessions, newest first')
    .action(async () => {
      // Loaded on use: --help and the other commands stay fast.
      const { sessionsAction } = await import('./sessions-action.js');
      await sessionsAction();
    });
}
