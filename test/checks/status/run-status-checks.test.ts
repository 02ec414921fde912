import { beforeAll, describe, expect, it } from 'vitest';
import {
  runStatusChecks,
  statusCheckIds,
} from '../../../source/checks/status/run-status-checks.js';
import { PksError } from '../../../source/systems/pks-errors.js';
import type { Systems } from '../../../source/systems/systems.js';
import { config, pki, type Pki } from './status-fixtures.js';

let p: Pki;
beforeAll(async () => {
  p = await pki();
});

const cluster = {
  name: 'c1',
  planName: 'rancher',
  uuid: 'u1',
  lastAction: 'CREATE',
  state: 'succeeded',
  description: 'Instance provisioning completed',
  masterIps: ['10.0.0.10', '10.0.0.11', '10.0.0.12'],
  networkProfile: 'lb-medium',
  externalHostname: 'c1.example.com',
  workerInstances: 3,
};

/** PKS works, the kubeconfig has no context for the cluster, DNS and the VIP answer. */
function systems(overrides: Partial<Systems> = {}): Systems {
  return {
    pks: {
      plans: async () => [
        { id: 'p', name: 'rancher', description: '', masterInstances: 3, workerInstances: 3 },
      ],
      cluster: async () => cluster,
      networkProfile: async () => ({
        name: 'lb-medium',
        description: '',
        lbSize: 'medium',
        parameters: {},
      }),
    },
    hasKubeContext: async () => false,
    resolveAEach: async (name: string) => [
      { answers: [name.startsWith('c1') ? '10.0.0.10' : '10.50.0.79'], server: '10.0.0.53' },
    ],
    servedCertificate: async () => ({ port: 443, chainPem: p.server.certPem }),
    probe: async ({ path }: { path?: string }) => ({
      tlsOk: true,
      defaultCertificate: false,
      status: 200,
      body: path === '/ping' ? 'pong' : 'ok',
    }),
    ...overrides,
  } as unknown as Systems;
}

describe('runStatusChecks', () => {
  it('reports every check once, in order', async () => {
    const results = await runStatusChecks({ config: config(p.files), systems: systems() });
    expect(results.map((r) => r.id)).toEqual([...statusCheckIds]);
  });

  it("without the cluster's API: its checks are skipped, DNS and HTTPS use the VIP the install recorded", async () => {
    const results = await runStatusChecks({
      config: config(p.files),
      systems: systems(),
      facts: { vip: '10.50.0.79' },
    });
    const by = Object.fromEntries(results.map((r) => [r.id, r]));
    expect(by['k8s.reachable']).toMatchObject({
      status: 'fail',
      remedy: 'fetch credentials again: `pks get-credentials c1`',
    });
    expect(by['rancher.pods']).toMatchObject({
      status: 'skip',
      message: expect.stringContaining('see k8s.reachable'),
    });
    expect(by['pks.cluster']?.status).toBe('pass');
    expect(by['dns.cluster']?.status).toBe('pass');
    expect(by['dns.rancher']).toMatchObject({
      status: 'pass',
      message: expect.stringContaining('the virtual server the install recorded'),
    });
    expect(by['tls.served']?.status).toBe('pass');
    expect(by['https.ping']?.status).toBe('pass');
    expect(by['https.healthz']?.status).toBe('pass');
  });

  it('a logged-out PKS CLI fails pks.login and skips pks.cluster', async () => {
    const loggedOut = async () => {
      throw new PksError('you are not logged in', 'pks login -a API -u USER', 'not-logged-in');
    };
    const results = await runStatusChecks({
      config: config(p.files),
      systems: systems({
        pks: {
          plans: loggedOut,
          cluster: loggedOut,
          networkProfile: loggedOut,
        } as unknown as Systems['pks'],
      }),
    });
    const by = Object.fromEntries(results.map((r) => [r.id, r]));
    expect(by['pks.login']).toMatchObject({ status: 'fail', remedy: 'pks login -a API -u USER' });
    expect(by['pks.cluster']).toMatchObject({
      status: 'skip',
      message: expect.stringContaining('see pks.login'),
    });
    expect(by['dns.cluster']).toMatchObject({
      status: 'skip',
      message: expect.stringContaining('master IP is not known'),
    });
  });
});
