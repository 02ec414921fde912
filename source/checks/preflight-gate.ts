import type { CheckResult } from './check.js';
import type { PreflightReport } from './preflight-report.js';

/**
 * Nothing changes until everything knowable is checked: every mode that installs passes
 * this gate first. Failures always stop; warnings stop unless accepted — all of them
 * (`--accept-warnings`) or the ones named (`--accept-warnings=pks.plan-ha,dns.rancher`).
 */
export type WarningAcceptance = 'none' | 'all' | readonly string[];

export interface GateVerdict {
  /** True when the install may go on. */
  open: boolean;
  failures: CheckResult[];
  /** Warnings nobody accepted: they hold the gate shut. */
  unaccepted: CheckResult[];
  /** Warnings accepted: the transcript names them. */
  accepted: CheckResult[];
}

export function gateVerdict(report: PreflightReport, acceptance: WarningAcceptance): GateVerdict {
  const failures = report.checks.filter((c) => c.status === 'fail');
  const warnings = report.checks.filter((c) => c.status === 'warn');
  const isAccepted = (c: CheckResult) =>
    acceptance === 'all' || (Array.isArray(acceptance) && acceptance.includes(c.id));
  const accepted = warnings.filter(isAccepted);
  const unaccepted = warnings.filter((c) => !isAccepted(c));
  return { open: failures.length === 0 && unaccepted.length === 0, failures, unaccepted, accepted };
}

/** The line that says why nothing was changed, and what to do. */
export function closedGateLine(verdict: GateVerdict): string {
  if (verdict.failures.length > 0)
    return `nothing was changed: ${verdict.failures.length} preflight check${verdict.failures.length === 1 ? '' : 's'} failed (${verdict.failures.map((c) => c.id).join(', ')}); fix ${verdict.failures.length === 1 ? 'it' : 'them'} as shown and run again`;
  const ids = verdict.unaccepted.map((c) => c.id).join(',');
  return `nothing was changed: ${verdict.unaccepted.length} preflight warning${verdict.unaccepted.length === 1 ? '' : 's'} (${ids}); fix ${verdict.unaccepted.length === 1 ? 'it' : 'them'}, or accept with --accept-warnings=${ids} (or --accept-warnings for all)`;
}

/** `--accept-warnings` given bare (`true`) or with ids (`a,b`). */
export function acceptanceOf(option: boolean | string | undefined): WarningAcceptance {
  if (option === undefined || option === false) return 'none';
  if (option === true) return 'all';
  return option
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
}
