import type { Config } from '../config/config.js';
import { UsageError } from '../exit-codes.js';
import { answersOf } from '../install/answers-of.js';
import { bootstrapPassword } from '../install/bootstrap-password.js';
import { SessionStore } from '../session/session-store.js';
import type { Env } from '../systems/systems.js';
import { pickAnswers } from '../ui/wizard/wizard-answers.js';
import { loadConfigOrFail, withDemo } from './config-source.js';
import { startInteractive } from './interactive-start.js';
import { interactive, runSessionWithLines } from './run-session.js';

export interface InstallOptions {
  answers?: string;
  yes?: boolean;
  demo?: boolean;
  timescale: string;
}

/** `--yes`: no prompts, one line per step event. */
async function installWithoutPrompts(config: Config, env: Env): Promise<number> {
  const password = bootstrapPassword(env);
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

export async function startInstall(
  config: Config,
  env: Env,
  options: { yes: boolean; demo?: boolean },
): Promise<number> {
  if (options.yes) return installWithoutPrompts(config, env);
  if (!interactive()) {
    throw new UsageError(
      '--yes: not in a terminal, so nothing can be confirmed; add --yes to install without prompts',
    );
  }
  // In a terminal: the wizard, filled in (the demo walks every prompt; a file opens on the review).
  return startInteractive({
    env,
    baseDir: process.cwd(),
    start: {
      initial: pickAnswers(config),
      startAt: options.demo ? undefined : 'review',
      offerResume: false,
    },
  });
}

export async function installAction(options: InstallOptions): Promise<void> {
  const yes = options.yes ?? false;
  process.exitCode = await withDemo(
    options,
    (config, env) => startInstall(config, env, { yes, demo: true }),
    () => startInstall(loadConfigOrFail(options.answers, process.env), process.env, { yes }),
  );
}
