import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../source/config/errors.js';
import { globPattern, inventoryFromPks } from '../../source/config/inventory-from-pks.js';
import { parseClusters } from '../../source/systems/pks-json.js';
import { pksInventory } from '../../source/systems/pks-inventory.js';

/** `pks clusters --json` as FACTS.md describes its fields. */
function pksJson(
  entries: [name: string, action: string, state: string, description?: string][],
): string {
  return JSON.stringify(
    entries.map(([name, action, state, description]) => ({
      name,
      plan_name: 'small',
      uuid: `uuid-${name}`,
      last_action: action,
      last_action_state: state,
      last_action_description: description ?? '',
      kubernetes_master_ips: state === 'succeeded' ? ['10.0.0.1'] : ['In Progress'],
      network_profile_name: '',
      parameters: { kubernetes_master_host: `${name}.example.com`, kubernetes_master_port: 8443 },
    })),
  );
}

const clusters = parseClusters(
  pksJson([
    ['edge-001', 'CREATE', 'succeeded', 'Instance provisioning completed'],
    ['edge-002', 'UPDATE', 'succeeded'],
    ['edge-003', 'CREATE', 'failed', 'Instance provisioning failed: quota'],
    ['edge-004', 'CREATE', 'in progress'],
    ['edge-005', 'DELETE', 'in progress'],
    ['Edge_006', 'CREATE', 'succeeded'],
    ['dc-east', 'CREATE', 'succeeded'],
    ['edge-1x', 'CREATE', 'error'],
  ]),
);

describe('inventoryFromPks', () => {
  it('makes a pks row per matching cluster whose last action succeeded, skipping the rest with reasons', () => {
    const { inventory, skipped } = inventoryFromPks(clusters, 'edge-00?');
    expect(inventory.source).toBe('pks clusters matching "edge-00?"');
    expect(inventory.rows).toEqual([
      { name: 'edge-001', access: { kind: 'pks', pksCluster: 'edge-001' }, labels: {}, line: 1 },
      { name: 'edge-002', access: { kind: 'pks', pksCluster: 'edge-002' }, labels: {}, line: 2 },
    ]);
    expect(skipped).toEqual([
      {
        pksCluster: 'edge-003',
        reason:
          'its last action CREATE failed (Instance provisioning failed: quota); fix it in PKS first (pks cluster edge-003)',
      },
      {
        pksCluster: 'edge-004',
        reason: 'its CREATE is in progress; import it once it has succeeded',
      },
      { pksCluster: 'edge-005', reason: 'it is being deleted (DELETE in progress); leave it out' },
    ]);
  });

  it('matches * across any characters and gives PKS names with capitals a Rancher name', () => {
    const { inventory, skipped } = inventoryFromPks(clusters, '*_*');
    expect(inventory.rows).toEqual([
      { name: 'edge-006', access: { kind: 'pks', pksCluster: 'Edge_006' }, labels: {}, line: 6 },
    ]);
    expect(skipped).toEqual([]);
    expect(inventoryFromPks(clusters, '*').inventory.rows.map((r) => r.name)).toEqual([
      'edge-001',
      'edge-002',
      'edge-006',
      'dc-east',
    ]);
  });

  it('says so when nothing matches, and when every match is skipped', () => {
    expect(() => inventoryFromPks(clusters, 'store-*')).toThrow(
      new ConfigError([
        '--from-pks "store-*": no PKS cluster matches (PKS has edge-001, edge-002, edge-003, edge-004, edge-005, Edge_006, dc-east, edge-1x); check the pattern',
      ]),
    );
    try {
      inventoryFromPks(clusters, 'edge-1*');
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        '--from-pks "edge-1*": every matching PKS cluster is skipped; fix them in PKS or list others',
        'edge-1x: its last action CREATE failed; fix it in PKS first (pks cluster edge-1x)',
      ]);
    }
  });

  it('takes regular-expression characters literally', () => {
    expect(globPattern('a.b*').test('a.bc')).toBe(true);
    expect(globPattern('a.b*').test('axbc')).toBe(false);
    expect(globPattern('(x)?').test('(x)1')).toBe(true);
  });

  it('asks PKS through its clusters call', async () => {
    const seen: string[] = [];
    const result = await pksInventory(
      {
        clusters: () => {
          seen.push('clusters');
          return Promise.resolve(clusters);
        },
      },
      'dc-*',
    );
    expect(seen).toEqual(['clusters']);
    expect(result.inventory.rows.map((r) => r.name)).toEqual(['dc-east']);
  });
});
