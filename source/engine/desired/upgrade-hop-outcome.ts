import semver from 'semver';
import type { HelmRevision } from '../../systems/helm.js';

/**
 * What a hop leaves behind and how to undo it. Helm records a failed upgrade as a new
 * revision with status `failed` and leaves the one before `deployed`, or `superseded` once
 * a later upgrade succeeded (helm pkg/action/upgrade.go), so the revision to go back to is
 * the newest that ran the hop's starting chart and did not fail.
 */

const chartOf = (chartName: string, version: string) => `${chartName}-${version.replace(/^v/, '')}`;

/** `helm rollback RELEASE REV -n NS --wait` back to the hop's starting version, if Helm still has it. */
export function rollbackCommand(
  history: readonly HelmRevision[],
  hop: { release: string; namespace: string; chartName: string; from: string },
): string[] | undefined {
  const wanted = chartOf(hop.chartName, hop.from);
  const back = [...history]
    .sort((a, b) => b.revision - a.revision)
    .find((r) => r.chart === wanted && (r.status === 'deployed' || r.status === 'superseded'));
  if (!back) return undefined;
  return ['helm', 'rollback', hop.release, String(back.revision), '-n', hop.namespace, '--wait'];
}

/** The hop is done when the release's newest revision is deployed on the hop's chart. */
export function hopLanded(
  history: readonly HelmRevision[],
  chartName: string,
  to: string,
): boolean {
  const last = [...history].sort((a, b) => b.revision - a.revision)[0];
  return last?.status === 'deployed' && last.chart === chartOf(chartName, to);
}

/**
 * Rancher says which version runs in its `server-version` setting (`v2.13.7`); the chart
 * version is the same number without the `v` (rancher chart: appVersion `v` + version).
 */
export function reportsVersion(serverVersion: string | undefined, chartVersion: string): boolean {
  if (!serverVersion) return false;
  return serverVersion.replace(/^v/, '') === chartVersion.replace(/^v/, '');
}

/**
 * The release has moved past the hop: its newest revision (deployed or not) runs a later
 * chart, a later hop's. A resume must skip such a hop: "landed" looks at the newest revision
 * only, and upgrading to the hop's version again would be a downgrade.
 */
export function hopPassed(
  history: readonly HelmRevision[],
  chartName: string,
  to: string,
): boolean {
  const last = [...history].sort((a, b) => b.revision - a.revision)[0];
  if (!last?.chart.startsWith(`${chartName}-`)) return false;
  const now = semver.valid(last.chart.slice(chartName.length + 1));
  const hop = semver.valid(to.replace(/^v/, ''));
  return now !== null && hop !== null && semver.gt(now, hop);
}
