import { summaryLine, verdict } from '../checks/preflight-report.js';
import { runStatus } from '../checks/status/status.js';
import type { Config } from '../config/config.js';
import { commandLine } from '../invocation.js';
import type { Session } from '../session/session.js';
import { plainLines } from './preflight-output.js';

/**
 * `status` must pass before a day-2 change (upgrade, import): changing a broken Rancher hides
 * the cause. Writes the verdict line (or every failing line) through `write`.
 */
export async function statusPasses(
  config: Config,
  base: Session,
  write: (line: string) => void,
  verb: string,
  podIpBlockPrefix?: number,
): Promise<boolean> {
  const report = await runStatus({
    config,
    env: process.env,
    facts: base.facts,
    sessionId: base.id,
    ...(podIpBlockPrefix !== undefined ? { podIpBlockPrefix } : {}),
  });
  if (verdict(report) !== 'blocked') {
    write(summaryLine(report, 'status'));
    return true;
  }
  for (const line of plainLines(report, 'status')) write(line);
  write(`Nothing was changed: fix what status reports (${commandLine('status')}), then ${verb}.`);
  return false;
}
