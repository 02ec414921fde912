import type { Config } from '../../config/config.js';
import { ConfigError } from '../../config/errors.js';
import { parseAnswers } from '../../config/load-answers.js';
import type { PartialAnswers } from '../../config/partial-answers.js';
import type { Env } from '../../shared/env.js';

export type AnswersCheck =
  { ok: true; config: Config } | { ok: false; problems: readonly string[] };

/** The final word on the answers: the same parse an answers file gets. */
export function checkAnswers(answers: PartialAnswers, baseDir: string, env: Env): AnswersCheck {
  try {
    return { ok: true, config: parseAnswers(answers, baseDir, env) };
  } catch (error) {
    if (error instanceof ConfigError) return { ok: false, problems: error.problems };
    throw error;
  }
}
