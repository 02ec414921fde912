import { describe, expect, it } from 'vitest';
import { importedFrom } from '../../source/commands/imported-clusters.js';
import type { Inventory } from '../../source/config/inventory.js';
import type { FleetFacts } from '../../source/engine/fleet/fleet-facts.js';
import type { FleetState } from '../../source/engine/fleet/fleet-row.js';

const row = (state: FleetState, clusterId?: string) => ({
  state,
  mode: 'push' as const,
  step: '',
  attempts: 1,
  ...(clusterId ? { clusterId } : {}),
});

const fleet = (rows: FleetFacts['rows']): FleetFacts => ({
  inventory: '/srv/clusters.yaml',
  concurrency: 10,
  marker: 'x',
  rows,
});

const inventory: Inventory = {
  source: '/srv/clusters.yaml',
  rows: [
    {
      name: 'edge-01',
      access: { kind: 'kubeconfig', kubeconfig: '/k/edge-01.yaml', context: 'e1' },
      labels: {},
      line: 2,
    },
    { name: 'edge-02', access: { kind: 'pks', pksCluster: 'edge-02' }, labels: {}, line: 3 },
    { name: 'edge-05', access: { kind: 'offline' }, labels: {}, line: 4 },
  ],
};

describe('importedFrom: what the fleet import registered into this Rancher', () => {
  it('newest import first, each cluster once, removed ones left out, reached as the inventory says', () => {
    const found = importedFrom([
      {
        fleet: fleet({ 'edge-01': row('active', 'c-aaaaa'), 'edge-03': row('removed', 'c-ccccc') }),
        inventory,
      },
      {
        fleet: fleet({
          'edge-01': row('failed', 'c-aaaaa'),
          'edge-02': row('active', 'c-bbbbb'),
          'edge-03': row('active', 'c-ccccc'),
          'edge-04': row('failed'),
          'edge-05': row('bundled', 'c-eeeee'),
        }),
        inventory,
      },
      // An inventory that could not be read again: its clusters cannot be reached from here.
      { fleet: fleet({ 'edge-06': row('active', 'c-fffff') }) },
    ]);
    expect(found).toEqual([
      { name: 'edge-01', clusterId: 'c-aaaaa', kubeconfig: '/k/edge-01.yaml', context: 'e1' },
      { name: 'edge-02', clusterId: 'c-bbbbb', pksCluster: 'edge-02' },
      { name: 'edge-05', clusterId: 'c-eeeee' },
      { name: 'edge-06', clusterId: 'c-fffff' },
    ]);
  });
});
