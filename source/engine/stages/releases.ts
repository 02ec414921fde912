import type { StepContext } from '../contract.js';
import { namespace } from '../desired/charts.js';

/** The runbook's word on the flags the installer adds for Helm 4 (see systems/helm.ts). */
export const helm4Note =
  'Helm 4: add --server-side=true --force-conflicts (server-side apply; fields another manager changed are taken back)';

/** The value at a dotted `--set` path (`ingress.tls.source`) in a release's values. */
export function valueAt(values: Record<string, unknown>, path: string): unknown {
  let cur: unknown = values;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** A release is done when it is deployed with the values we would set (and the chart version, if pinned). */
export async function releaseMatches(
  ctx: StepContext,
  release: string,
  wanted: Record<string, string>,
  chartVersion?: string,
): Promise<boolean> {
  const current = await ctx.systems.helm.release(release, namespace);
  if (!current || current.status !== 'deployed') return false;
  if (chartVersion && !current.chart.endsWith(`-${chartVersion}`)) return false;
  const values = await ctx.systems.helm.values(release, namespace);
  return Object.entries(wanted).every(([path, value]) => String(valueAt(values, path)) === value);
}
