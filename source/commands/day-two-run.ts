import type { RunRequest } from '../engine/run-request.js';
import { runSessionWithLines } from './run-session.js';
import { interactive } from './terminal.js';

/** Runs an uninstall or upgrade: the run screen in a terminal (Ink loaded only then), else lines. */
export async function runDayTwo(request: RunRequest): Promise<number> {
  if (!interactive()) return runSessionWithLines(request);
  const { runDayTwoInteractive } = await import('../ui/day-two-interactive.js');
  return runDayTwoInteractive(request);
}
