import { UsageError } from '../exit-codes.js';
import { commandLine } from '../invocation.js';
import { pickAnswers } from '../config/partial-answers.js';
import { withDemo } from './config-source.js';
import { startInteractive } from './interactive-start.js';
import { interactive } from './terminal.js';

/** `rancher-pks-tui` alone: the guided install in a terminal (the resume offer first). */
export async function startGuided(options: { demo?: boolean; timescale: string }): Promise<number> {
  if (!interactive()) {
    throw new UsageError(
      `rancher-pks-tui: not a terminal, so the wizard cannot run; use \`${commandLine('install', '--answers', 'FILE', '--yes')}\` (see --help)`,
    );
  }
  return withDemo(
    options,
    // An unfinished demo is offered first (in this new lab: its own ended with it).
    (config, env) =>
      startInteractive({
        env,
        baseDir: process.cwd(),
        demoConfig: config,
        start: { initial: pickAnswers(config), offerResume: true },
      }),
    () =>
      startInteractive({ env: process.env, baseDir: process.cwd(), start: { offerResume: true } }),
  );
}
