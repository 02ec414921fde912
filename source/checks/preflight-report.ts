import type { CheckResult, CheckStatus } from './check.js';

/**
 * What preflight (or `status`) found, free of any UI: the line reporter, `--json` and the
 * Ink screens all render this. Failures block an install; warnings ask for confirmation.
 */
export interface PreflightReport {
  checks: CheckResult[];
  summary: Record<CheckStatus, number>;
}

export type PreflightVerdict = 'blocked' | 'confirm' | 'clear';

export function preflightReport(checks: readonly CheckResult[]): PreflightReport {
  const summary: Record<CheckStatus, number> = { pass: 0, warn: 0, fail: 0, skip: 0 };
  for (const check of checks) summary[check.status] += 1;
  return { checks: [...checks], summary };
}

/** `blocked`: something fails; `confirm`: warnings the user should accept first; else `clear`. */
export function verdict(report: PreflightReport): PreflightVerdict {
  if (report.summary.fail > 0) return 'blocked';
  return report.summary.warn > 0 ? 'confirm' : 'clear';
}

/** `preflight: 20 pass, 1 warn, 0 fail, 2 skip` (or `status: …`). */
export function summaryLine(report: PreflightReport, name = 'preflight'): string {
  const { pass, warn, fail, skip } = report.summary;
  return `${name}: ${pass} pass, ${warn} warn, ${fail} fail, ${skip} skip`;
}
