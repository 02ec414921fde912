import type { Config } from '../config/config.js';
import type { Facts } from './facts.js';
import { fleetCounts, type FleetRow } from './fleet/fleet-row.js';

/** Rows as the summary and `--json` read them back from the facts. */
export function fleetRowsOf(facts: Readonly<Facts>): FleetRow[] {
  return Object.entries(facts.fleet?.rows ?? {}).map(([name, row]) => ({ name, ...row }));
}

/**
 * How an import ends: the counts, then each cluster that did not become Active with its
 * reason and fix (failed first), and where each unapplied offline bundle is.
 */
export function fleetLines(rows: readonly FleetRow[], bundleDir?: string): string[] {
  const counts = fleetCounts(rows);
  const parts = [`${counts.active} of ${counts.total} clusters active`];
  if (counts.failed) parts.push(`${counts.failed} failed`);
  if (counts.bundled) parts.push(`${counts.bundled} offline bundles waiting for their sites`);
  const open = counts.total - counts.active - counts.failed - counts.bundled - counts.removed;
  if (open > 0) parts.push(`${open} not finished`);
  const lines = [parts.join(', ')];
  for (const row of rows.filter((r) => r.state === 'failed'))
    lines.push(
      `  FAILED ${row.name}: ${row.lastError ?? 'failed'}`,
      `    what to do: ${row.fix ?? 'resume'}`,
    );
  for (const row of rows.filter((r) => r.state === 'bundled'))
    lines.push(
      `  WAITING ${row.name}: at the site, kubectl apply -f import.yaml in ${bundleDir ? `${bundleDir}/${row.name}` : 'its bundle folder'}`,
    );
  return lines;
}

export function importSummaryLines(config: Config, facts: Facts, transcriptPath: string): string[] {
  return [
    `Fleet import into https://${config.rancher.hostname}`,
    ...fleetLines(fleetRowsOf(facts)),
    `transcript: ${transcriptPath}`,
  ];
}
