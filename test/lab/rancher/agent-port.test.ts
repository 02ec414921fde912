import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { envFileText, readRancherToken } from '../../../source/lab/lab-files.js';
import { publishAdminToken } from '../../../source/lab/rancher/admin-token.js';
import { fleetClusterNamespace } from '../../../source/lab/rancher/clusters.js';
import { servesRancherFor } from '../../../source/lab/rancher/serving.js';
import { waitFor } from '../../helpers/wait-for.js';
import { rancherFixture, serverUrl, type RancherFixture } from './rancher-fixture.js';

async function importedCluster(f: RancherFixture) {
  const token = f.login();
  const id = f.call('POST', '/v3/clusters', { token, body: { name: 'edge-001' } }).json
    .id as string;
  const crt = await waitFor(
    () =>
      f
        .call('GET', `/v3/clusterregistrationtokens?clusterId=${id}`, { token })
        .json.data.find((c: { token: string }) => c.token),
    'the registration token',
  );
  const state = () => f.call('GET', `/v3/clusters/${id}`, { token }).json;
  return { id, registration: crt.token as string, state };
}

describe("the agent port (what Rancher checks when an agent's websocket arrives)", () => {
  it('refuses an unknown cluster or a wrong token, then turns the cluster active', async () => {
    const f = rancherFixture();
    const port = f.management.agentPort();
    const { id, registration, state } = await importedCluster(f);
    const connection = {
      serverUrl,
      clusterId: id,
      token: registration,
      caChecksum: port.caChecksum()!,
      kubeVersion: 'v1.30.8',
    };
    expect(port.connect({ ...connection, clusterId: 'c-nope1' })).toMatch(/not found/);
    expect(port.connect({ ...connection, token: 'x'.repeat(54) })).toMatch(/invalid/);
    expect(state().state).not.toBe('active');
    expect(port.connect(connection)).toBeUndefined();
    const active = state();
    expect(active).toMatchObject({
      state: 'active',
      transitioning: 'no',
      version: { gitVersion: 'v1.30.8' },
    });
    const types = (active.conditions as { type: string; status: string }[])
      .filter((c) => c.status === 'True')
      .map((c) => c.type);
    expect(types).toEqual(expect.arrayContaining(['Connected', 'Ready', 'Provisioned']));
    // Fleet's namespace for the cluster comes once it is Ready.
    expect(f.store.get('namespaces', undefined, fleetClusterNamespace(id))).toBeDefined();
    port.disconnect(id);
    const lost = state();
    expect(lost.state).toBe('unavailable');
    expect(lost.transitioningMessage).toBe('Cluster agent is not connected');
    expect(port.connect(connection)).toBeUndefined();
    expect(state().state).toBe('active');
  });
});

describe('the admin API token for env.sh', () => {
  it('is written 0600 once, accepted by the API, and exported by env.sh', () => {
    const f = rancherFixture();
    const dir = mkdtempSync(join(tmpdir(), 'rpt-rancher-token-'));
    const lab = { dir, clock: f.management.lab.clock, faults: f.faults, log: () => {} };
    expect(readRancherToken(dir)).toBeUndefined();
    // The same Rancher store as the fixture's: managementFor keys on the store.
    publishAdminToken(lab, f.store);
    const token = readRancherToken(dir)!;
    expect(token).toMatch(/^token-[a-z0-9]{5}:[a-z0-9]{54}$/);
    expect(statSync(join(dir, 'rancher-token')).mode & 0o777).toBe(0o600);
    expect(f.call('GET', '/v3/clusters', { token }).status).toBe(200);
    publishAdminToken(lab, f.store);
    expect(readRancherToken(dir)).toBe(token);
    const env = join(dir, 'env.sh');
    execFileSync('sh', ['-c', `cat > ${JSON.stringify(env)}`], {
      input: envFileText({ dir, dnsServer: '127.0.0.1:53', ingressHttpsPort: 8443 }),
    });
    const exported = execFileSync('sh', ['-c', `. ${JSON.stringify(env)}; echo "$RANCHER_TOKEN"`], {
      encoding: 'utf8',
    });
    expect(exported.trim()).toBe(token);
  });
});

describe('which lab cluster serves a Rancher hostname (LabContext.rancherFor)', () => {
  it('is the one with a started Rancher and an Ingress for the name', () => {
    const f = rancherFixture();
    expect(servesRancherFor(f.store, 'rancher.lab.test')).toBe(false);
    f.store.create('networking.k8s.io/ingresses', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'rancher', namespace: 'cattle-system' },
      spec: { rules: [{ host: 'rancher.lab.test' }] },
    });
    expect(servesRancherFor(f.store, 'rancher.lab.test')).toBe(true);
    expect(servesRancherFor(f.store, 'RANCHER.lab.test.')).toBe(true);
    expect(servesRancherFor(f.store, 'other.lab.test')).toBe(false);
    f.store.delete('management.cattle.io/settings', undefined, 'server-version');
    expect(servesRancherFor(f.store, 'rancher.lab.test')).toBe(false);
  });
});
