import { describe, expect, it } from 'vitest';
import { importedClusters } from '../../source/commands/imported-clusters.js';
import type { SessionStore } from '../../source/session/session-store.js';

/** A store with the sessions given, newest first, as `list()` returns them. */
function store(
  sessions: { id: string; plan: string; hostname: string; demo?: boolean; rows: unknown[] }[],
): SessionStore {
  return {
    list: () => sessions.map(({ rows: _r, ...summary }) => summary),
    get: (id: string) => {
      const s = sessions.find((x) => x.id === id);
      return s ? { facts: { fleet: { rows: s.rows } } } : undefined;
    },
  } as unknown as SessionStore;
}

const row = (name: string, clusterId: string | undefined, state: string, access?: object) => ({
  name,
  mode: 'push',
  state,
  step: '',
  attempts: 1,
  ...(clusterId ? { clusterId } : {}),
  ...(access ? { access } : {}),
});

describe('importedClusters: what the fleet import registered into this Rancher', () => {
  it('reads the import sessions of this hostname, newest first, each cluster once', () => {
    const found = importedClusters(
      store([
        {
          id: 'b',
          plan: 'import',
          hostname: 'rancher.example.com',
          rows: [
            row('edge-01', 'c-aaaaa', 'active', { kubeconfig: '/k/edge-01.yaml', context: 'e1' }),
            row('edge-03', 'c-ccccc', 'removed'),
          ],
        },
        {
          id: 'a',
          plan: 'import',
          hostname: 'rancher.example.com',
          rows: [
            row('edge-01', 'c-aaaaa', 'failed'),
            row('edge-02', 'c-bbbbb', 'active', { pksCluster: 'edge-02' }),
            row('edge-03', 'c-ccccc', 'active', { pksCluster: 'edge-03' }),
            row('edge-04', undefined, 'failed'),
            row('edge-05', 'c-eeeee', 'bundled', { kind: 'offline' }),
          ],
        },
        {
          id: 'x',
          plan: 'import',
          hostname: 'other.example.com',
          rows: [row('o', 'c-o', 'active')],
        },
        { id: 'i', plan: 'install', hostname: 'rancher.example.com', rows: [] },
      ]),
      'rancher.example.com',
    );
    expect(found).toEqual([
      { name: 'edge-01', clusterId: 'c-aaaaa', kubeconfig: '/k/edge-01.yaml', context: 'e1' },
      { name: 'edge-02', clusterId: 'c-bbbbb', context: 'edge-02' },
      // Offline: registered, but nothing here reaches it (the rotation lists it as lost).
      { name: 'edge-05', clusterId: 'c-eeeee' },
    ]);
  });
});
