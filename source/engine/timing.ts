import type { Env } from '../shared/env.js';
/** How long waits may take and how often they look. Real-world defaults; tests scale them down. */
export interface Timing {
  /** First poll interval; it grows toward maxPollMs while nothing changes. */
  minPollMs: number;
  maxPollMs: number;
  clusterCreateMs: number;
  dnsRecordMs: number;
  loadBalancerMs: number;
  rolloutMs: number;
  probeMs: number;
  localClusterMs: number;
  /** Retries of transient errors before a step gives up. */
  retries: number;
  retryBaseMs: number;
}

const minute = 60_000;

export const defaultTiming: Timing = {
  minPollMs: 250,
  maxPollMs: 5_000,
  clusterCreateMs: 60 * minute,
  dnsRecordMs: 60 * minute,
  loadBalancerMs: 10 * minute,
  rolloutMs: 15 * minute,
  probeMs: 5 * minute,
  localClusterMs: 10 * minute,
  retries: 6,
  retryBaseMs: 1_000,
};

/**
 * `RANCHER_PKS_TUI_WAIT_SCALE=0.01` shortens every wait (tests of timeouts, demos); the
 * CLI refuses a bad value up front (config/environment.ts), so here it is only read.
 */
export function timingFromEnv(env: Env): Timing {
  const scale = Number(env.RANCHER_PKS_TUI_WAIT_SCALE ?? '1');
  if (!Number.isFinite(scale) || scale <= 0 || scale === 1) return defaultTiming;
  const scaled = { ...defaultTiming };
  for (const key of [
    'clusterCreateMs',
    'dnsRecordMs',
    'loadBalancerMs',
    'rolloutMs',
    'probeMs',
    'localClusterMs',
    'retryBaseMs',
  ] as const) {
    scaled[key] = Math.max(100, Math.round(defaultTiming[key] * scale));
  }
  return scaled;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m}m${s % 60}s` : `${m}m`;
  return `${Math.floor(m / 60)}h${m % 60 ? `${m % 60}m` : ''}`;
}
