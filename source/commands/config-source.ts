import { ConfigError } from '../config/errors.js';
import type { Config } from '../config/config.js';
import {
  loadAnswers,
  loadAnswersForReview,
  type AnswersForReview,
} from '../config/load-answers.js';
import { UsageError } from '../exit-codes.js';
import { parseTimescale } from './timescale.js';
import type { Env } from '../shared/env.js';

function fileOrFail(file: string | undefined): string {
  if (!file)
    throw new UsageError(
      '--answers: no answers file given; pass --answers FILE (or --demo to try the built-in lab)',
    );
  return file;
}

/** A ConfigError as bad input: every problem on a line of its own, naming the field (exit 2). */
function asUsageError<T>(load: () => T): T {
  try {
    return load();
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.problems.join('\n') || e.message);
    throw e;
  }
}

/** Loads the answers file; every problem becomes one line naming the field (exit 2). */
export function loadConfigOrFail(file: string | undefined, env: Env): Config {
  const path = fileOrFail(file);
  return asUsageError(() => loadAnswers(path, env));
}

/** For the review in a terminal: the file's answers and problems; unreadable files fail (exit 2). */
export function loadAnswersForReviewOrFail(file: string | undefined, env: Env): AnswersForReview {
  const path = fileOrFail(file);
  return asUsageError(() => loadAnswersForReview(path, env));
}

/** Runs `action` against an embedded lab when --demo is given, else `otherwise`. */
export async function withDemo(
  options: { demo?: boolean; answers?: string; timescale: string },
  action: (config: Config, env: Env) => Promise<number>,
  otherwise: () => Promise<number>,
): Promise<number> {
  if (!options.demo) return otherwise();
  if (options.answers)
    throw new UsageError(
      '--demo: the demo brings its own answers; drop --answers (or drop --demo)',
    );
  const timescale = parseTimescale(options.timescale);
  const { startDemoLab } = await import('../demo/demo-lab.js');
  const demo = await startDemoLab({ timescale });
  process.stdout.write(
    `demo: a simulated Enterprise PKS lab is running in this process (${demo.dir}, addresses ${demo.addressRange})\n`,
  );
  try {
    return await action(demo.config, demo.env);
  } finally {
    await demo.stop();
  }
}
