import type { ClusterRecord } from './cluster-record.js';
import { KUBERNETES_MASTER_PORT } from './cluster-record.js';

/**
 * Go tabwriter output as the CLI prints lists: columns padded to the widest cell,
 * two spaces apart, no trailing spaces.
 */
export function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd((widths[i] ?? 0) + 2)))
        .join('')
        .trimEnd(),
    )
    .join('\n');
}

/** `Key:` padded to a common width, as `pks cluster` shows details. */
export function details(pairs: readonly (readonly [string, string])[], keyWidth = 26): string {
  return pairs.map(([k, v]) => `${`${k}:`.padEnd(keyWidth)}${v}`.trimEnd()).join('\n');
}

/** The `pks cluster NAME` block, as in the walkthrough. */
export function clusterDetails(record: ClusterRecord): string {
  return details([
    ['Name', record.name],
    ['Plan Name', record.planName],
    ['UUID', record.uuid],
    ['Last Action', record.lastAction],
    ['Last Action State', record.lastActionState],
    ['Last Action Description', record.lastActionDescription],
    ['Kubernetes Master Host', record.externalHostname],
    ['Kubernetes Master Port', String(KUBERNETES_MASTER_PORT)],
    ['Worker Nodes', String(record.workerInstances)],
    ['Kubernetes Master IP(s)', record.masterIps.join(', ')],
    ['Network Profile Name', record.networkProfileName ?? ''],
  ]);
}

/** `pks clusters`. */
export function clusterTable(records: readonly ClusterRecord[]): string {
  return table([
    ['Name', 'Plan Name', 'UUID', 'Status', 'Action'],
    ...records.map((r) => [r.name, r.planName, r.uuid, r.lastActionState, r.lastAction]),
  ]);
}
