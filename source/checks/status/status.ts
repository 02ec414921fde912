import type { Config } from '../../config/config.js';
import type { Facts } from '../../engine/facts.js';
import type { Env } from '../../shared/env.js';
import { preflightReport, type PreflightReport } from '../preflight-report.js';
import { readOnlySystems } from '../read-only-systems.js';
import { runStatusChecks } from './run-status-checks.js';

export interface StatusOptions {
  config: Config;
  env: Env;
  /** What the install recorded, when the target is a session. */
  facts?: Readonly<Facts>;
  sessionId?: string;
  podIpBlockPrefix?: number;
  /** Ends the reads in flight (the dashboard quitting). */
  signal?: AbortSignal;
  now?: Date;
}

/** `rancher-pks-tui status`: every check of a running install, with read-only calls only. */
export async function runStatus(options: StatusOptions): Promise<PreflightReport> {
  const { config, env } = options;
  const checks = await runStatusChecks({
    config,
    systems: readOnlySystems(config, env, options.signal),
    ...(options.facts ? { facts: options.facts } : {}),
    ...(options.sessionId ? { sessionId: options.sessionId } : {}),
    ...(options.podIpBlockPrefix !== undefined
      ? { podIpBlockPrefix: options.podIpBlockPrefix }
      : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  return preflightReport(checks);
}
