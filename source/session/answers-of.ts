import type { Config } from '../config/config.js';
import type { SessionAnswers } from './session-record.js';

/** What a session keeps of the config: paths and settings, as JSON (no secrets live in Config). */
export function answersOf(config: Config): SessionAnswers {
  return JSON.parse(JSON.stringify(config)) as SessionAnswers;
}
