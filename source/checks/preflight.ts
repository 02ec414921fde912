import type { Config } from '../config/config.js';
import type { CheckResult } from './check.js';
import { readOnlySystems } from './read-only-systems.js';
import { preflightReport, type PreflightReport } from './preflight-report.js';
import { runChecks } from './run-checks.js';
import type { Env } from '../shared/env.js';

export interface PreflightOptions {
  config: Config;
  env: Env;
  answerProblems?: readonly CheckResult[];
  /** The pod IP blocks' prefix length; undefined: a /16 is assumed (and the report says so). */
  podIpBlockPrefix?: number;
  /** Before an ingress migration: the other controller fronting Rancher is expected. */
  migratingIngress?: boolean;
  now?: Date;
}

/** `rancher-pks-tui preflight`: every check knowable up front, with read-only calls only. */
export async function runPreflight(options: PreflightOptions): Promise<PreflightReport> {
  const { config, env } = options;
  const systems = readOnlySystems(config, env);
  const checks = await runChecks({
    config,
    systems,
    ...(options.podIpBlockPrefix !== undefined
      ? { podIpBlockPrefix: options.podIpBlockPrefix }
      : {}),
    ...(options.answerProblems ? { answerProblems: options.answerProblems } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.migratingIngress ? { migratingIngress: true } : {}),
  });
  return preflightReport(checks);
}
