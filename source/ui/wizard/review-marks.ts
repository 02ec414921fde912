import type { CheckResult } from '../../checks/check.js';
import type { AnswerField } from '../../config/field-rules.js';
import { fieldOfCheck } from './tls-findings.js';
import type { ReviewLine } from './review-lines.js';

/**
 * A problem shown on the review, next to the line it concerns: ✗ (fail: Start is refused)
 * or ! (warn: Start asks for an explicit accept).
 */
export interface ReviewMark {
  status: 'fail' | 'warn';
  /** The answers field it concerns (`rancher.hostname`); a line shows the marks of its fields. */
  field: string;
  text: string;
  remedy: string;
  /** The preflight check it came from, for the accepted-warnings list. */
  checkId?: string;
}

/** `field: what is wrong; how to fix` (an answers problem) → a failing mark on that field. */
export function problemMarks(problems: readonly string[]): ReviewMark[] {
  return problems.map((text) => ({ status: 'fail', field: fieldOf(text), text, remedy: '' }));
}

function fieldOf(problem: string): string {
  const colon = problem.indexOf(': ');
  return colon < 0 ? '' : problem.slice(0, colon);
}

/**
 * An answers file's problems: on a line, failures until that line is edited; on none (an
 * unknown key, a password in the file), warnings to accept: the wizard's answers leave them out.
 */
export function fileMarks(lines: readonly ReviewLine[], problems: readonly string[]): ReviewMark[] {
  return problemMarks(problems).map((mark) =>
    isPlaced(lines, mark)
      ? mark
      : {
          ...mark,
          status: 'warn',
          remedy: 'left out here: fix it in the answers file, or accept and go on without it',
        },
  );
}

/** Where a check's problem is shown: the answer an edit would fix. */
const fieldOfCheckId: Readonly<Record<string, AnswerField>> = {
  ...fieldOfCheck,
  // The certificate must cover the Rancher hostname: a new hostname is what breaks it.
  'tls.hostname': 'rancher.hostname',
  'pks.plan-exists': 'pks.plan',
  'rancher.replicas': 'rancher.replicas',
  'rancher.chart-version': 'rancher.chartVersion',
  'ingress.chart-version': 'ingress.chartVersion',
};

/** The failing and warning checks as marks (passes and skips say nothing here). */
export function checkMarks(results: readonly CheckResult[]): ReviewMark[] {
  return results.flatMap((result) =>
    result.status === 'fail' || result.status === 'warn'
      ? [
          {
            status: result.status,
            field: fieldOfCheckId[result.id] ?? '',
            text: result.message,
            remedy: result.remedy,
            checkId: result.id,
          },
        ]
      : [],
  );
}

/** Each mark once (a file's problem and the same answers' parse say the same words). */
export function uniqueMarks(marks: readonly ReviewMark[]): ReviewMark[] {
  const seen = new Set<string>();
  return marks.filter((mark) => {
    if (seen.has(mark.text)) return false;
    seen.add(mark.text);
    return true;
  });
}

function isPlaced(lines: readonly ReviewLine[], mark: ReviewMark): boolean {
  return lines.some((line) => (line.fields as readonly string[]).includes(mark.field));
}

export function marksOf(line: ReviewLine, marks: readonly ReviewMark[]): ReviewMark[] {
  return marks.filter((mark) => (line.fields as readonly string[]).includes(mark.field));
}

/** Marks no line owns (a missing section, the environment's DNS servers, …). */
export function unplacedMarks(
  lines: readonly ReviewLine[],
  marks: readonly ReviewMark[],
): ReviewMark[] {
  return marks.filter((mark) => !isPlaced(lines, mark));
}

export type StartDecision =
  | { kind: 'go'; acceptedWarnings: string[] }
  /** One line saying which answers stop it. */
  | { kind: 'refused'; reason: string }
  | { kind: 'confirm'; warnings: ReviewMark[] };

/** What Start does: refused while a failure stands; warnings need an explicit accept. */
export function startDecision(
  lines: readonly ReviewLine[],
  marks: readonly ReviewMark[],
  warningsAccepted: boolean,
): StartDecision {
  const failures = marks.filter((mark) => mark.status === 'fail');
  if (failures.length > 0) {
    const labels = new Set(
      failures.map(
        (mark) =>
          lines.find((line) => marksOf(line, [mark]).length > 0)?.label ??
          (mark.field || 'answers'),
      ),
    );
    const count = `${failures.length} problem${failures.length === 1 ? '' : 's'}`;
    return {
      kind: 'refused',
      reason: `Start refused: ${count} to fix first (marked ✗): ${[...labels].join(', ')}`,
    };
  }
  const warnings = marks.filter((mark) => mark.status === 'warn');
  if (warnings.length > 0 && !warningsAccepted) return { kind: 'confirm', warnings };
  return {
    kind: 'go',
    acceptedWarnings: warnings.flatMap((mark) => (mark.checkId ? [mark.checkId] : [])),
  };
}
