import { formatDuration } from '../engine/timing.js';
import type { RunEvent } from '../engine/contract.js';
import { givesUpAt } from '../shared/deadline.js';

/**
 * The non-TTY face of a run (CI, pipes, `--yes`): one line per step event, no
 * colours or cursor movement, so logs read top to bottom.
 */
export function lineReporter(
  write: (line: string) => void,
  now: () => number = Date.now,
): (event: RunEvent) => void {
  return (event) => {
    switch (event.type) {
      case 'run-started':
        return write(`${event.resumed ? 'resuming' : 'starting'} session ${event.sessionId}`);
      case 'stage-started':
        return write(`== ${event.title}`);
      case 'step-started':
        return write(`[${event.stage}] ${event.title} …`);
      case 'step-skipped':
        return write(`[${event.stage}] ${event.title}: ${event.reason}`);
      case 'step-progress':
        return write(`  ${event.step}: ${event.message}`);
      case 'wait-started':
        // Once per wait: when it gives up, so a log reader knows how long to leave it.
        return write(
          `  ${event.step}: waiting for ${event.what}; ${givesUpAt(event.deadline, now())}`,
        );
      case 'wait-checked':
        return;
      case 'step-retry':
        return write(
          `  ${event.step}: retry ${event.attempt} in ${formatDuration(event.delayMs)} after: ${event.error}`,
        );
      case 'step-done':
        return write(`[${event.stage}] ${event.title}: done (${formatDuration(event.durationMs)})`);
      case 'step-failed':
        write(`[${event.stage}] ${event.title}: FAILED: ${event.error}`);
        if (event.remedy) write(`  what to do: ${event.remedy}`);
        return;
      case 'manual-action':
        write(`  ACTION NEEDED: ${event.title}`);
        for (const line of event.copy ?? []) write(`    ${line}`);
        for (const line of event.lines) write(`    ${line}`);
        return;
      case 'panel':
        return;
      case 'stage-done':
        return write(`== ${event.title}: done (${formatDuration(event.durationMs)})`);
      case 'run-finished':
        return write(`run ${event.status} after ${formatDuration(event.durationMs)}`);
    }
  };
}
