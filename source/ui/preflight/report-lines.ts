import type { CheckResult, CheckStatus } from '../../checks/check.js';
import { wrapText } from '../run/wrap-text.js';

/** What needs the user first: failures, then warnings, then checks that could not run, passes last. */
const rank: Record<CheckStatus, number> = { fail: 0, warn: 1, skip: 2, pass: 3 };

export function checksByUrgency(checks: readonly CheckResult[]): CheckResult[] {
  return [...checks].sort((a, b) => rank[a.status] - rank[b.status]);
}

/** One screen line of the report: a check's first line (mark, id, message) or what follows. */
export interface ReportLine {
  status: CheckStatus;
  /** Set on a check's first line (after the mark): the id, drawn bold ('' when cut). */
  id?: string;
  /** The text after the mark and id (the first line) or the whole line (the rest). */
  text: string;
  remedy: boolean;
}

/** Messages sit beside the ids while they keep this many columns; below, under them. */
const minMessageWidth = 40;

/**
 * The report as lines of `width`, most urgent checks first, each check's message and remedy
 * wrapped (so a scrolled window over them is exact to the line) in a column of their own, so
 * wrapped lines start under their text. Passes show no remedy.
 */
export function reportLines(checks: readonly CheckResult[], width: number): ReportLine[] {
  const idWidth = Math.max(0, ...checks.map((c) => c.id.length));
  // "✓ " before the id, two spaces after the widest.
  const beside = width - (2 + idWidth + 2) - 1 >= minMessageWidth;
  const column = beside ? 2 + idWidth + 2 : 4;
  const pad = ' '.repeat(column);
  const textWidth = Math.max(10, width - column - 1);
  const lines: ReportLine[] = [];
  for (const check of checksByUrgency(checks)) {
    const { status, id } = check;
    const message = wrapText(check.message, textWidth, Infinity);
    if (beside) {
      const gap = ' '.repeat(idWidth - id.length + 2);
      lines.push({ status, id, text: `${gap}${message[0] ?? ''}`, remedy: false });
      for (const text of message.slice(1)) lines.push({ status, text: pad + text, remedy: false });
    } else {
      // An id wider than the terminal keeps the mark on its line, cut (drawn plain).
      const fits = 2 + id.length <= width - 1;
      lines.push(
        fits
          ? { status, id, text: '', remedy: false }
          : { status, id: '', text: id.slice(0, width - 3), remedy: false },
      );
      for (const text of message) lines.push({ status, text: pad + text, remedy: false });
    }
    if (check.remedy && status !== 'pass') {
      wrapText(check.remedy, textWidth - 2, Infinity).forEach((text, i) =>
        lines.push({ status, text: `${pad}${i === 0 ? '→ ' : '  '}${text}`, remedy: true }),
      );
    }
  }
  return lines;
}
