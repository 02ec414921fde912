import type { StepContext } from '../contract.js';
import { valueAt } from '../desired/helm-values.js';
import { namespace } from '../desired/names.js';

/** The runbook's word on the flags the installer adds for Helm 4 (see systems/helm.ts). */
export const helm4Note =
  'Helm 4: add --server-side=true --force-conflicts (server-side apply; fields another manager changed are taken back)';

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
