import { createInterface } from 'node:readline/promises';
import { Command, Option } from 'commander';
import type { Config } from '../config/config.js';
import { ExitCode, UsageError } from '../exit-codes.js';
import { bootstrapPassword } from '../install/bootstrap-password.js';
import type { SessionAnswers } from '../session/session-record.js';
import { SessionStore } from '../session/session-store.js';
import type { Env } from '../systems/systems.js';
import { loadConfigOrFail, withDemo } from './config-source.js';
import { interactive, runSessionWithLines } from './run-session.js';

interface InstallOptions {
  answers?: string;
  yes?: boolean;
  demo?: boolean;
  timescale: string;
}

async function confirm(config: Config): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question(
    `Install Rancher ${config.rancher.hostname} on PKS cluster ${config.pks.cluster}? [y/N] `,
  );
  rl.close();
  return /^y(es)?$/i.test(answer.trim());
}

export function answersOf(config: Config): SessionAnswers {
  return JSON.parse(JSON.stringify(config)) as SessionAnswers;
}

export async function startInstall(
  config: Config,
  env: Env,
  options: { yes: boolean },
): Promise<number> {
  if (!options.yes && !interactive()) {
    throw new UsageError(
      '--yes: not in a terminal, so nothing can be confirmed; add --yes to install without prompts',
    );
  }
  if (!options.yes && !(await confirm(config))) return ExitCode.ok;
  const password = await bootstrapPassword(env, !options.yes && interactive());
  const store = new SessionStore({ env });
  const session = store.create(answersOf(config));
  return runSessionWithLines({
    config,
    session,
    store,
    env,
    bootstrapPassword: password,
    resumed: false,
  });
}

export function installCommand(): Command {
  return new Command('install')
    .description(
      'install Rancher HA: the six stages, resumable (without a terminal: one line per step)',
    )
    .option('--answers <file>', 'answers file (YAML or JSON)')
    .option('-y, --yes', 'no prompts (needed without a terminal)')
    .option('--demo', 'against the built-in lab, with demo answers and fresh certificates')
    .addOption(
      new Option(
        '--timescale <factor>',
        "demo only: the lab's speed (1 = watchable, 0 = fastest)",
      ).default('1'),
    )
    .action(async (options: InstallOptions) => {
      const code = await withDemo(
        options,
        (config, env) => startInstall(config, env, { yes: options.yes ?? false }),
        () => {
          const config = loadConfigOrFail(options.answers, process.env);
          return startInstall(config, process.env, { yes: options.yes ?? false });
        },
      );
      process.exitCode = code;
    });
}
