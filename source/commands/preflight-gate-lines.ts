import { closedGateLine, gateVerdict, type WarningAcceptance } from '../checks/preflight-gate.js';
import { runPreflight } from '../checks/preflight.js';
import { summaryLine } from '../checks/preflight-report.js';
import type { Config } from '../config/config.js';
import type { Env } from '../shared/env.js';

/**
 * The headless face of the gate: checks run, what is not a pass is printed, and either the
 * accepted warning ids come back (the run may go on) or undefined (nothing was changed).
 */
export async function passGateWithLines(
  config: Config,
  env: Env,
  acceptance: WarningAcceptance,
  write: (line: string) => void,
  options: { migratingIngress?: boolean } = {},
): Promise<string[] | undefined> {
  write('preflight: checking everything that can be known before anything changes');
  const report = await runPreflight({ config, env, ...options });
  for (const check of report.checks.filter((c) => c.status === 'fail' || c.status === 'warn')) {
    write(`${check.status.toUpperCase()} ${check.id}: ${check.message}`);
    if (check.remedy) write(`  → ${check.remedy}`);
  }
  write(summaryLine(report));
  const verdict = gateVerdict(report, acceptance);
  if (!verdict.open) {
    write(closedGateLine(verdict));
    return undefined;
  }
  const accepted = verdict.accepted.map((c) => c.id);
  if (accepted.length) write(`preflight: warnings accepted: ${accepted.join(', ')}`);
  return accepted;
}
