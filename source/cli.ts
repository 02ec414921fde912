#!/usr/bin/env node
import { Command, CommanderError, Option } from 'commander';
import { installCommand } from './commands/install-command.js';
import { addHelpTexts } from './commands/help-text.js';
import { labCommand } from './commands/lab-command.js';
import { migrateIngressCommand } from './commands/migrate-ingress-command.js';
import { planCommand } from './commands/plan-command.js';
import { preflightCommand } from './commands/preflight-command.js';
import { resumeCommand } from './commands/resume-command.js';
import { sessionsCommand } from './commands/sessions-command.js';
import { uninstallCommand } from './commands/uninstall-command.js';
import { upgradeCommand } from './commands/upgrade-command.js';
import { rotateCertsCommand } from './commands/rotate-certs-command.js';
import { importCommand } from './commands/import-command.js';
import { statusCommand } from './commands/status-command.js';
import { closestName } from './config/did-you-mean.js';
import { environmentProblems } from './config/environment.js';
import { ExitCode, UsageError } from './exit-codes.js';
import { settleColor, takeNoColorFlag } from './shared/color.js';
import { SessionError } from './session/session-error.js';
import { packageVersion } from './version.js';

/** Commander settings do not reach commands added with addCommand: apply them to the whole tree. */
function quietErrors(command: Command): Command {
  command.exitOverride().configureOutput({ outputError: () => {} });
  for (const sub of command.commands) quietErrors(sub);
  return command;
}

function program(): Command {
  const root = new Command('rancher-pks-tui')
    // The root's own --demo must not swallow `install --demo`, `plan --demo`, `preflight --demo`.
    .enablePositionalOptions()
    .description(
      'Install Rancher Server in HA mode on VMware Enterprise PKS / TKGI: guided, resumable, verifiable.',
    )
    .version(packageVersion(), '-v, --version')
    .addCommand(installCommand())
    .addCommand(resumeCommand())
    .addCommand(sessionsCommand())
    .addCommand(planCommand())
    .addCommand(preflightCommand())
    .addCommand(migrateIngressCommand())
    .addCommand(uninstallCommand())
    .addCommand(upgradeCommand())
    .addCommand(rotateCertsCommand())
    .addCommand(importCommand())
    .addCommand(statusCommand())
    .addCommand(labCommand())
    .option('--demo', 'the guided install against the built-in lab (needs a terminal)')
    // Taken out of argv before parsing (any command accepts it); declared here for --help.
    .option('--no-color', 'no colours, with any command (as NO_COLOR=1; FORCE_COLOR=1 forces them)')
    .addOption(
      new Option(
        '--timescale <factor>',
        "with --demo: the lab's speed (1 = watchable, 0 = fastest)",
      ).default('1'),
    )
    .action(async (options: { demo?: boolean; timescale: string }) => {
      const { startGuided } = await import('./commands/guided-command.js');
      process.exitCode = await startGuided(options);
    })
    .hook('preAction', (_root, action) => {
      // The lab sets these for the installer; it does not read them itself.
      if (action.name() === 'lab' || action.parent?.name() === 'lab') return;
      const [problem] = environmentProblems(process.env);
      if (problem) throw new UsageError(problem);
    });
  return quietErrors(addHelpTexts(root));
}

/** `rancher-pks-tui frobnicate`: the root takes no arguments, so the word is a mistyped command. */
function unknownCommand(root: Command, argv: string[]): string | undefined {
  const word = argv.find((a) => !a.startsWith('-'));
  if (!word) return undefined;
  const known = root.commands.map((c) => c.name());
  if (known.includes(word)) return undefined;
  const guess = closestName(word, known);
  return `unknown command '${word}'${guess ? `; did you mean '${guess}'?` : ''}`;
}

/** The one place that turns failures into exit codes. */
async function main(given: string[]): Promise<number> {
  const { argv, noColor } = takeNoColorFlag(given);
  // Before anything loads Ink (and chalk, which decides once as it loads).
  settleColor(process.env, noColor);
  const root = program();
  try {
    await root.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : ExitCode.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.exitCode === 0) return ExitCode.ok;
      const unknown =
        e.code === 'commander.excessArguments' ? unknownCommand(root, argv) : undefined;
      process.stderr.write(`${unknown ?? e.message.replace(/^error: /, '')} (see --help)\n`);
      return ExitCode.badInput;
    }
    if (e instanceof UsageError || e instanceof SessionError) {
      process.stderr.write(`${e.message}\n`);
      return ExitCode.badInput;
    }
    process.stderr.write(`rancher-pks-tui: ${(e as Error).message}\n`);
    return ExitCode.failed;
  }
}

const code = await main(process.argv.slice(2));
// Long-running commands (lab up) keep the process alive; others end here.
if (code !== ExitCode.ok) process.exit(code);
