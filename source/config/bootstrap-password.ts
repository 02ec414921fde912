/**
 * The bootstrap password comes from RANCHER_BOOTSTRAP_PASSWORD (or, in a terminal, the
 * wizard's masked field), never from a file. Empty: the chart generates one, and the
 * summary says how to read it.
 */
export function bootstrapPassword(env: Record<string, string | undefined>): string | undefined {
  return env.RANCHER_BOOTSTRAP_PASSWORD || undefined;
}
