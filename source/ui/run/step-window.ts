import type { StepRow } from './run-state.js';

/** The steps that fit, and how many were left out on each side (one summary line each). */
export interface StepWindow {
  before: number;
  shown: StepRow[];
  after: number;
}

/** The step the user is waiting on: the running (or failed) one, else the next to run. */
function focusIndex(steps: StepRow[]): number {
  const active = steps.findIndex(
    (s) => s.status === 'running' || s.status === 'failed' || s.status === 'interrupted',
  );
  if (active >= 0) return active;
  const next = steps.findIndex((s) => s.status === 'pending');
  return next >= 0 ? next : steps.length - 1;
}

function windowFrom(start: number, steps: StepRow[], maxLines: number): StepWindow {
  let count = maxLines - (start > 0 ? 1 : 0);
  if (start + count < steps.length) count -= 1;
  return {
    before: start,
    shown: steps.slice(start, start + count),
    after: Math.max(0, steps.length - start - count),
  };
}

/**
 * At most `maxLines` lines of steps around the current one: the step before it for
 * context, the steps after as far as they fit, and "N more" lines for the rest.
 */
export function stepWindow(steps: StepRow[], maxLines: number): StepWindow {
  if (steps.length <= maxLines) return { before: 0, shown: steps, after: 0 };
  const focus = focusIndex(steps);
  // Too short for summary lines: just the current step(s).
  if (maxLines < 3) return { before: 0, shown: steps.slice(focus, focus + maxLines), after: 0 };
  const fromEnd = Math.max(0, steps.length - (maxLines - 1));
  for (const start of [Math.max(0, focus - 1), focus]) {
    const window = windowFrom(Math.min(start, fromEnd), steps, maxLines);
    const end = window.before + window.shown.length;
    if (focus >= window.before && focus < end) return window;
  }
  return windowFrom(focus, steps, maxLines);
}
