import { ConfigError } from '../config/errors.js';
import type { Config } from '../config/config.js';
import { loadAnswers } from '../config/load-answers.js';
import { UsageError } from '../exit-codes.js';
import { parseTimescale } from './timescale.js';
import type { Env } from '../shared/env.js';

/** Loads the answers file; every problem becomes one line naming the field (exit 2). */
export function loadConfigOrFail(file: string | undefined, env: Env): Config {
  if (!file)
    throw new UsageError(
      '--answers: no answers file given; pass --answers FILE (or --demo to try the built-in lab)',
    );
  try {
    return loadAnswers(file, env);
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.message);
    throw e;
  }
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
