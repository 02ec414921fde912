import { statusMarks, type CheckResult, type CheckStatus } from '../checks/check.js';
import { summaryLine, type PreflightReport } from '../checks/preflight-report.js';

/** How a preflight (or status) report reads: a table in a terminal, plain lines in pipes, or JSON. */

const labels: Record<CheckStatus, string> = {
  pass: 'PASS',
  warn: 'WARN',
  fail: 'FAIL',
  skip: 'SKIP',
};
const colors: Record<CheckStatus, number> = { pass: 32, warn: 33, fail: 31, skip: 90 };

function paint(status: CheckStatus, text: string, color: boolean): string {
  return color ? `\u001b[${colors[status]}m${text}\u001b[0m` : text;
}

/** One line per check, its remedy on the next (`→ ...`) when there is one. Stable for scripts. */
export function plainLines(report: PreflightReport, name = 'preflight'): string[] {
  const lines = report.checks.flatMap((check) => [
    `${labels[check.status]} ${check.id}: ${check.message}`,
    ...(check.remedy && check.status !== 'pass' ? [`  → ${check.remedy}`] : []),
  ]);
  return [...lines, summaryLine(report, name)];
}

/** Words of `text` in lines of at most `width` (a longer word gets its own line). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line];
}

const statusHeader = 'STATUS';
/** `✓ pass`, `! warn`, `✗ fail`, `- skip`: a mark to scan, a word to read. */
const statusCell = (status: CheckStatus) => `${statusMarks[status]} ${status}`;
/** Headers are never cut: the column is as wide as its header or its widest cell. */
const statusWidth = Math.max(
  statusHeader.length,
  ...(Object.keys(statusMarks) as CheckStatus[]).map((s) => statusCell(s).length),
);

function rows(check: CheckResult, idWidth: number, textWidth: number, color: boolean): string[] {
  const status = paint(check.status, statusCell(check.status).padEnd(statusWidth), color);
  const text = wrap(check.message, textWidth);
  // The remedy's wrapped lines start under its words, not under the arrow.
  const remedy =
    check.remedy && check.status !== 'pass'
      ? wrap(check.remedy, textWidth - 2).map((l, i) => (i === 0 ? `→ ${l}` : `  ${l}`))
      : [];
  const pad = ' '.repeat(statusWidth + 2 + idWidth + 2);
  return [
    `${status}  ${check.id.padEnd(idWidth)}  ${text[0] ?? ''}`,
    ...text.slice(1).map((l) => pad + l),
    ...remedy.map((l) => pad + (color ? `\u001b[2m${l}\u001b[0m` : l)),
  ];
}

/** The terminal table: status, check id, message (wrapped to the width), remedy dimmed below. */
export function tableLines(
  report: PreflightReport,
  columns: number,
  color = true,
  name = 'preflight',
): string[] {
  const idWidth = Math.max('CHECK'.length, ...report.checks.map((c) => c.id.length));
  const textWidth = Math.max(30, columns - (statusWidth + 2 + idWidth + 2) - 1);
  const header = `${statusHeader.padEnd(statusWidth)}  ${'CHECK'.padEnd(idWidth)}  MESSAGE`;
  return [
    header,
    ...report.checks.flatMap((c) => rows(c, idWidth, textWidth, color)),
    '',
    summaryLine(report, name),
  ];
}

/** The `--json` document: `{...head, checks: [{id, status, message, remedy}], summary}`. */
export function jsonText(report: PreflightReport, head: Record<string, unknown> = {}): string {
  const checks = report.checks.map(({ id, status, message, remedy }) => ({
    id,
    status,
    message,
    remedy,
  }));
  return JSON.stringify({ ...head, checks, summary: report.summary }, null, 2) + '\n';
}
