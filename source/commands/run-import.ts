import { executeRun } from '../engine/execute.js';
import { fleetLines, fleetRowsOf } from '../engine/import-summary.js';
import type { RunRequest } from '../engine/run-request.js';
import { ExitCode } from '../exit-codes.js';
import { resumeCommandLine } from '../invocation.js';
import { lineReporter } from './line-reporter.js';
import { ownSignals } from './own-signals.js';
import type { Stage } from '../engine/contract.js';

export interface ImportRunOptions {
  /** The final per-cluster result as JSON on stdout, and nothing else there (lines to stderr). */
  json?: boolean;
  /** Only these stages (`import --check`: the checks). */
  stages?: Stage[];
}

/**
 * A fleet import without a terminal: one line per row's state change, the summary (every
 * cluster that is not Active, with its reason and fix), the exit code: 0 all Active; 1 any
 * failed or an offline bundle not applied yet; 130 stopped. Ctrl-C stops as the install's does.
 */
export async function runImportWithLines(
  request: RunRequest,
  options: ImportRunOptions = {},
): Promise<number> {
  const out = (line: string) => process.stdout.write(line + '\n');
  const err = (line: string) => process.stderr.write(line + '\n');
  const write = options.json ? err : out;
  const stop = new AbortController();
  const stopNow = new AbortController();
  const release = ownSignals(['SIGINT', 'SIGTERM'], () => {
    if (!stop.signal.aborted) {
      write('stopping (each cluster stays where it is; Ctrl-C again to stop at once)…');
      stop.abort(new Error('interrupted'));
    } else if (!stopNow.signal.aborted) stopNow.abort(new Error('interrupted'));
  });
  try {
    const { status, session, transcriptPath } = await executeRun(request, {
      onEvent: lineReporter(write),
      signal: stop.signal,
      stopNow: stopNow.signal,
      ...(options.stages ? { stages: options.stages } : {}),
    });
    const rows = fleetRowsOf(session.facts);
    for (const line of fleetLines(rows, request.fleet?.bundleDir)) write(line);
    if (options.json) out(JSON.stringify(rows.map(jsonRow), null, 2));
    // The checks alone end `done` with failed rows in them: that is a failed check.
    if (status === 'done' && rows.some((r) => r.state === 'failed')) {
      write(`transcript: ${transcriptPath}`);
      return ExitCode.failed;
    }
    if (status === 'done') {
      write(`transcript: ${transcriptPath}`);
      return ExitCode.ok;
    }
    write(`session ${session.id} ${status}; transcript: ${transcriptPath}`);
    write(`resume with: ${resumeCommandLine(session)}`);
    return status === 'interrupted' ? ExitCode.interrupted : ExitCode.failed;
  } finally {
    release();
  }
}

/** A row for scripts: stable keys, ISO times. */
function jsonRow(row: ReturnType<typeof fleetRowsOf>[number]) {
  return {
    name: row.name,
    mode: row.mode,
    site: row.site ?? null,
    state: row.state,
    clusterId: row.clusterId ?? null,
    attempts: row.attempts,
    error: row.lastError ?? null,
    fix: row.fix ?? null,
    startedAt: row.startedAt ? new Date(row.startedAt).toISOString() : null,
    finishedAt: row.finishedAt ? new Date(row.finishedAt).toISOString() : null,
  };
}
