import type { Env } from '../shared/env.js';
/**
 * The bootstrap password comes from RANCHER_BOOTSTRAP_PASSWORD (or, in a terminal, the
 * wizard's masked field), never from a file. Empty: the chart generates one, and the
 * summary says how to read it.
 */
export function bootstrapPassword(env: Env): string | undefined {
  return env.RANCHER_BOOTSTRAP_PASSWORD || undefined;
}
