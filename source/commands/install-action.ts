import type { Config } from '../config/config.js';
import { acceptanceOf, type WarningAcceptance } from '../checks/preflight-gate.js';
import { ExitCode, UsageError } from '../exit-codes.js';
import { bootstrapPassword } from '../config/bootstrap-password.js';
import { SessionStore } from '../session/session-store.js';
import { pickAnswers } from '../config/partial-answers.js';
import { loadAnswersForReviewOrFail, loadConfigOrFail, withDemo } from './config-source.js';
import { startInteractive } from './interactive-start.js';
import { passGateWithLines } from './preflight-gate-lines.js';
import { runSessionWithLines } from './run-session.js';
import { interactive } from './terminal.js';
import type { Env } from '../shared/env.js';

export interface InstallOptions {
  answers?: string;
  yes?: boolean;
  demo?: boolean;
  timescale: string;
  acceptWarnings?: boolean | string;
}

const write = (line: string) => process.stdout.write(line + '\n');

/** `--yes`: no prompts, one line per step event; the preflight gate before anything changes. */
async function installWithoutPrompts(
  config: Config,
  env: Env,
  acceptance: WarningAcceptance,
  demo: boolean,
): Promise<number> {
  const store = new SessionStore({ env, demo });
  const accepted = await passGateWithLines(config, env, acceptance, write);
  if (!accepted) return ExitCode.failed;
  return runSessionWithLines({
    config,
    plan: 'install',
    store,
    env,
    bootstrapPassword: bootstrapPassword(env),
    acceptedWarnings: accepted,
  });
}

export async function startInstall(
  config: Config,
  env: Env,
  options: { yes: boolean; demo?: boolean; acceptance?: WarningAcceptance },
): Promise<number> {
  const demo = options.demo ?? false;
  if (options.yes) return installWithoutPrompts(config, env, options.acceptance ?? 'none', demo);
  if (!interactive()) {
    throw new UsageError(
      '--yes: not in a terminal, so nothing can be confirmed; add --yes to install without prompts',
    );
  }
  // In a terminal: the wizard, filled in (the demo walks every prompt; a file opens on the review).
  return startInteractive({
    env,
    baseDir: process.cwd(),
    ...(demo ? { demoConfig: config } : {}),
    start: {
      initial: pickAnswers(config),
      startAt: demo ? undefined : 'review',
      offerResume: false,
    },
  });
}

/**
 * `install --answers F`. Without prompts (--yes, or no terminal) a file with errors is bad
 * input: every problem on its line, exit 2. In a terminal it opens on the review with every
 * problem marked, the answers that read well kept, to be fixed there.
 */
async function installFromFile(
  file: string | undefined,
  yes: boolean,
  acceptance: WarningAcceptance,
): Promise<number> {
  const env = process.env;
  if (yes || !interactive())
    return startInstall(loadConfigOrFail(file, env), env, { yes, acceptance });
  const loaded = loadAnswersForReviewOrFail(file, env);
  if (loaded.ok) return startInstall(loaded.config, env, { yes, acceptance });
  return startInteractive({
    env,
    baseDir: process.cwd(),
    start: {
      initial: loaded.answers,
      startAt: 'review',
      fileProblems: loaded.problems,
      offerResume: false,
    },
  });
}

export async function installAction(options: InstallOptions): Promise<void> {
  const yes = options.yes ?? false;
  const acceptance = acceptanceOf(options.acceptWarnings);
  process.exitCode = await withDemo(
    options,
    (config, env) => startInstall(config, env, { yes, demo: true, acceptance }),
    () => installFromFile(options.answers, yes, acceptance),
  );
}
