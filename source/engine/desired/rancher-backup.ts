/**
 * Rancher's own backup operator (`rancher-backup` chart): it adds the cluster-scoped CRDs
 * `backups.resources.cattle.io`, `resourcesets.resources.cattle.io` and
 * `restores.resources.cattle.io`, and a Backup names a predefined ResourceSet (Rancher docs,
 * "Backup, Restore, and Disaster Recovery", v2.8–v2.15). The ResourceSets' names changed
 * across chart versions (`rancher-resource-set`; later `-basic` / `-full`, unverified), so
 * the reminder names one the cluster has.
 */

export const backupCrd = 'backups.resources.cattle.io';

export interface BackupOperator {
  /** The Backup CRD is served. */
  installed: boolean;
  /** ResourceSets in the cluster (`kubectl get resourcesets.resources.cattle.io`). */
  resourceSets: readonly string[];
}

export type BackupReminder =
  | { kind: 'operator'; resourceSet: string; manifest: string; command: string[] }
  | { kind: 'warning'; message: string };

/** The Rancher ResourceSet a backup should name: the full one when there is a choice. */
function rancherResourceSet(sets: readonly string[]): string | undefined {
  const rancher = sets.filter((s) => s.startsWith('rancher-resource-set'));
  return rancher.find((s) => s.endsWith('-full')) ?? rancher[0];
}

/** What to say before an upgrade: the Backup to create, or that nothing can restore Rancher. */
export function backupReminder(found: BackupOperator, name: string): BackupReminder {
  const resourceSet = found.installed ? rancherResourceSet(found.resourceSets) : undefined;
  if (!resourceSet)
    return {
      kind: 'warning',
      message: found.installed
        ? `the backup operator has no rancher-resource-set: check \`kubectl get resourcesets.resources.cattle.io\`; without a backup, a failed upgrade cannot be undone beyond helm rollback`
        : `Rancher's backup operator (rancher-backup) is not installed: without a backup, a failed upgrade cannot be undone beyond helm rollback (Rancher docs: "Backing up Rancher")`,
    };
  const manifest = [
    'apiVersion: resources.cattle.io/v1',
    'kind: Backup',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    `  resourceSetName: ${resourceSet}`,
    '',
  ].join('\n');
  return {
    kind: 'operator',
    resourceSet,
    manifest,
    command: ['kubectl', 'apply', '-f', `${name}.yaml`],
  };
}
