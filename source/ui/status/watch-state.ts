import type { CheckResult, CheckStatus } from '../../checks/check.js';
import type { PreflightReport } from '../../checks/preflight-report.js';

/**
 * `status --watch` as data: the checks as last seen, when each last changed, and the changes
 * themselves, newest first. A pure reducer over the runs' events, so what the dashboard shows
 * is tested without a terminal.
 */

export interface WatchRow {
  check: CheckResult;
  /** When the check took its current status (its first run counts). */
  since: Date;
  /** The status before, when the last run changed it. */
  was?: CheckStatus;
}

export interface WatchChange {
  at: Date;
  id: string;
  from: CheckStatus;
  to: CheckStatus;
  message: string;
}

export interface WatchState {
  rows: WatchRow[];
  /** Newest first, at most `keptChanges`. */
  changes: WatchChange[];
  runs: number;
  checking: boolean;
  startedAt?: Date;
  /** The first run's end: what every "since" is counted from. */
  firstCheckedAt?: Date;
  checkedAt?: Date;
  durationMs?: number;
  summary?: PreflightReport['summary'];
  /** A run that failed as a whole (not one check: those are rows). */
  error?: string;
}

export type WatchEvent =
  | { type: 'started'; at: Date }
  | { type: 'finished'; at: Date; report: PreflightReport }
  | { type: 'failed'; at: Date; error: string };

export const keptChanges = 50;

export const initialWatchState: WatchState = { rows: [], changes: [], runs: 0, checking: false };

function finished(state: WatchState, at: Date, report: PreflightReport): WatchState {
  const before = new Map(state.rows.map((row) => [row.check.id, row]));
  const changes: WatchChange[] = [];
  const rows = report.checks.map((check): WatchRow => {
    const old = before.get(check.id);
    if (!old) return { check, since: at };
    // A changed check keeps saying what it was until it changes again.
    if (old.check.status === check.status) return { ...old, check };
    changes.push({
      at,
      id: check.id,
      from: old.check.status,
      to: check.status,
      message: check.message,
    });
    return { check, since: at, was: old.check.status };
  });
  const { error: _error, ...rest } = state;
  return {
    ...rest,
    rows,
    changes: [...changes.reverse(), ...state.changes].slice(0, keptChanges),
    runs: state.runs + 1,
    checking: false,
    firstCheckedAt: state.firstCheckedAt ?? at,
    checkedAt: at,
    ...(state.startedAt ? { durationMs: at.getTime() - state.startedAt.getTime() } : {}),
    summary: report.summary,
  };
}

export function watchReducer(state: WatchState, event: WatchEvent): WatchState {
  switch (event.type) {
    case 'started':
      return { ...state, checking: true, startedAt: event.at };
    case 'finished':
      return finished(state, event.at, event.report);
    case 'failed':
      return { ...state, checking: false, error: event.error };
  }
}
