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

/**
 * The report as lines of `width`, most urgent checks first, each check's message and remedy
 * wrapped (so a scrolled window over them is exact to the line). Passes show no remedy.
 */
export function reportLines(checks: readonly CheckResult[], width: number): ReportLine[] {
  const lines: ReportLine[] = [];
  for (const check of checksByUrgency(checks)) {
    const { status, id } = check;
    // Wrapped with one space after the id, drawn with two: one column spare for it.
    const head = wrapText(`${id} ${check.message}`, width - 3, Infinity);
    head.forEach((text, i) => {
      if (i > 0) return lines.push({ status, text: `  ${text}`, remedy: false });
      // The first line has the mark; the id, bold, when the line holds it whole.
      const whole = text === id || text.startsWith(`${id} `);
      lines.push(
        whole
          ? { status, id, text: text === id ? '' : ` ${text.slice(id.length)}`, remedy: false }
          : { status, id: '', text, remedy: false },
      );
    });
    if (check.remedy && status !== 'pass') {
      wrapText(check.remedy, width - 6, Infinity).forEach((text, i) =>
        lines.push({ status, text: `${i === 0 ? '    → ' : '      '}${text}`, remedy: true }),
      );
    }
  }
  return lines;
}
