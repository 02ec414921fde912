import { formatDuration } from '../engine/timing.js';
import type { RunEvent } from '../engine/contract.js';
import { fleetCounts, FLEET_STATES } from '../engine/fleet/fleet-row.js';
import { givesUpAt } from '../shared/deadline.js';

/**
 * The non-TTY face of a run (CI, pipes, `--yes`): one line per step event, no
 * colours or cursor movement, so logs read top to bottom.
 */
export function lineReporter(
  write: (line: string) => void,
  now: () => number = Date.now,
): (event: RunEvent) => void {
  // A fleet's rows: one line when a row's state changes, not on every step it reports.
  const states = new Map<string, string>();
  return (event) => {
    switch (event.type) {
      case 'fleet-rows': {
        for (const row of event.rows) states.set(row.name, row.state);
        const counts = fleetCounts(event.rows);
        const parts = FLEET_STATES.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`);
        return write(`  fleet: ${counts.total} clusters (${parts.join(', ')})`);
      }
      case 'fleet-row': {
        const { row } = event;
        if (states.get(row.name) === row.state) return;
        states.set(row.name, row.state);
        if (row.state === 'failed') {
          write(`  ${row.name}: FAILED: ${row.lastError ?? row.step}`);
          if (row.fix) write(`    what to do: ${row.fix}`);
          return;
        }
        return write(
          `  ${row.name}: ${row.state}${row.state === 'active' ? '' : ` (${row.step})`}`,
        );
      }
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
