import { describe, expect, it } from 'vitest';
import { backupReminder } from '../../../source/engine/desired/rancher-backup.js';

describe('the backup reminder before an upgrade', () => {
  it('names a Backup of the full Rancher ResourceSet when the operator is installed', () => {
    const r = backupReminder(
      {
        installed: true,
        resourceSets: ['rancher-resource-set-basic', 'rancher-resource-set-full'],
      },
      'before-upgrade',
    );
    expect(r).toMatchObject({
      kind: 'operator',
      resourceSet: 'rancher-resource-set-full',
      command: ['kubectl', 'apply', '-f', 'before-upgrade.yaml'],
    });
    expect(r.kind === 'operator' && r.manifest).toContain(
      'resourceSetName: rancher-resource-set-full',
    );
  });

  it('takes the one ResourceSet older charts have', () => {
    const r = backupReminder({ installed: true, resourceSets: ['rancher-resource-set'] }, 'b');
    expect(r).toMatchObject({ kind: 'operator', resourceSet: 'rancher-resource-set' });
  });

  it('warns clearly when there is no operator, or no Rancher ResourceSet', () => {
    expect(backupReminder({ installed: false, resourceSets: [] }, 'b')).toMatchObject({
      kind: 'warning',
      message: expect.stringContaining('rancher-backup) is not installed'),
    });
    expect(backupReminder({ installed: true, resourceSets: ['other'] }, 'b')).toMatchObject({
      kind: 'warning',
      message: expect.stringContaining('no rancher-resource-set'),
    });
  });
});
