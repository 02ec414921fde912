import type { Config } from '../config/config.js';
import type { CheckResult } from './check.js';
import { readOnlySystems } from './read-only-systems.js';
import { preflightReport, type PreflightReport } from './preflight-report.js';
import { reviewChecks } from './review-checks.js';
import { clusterReady, runChecks } from './run-checks.js';
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

/** The review's checks (review-checks.ts) against the real systems; `signal` stops them. */
export function runReviewChecks(options: {
  config: Config;
  env: Env;
  signal: AbortSignal;
}): Promise<CheckResult[]> {
  const { config, env, signal } = options;
  const systems = readOnlySystems(config, env, signal);
  return reviewChecks(config, {
    pks: systems.pks,
    helm: systems.helm,
    async kubeVersion() {
      const cluster = await systems.pks.cluster(config.pks.cluster);
      if (clusterReady(cluster) !== undefined) return undefined;
      if (!(await systems.hasKubeContext(config.pks.cluster))) return undefined;
      return systems.kube().version();
    },
  });
}
