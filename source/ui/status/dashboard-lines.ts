import type { CheckStatus } from '../../checks/check.js';
import { clockTime } from '../run/format-time.js';
import type { WatchChange, WatchRow, WatchState } from './watch-state.js';

/**
 * The `status --watch` dashboard as lines of coloured pieces, fitted to the terminal: what
 * fails or warns comes with its remedy, what passes shrinks to one line when room runs out,
 * and the changes since the first check stay in sight, newest first. Pure: Ink renders it.
 */

export interface Piece {
  text: string;
  color?: string;
  bold?: boolean;
  dim?: boolean;
}

export type Line = Piece[];

export interface LayoutOptions {
  title: string;
  intervalMs: number;
  columns: number;
  rows: number;
  now: Date;
  /** When the next check starts, if one is scheduled. */
  nextAt?: Date;
}

export const marks: Record<CheckStatus, { mark: string; color: string }> = {
  pass: { mark: '✓', color: 'green' },
  warn: { mark: '!', color: 'yellow' },
  fail: { mark: '✗', color: 'red' },
  skip: { mark: '-', color: 'gray' },
};

/** At most this many change lines; older ones scroll away (the report keeps 50). */
const shownChanges = 5;

const time = (date: Date) => clockTime(date.toISOString());

function cut(text: string, width: number): string {
  if (width <= 0) return '';
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

function headLines(state: WatchState, o: LayoutOptions): Line[] {
  const title: Line = [
    { text: 'status --watch  ', bold: true },
    { text: cut(o.title, o.columns - 16) },
  ];
  const when: Piece[] = [];
  if (state.checkedAt)
    when.push({
      text: `checked ${time(state.checkedAt)}${state.durationMs !== undefined ? ` in ${seconds(state.durationMs)}` : ''}`,
    });
  if (state.checking)
    when.push({ text: state.runs ? ' · checking again…' : 'checking…', color: 'cyan' });
  else if (o.nextAt)
    when.push({
      text: ` · every ${Math.round(o.intervalMs / 1000)} s, next in ${Math.max(0, Math.ceil((o.nextAt.getTime() - o.now.getTime()) / 1000))} s`,
      dim: true,
    });
  const counts: Piece[] = [];
  if (state.summary) {
    const parts = (['fail', 'warn', 'pass', 'skip'] as const)
      .filter((s) => state.summary![s] > 0)
      .map((s) => ({ text: `${state.summary![s]} ${s}`, color: marks[s].color }));
    parts.forEach((p, i) => counts.push(...(i ? [{ text: ' · ', dim: true }] : []), p));
  }
  const lines: Line[] = [title, [...when, ...(counts.length ? [{ text: '   ' }, ...counts] : [])]];
  if (state.error)
    lines.push([{ text: cut(`the last check failed: ${state.error}`, o.columns), color: 'red' }]);
  return lines;
}

interface Fit {
  idWidth: number;
  columns: number;
}

function rowLine(row: WatchRow, fit: Fit): Line {
  const { mark, color } = marks[row.check.status];
  const changed = row.was
    ? `changed ${time(row.since)}, was ${marks[row.was].mark} ${row.was}`
    : '';
  const messageWidth = fit.columns - 2 - fit.idWidth - 2 - (changed ? changed.length + 2 : 0);
  return [
    { text: `${mark} `, color },
    { text: row.check.id.padEnd(fit.idWidth), bold: row.check.status !== 'pass' },
    { text: '  ' },
    {
      text: cut(row.check.message, messageWidth).padEnd(changed ? Math.max(0, messageWidth) : 0),
      dim: row.check.status === 'skip',
    },
    ...(changed ? [{ text: '  ' }, { text: changed, color: 'cyan' }] : []),
  ];
}

function remedyLine(row: WatchRow, fit: Fit): Line {
  return [{ text: cut(`    → ${row.check.remedy}`, fit.columns), color: 'yellow' }];
}

const needsRemedy = (row: WatchRow) =>
  (row.check.status === 'fail' || row.check.status === 'warn') && row.check.remedy !== '';

/**
 * The checks in as many lines as there are: when they do not all fit, passing checks fold
 * into one line (as many as fit stay), then the warnings' remedies go, then the failures'.
 */
function checkLines(rows: readonly WatchRow[], room: number, fit: Fit): Line[] {
  const quiet = (r: WatchRow) => r.check.status === 'pass' && !r.was;
  const attempts: ((row: WatchRow) => boolean)[] = [
    needsRemedy,
    (r) => needsRemedy(r) && r.check.status === 'fail',
    () => false,
  ];
  for (const remedies of attempts) {
    const loud = rows.filter((r) => !quiet(r));
    const used = loud.length + loud.filter(remedies).length;
    const passing = rows.filter(quiet);
    const fitting = used + passing.length <= room ? passing.length : room - used - 1;
    if (fitting < 0) continue;
    const shown = new Set(passing.slice(0, fitting));
    const lines: Line[] = [];
    for (const row of rows) {
      if (quiet(row) && !shown.has(row)) continue;
      lines.push(rowLine(row, fit));
      if (remedies(row)) lines.push(remedyLine(row, fit));
    }
    const folded = passing.slice(fitting);
    if (folded.length)
      lines.push([
        { text: '✓ ', color: 'green' },
        {
          text: cut(
            `${folded.length} more pass: ${folded.map((r) => r.check.id).join(', ')}`,
            fit.columns - 2,
          ),
          dim: true,
        },
      ]);
    return lines;
  }
  const shown = rows.filter((r) => !quiet(r)).slice(0, Math.max(0, room - 1));
  const left = rows.length - shown.length;
  return [...shown.map((r) => rowLine(r, fit)), [{ text: `… and ${left} more`, dim: true }]];
}

function changeLine(change: WatchChange, fit: Fit): Line {
  const from = marks[change.from];
  const to = marks[change.to];
  const head = `${time(change.at)}  ${change.id.padEnd(fit.idWidth)}  `;
  const arrow = `${from.mark} ${change.from} → ${to.mark} ${change.to}  `;
  return [
    { text: head, dim: true },
    { text: `${from.mark} ${change.from}`, color: from.color },
    { text: ' → ' },
    { text: `${to.mark} ${change.to}`, color: to.color },
    { text: '  ' },
    { text: cut(change.message, fit.columns - head.length - arrow.length), dim: true },
  ];
}

function changeLines(state: WatchState, fit: Fit): Line[] {
  const first = state.firstCheckedAt;
  const title: Line = [{ text: 'Changes', bold: true }];
  if (state.changes.length === 0)
    return [
      title,
      [
        {
          text: first ? `none since the first check at ${time(first)}` : 'none yet',
          dim: true,
        },
      ],
    ];
  return [title, ...state.changes.slice(0, shownChanges).map((c) => changeLine(c, fit))];
}

/** Everything the dashboard shows, at most `rows - 1` lines (Ink redraws a frame shorter than the terminal). */
export function dashboardLines(state: WatchState, o: LayoutOptions): Line[] {
  const fit: Fit = {
    idWidth: Math.max(5, ...state.rows.map((r) => r.check.id.length)),
    columns: Math.max(40, o.columns),
  };
  const head = headLines(state, o);
  const changes = changeLines(state, fit);
  const footer: Line = [{ text: 'r check now · q quit', dim: true }];
  const room = o.rows - 1 - head.length - 1 - 1 - changes.length - 1;
  const checks = state.rows.length
    ? checkLines(state.rows, Math.max(1, room), fit)
    : [[{ text: 'checking PKS, the cluster, DNS and the load balancer…', dim: true }]];
  return [...head, [], ...checks, [], ...changes, footer];
}
