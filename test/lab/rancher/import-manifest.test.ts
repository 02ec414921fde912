import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../../source/lab/kube/object.js';
import { waitFor } from '../../helpers/wait-for.js';
import { startApiFixture, type ApiFixture } from '../helpers/api-fixture.js';
import { cacerts, rancherFixture, serverUrl, type RancherFixture } from './rancher-fixture.js';

const run = promisify(execFile);
const fixtures: ApiFixture[] = [];

afterEach(async () => {
  for (const f of fixtures.splice(0)) await f.stop();
});

async function registered(f: RancherFixture) {
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
  return { id, crt: crt as { token: string; manifestUrl: string } };
}

function objects(manifest: string): KubeObject[] {
  return parseAllDocuments(manifest)
    .map((d) => d.toJS() as KubeObject | null)
    .filter((o): o is KubeObject => o !== null);
}

function env(deploy: KubeObject): Record<string, string> {
  const container = deploy.spec.template.spec.containers[0] as {
    env: { name: string; value: string }[];
  };
  return Object.fromEntries(container.env.map((e) => [e.name, e.value]));
}

describe('the import manifest', () => {
  it('renders the real template: agent Deployment with CATTLE_SERVER and CATTLE_CA_CHECKSUM, credentials Secret', async () => {
    const f = rancherFixture();
    const { id, crt } = await registered(f);
    const path = new URL(crt.manifestUrl).pathname;
    const r = f.call('GET', path);
    expect(r.status).toBe(200);
    expect(r.contentType).toBe('text/plain');
    const all = objects(r.body);
    expect(all.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'ClusterRole/proxy-clusterrole-kubeapiserver',
      'ClusterRoleBinding/proxy-role-binding-kubernetes-master',
      'Namespace/cattle-system',
      'ServiceAccount/cattle',
      'ClusterRoleBinding/cattle-admin-binding',
      expect.stringMatching(/^Secret\/cattle-credentials-[0-9a-f]{10}$/),
      'ClusterRole/cattle-admin',
      'Deployment/cattle-cluster-agent',
      'Service/cattle-cluster-agent',
    ]);
    const secret = all.find((o) => o.kind === 'Secret')!;
    const data = secret.data as Record<string, string>;
    const decode = (s: string) => Buffer.from(s, 'base64').toString();
    expect(decode(data.url!)).toBe(serverUrl);
    expect(decode(data.token!)).toBe(crt.token);
    expect(decode(data.namespace!)).toBe('');
    const key = createHash('sha256').update(`${serverUrl}.${crt.token}.`).digest('hex');
    expect(secret.metadata.name).toBe(`cattle-credentials-${key.slice(0, 10)}`);
    const deploy = all.find((o) => o.kind === 'Deployment')!;
    const vars = env(deploy);
    expect(vars.CATTLE_SERVER).toBe(serverUrl);
    expect(vars.CATTLE_CA_CHECKSUM).toBe(createHash('sha256').update(`${cacerts}\n`).digest('hex'));
    expect(vars).toMatchObject({
      CATTLE_CLUSTER: 'true',
      CATTLE_K8S_MANAGED: 'true',
      CATTLE_CREDENTIAL_NAME: secret.metadata.name,
      CATTLE_SERVER_VERSION: 'v2.13.8',
      STRICT_VERIFY: 'true',
    });
    expect(deploy.spec.template.spec.containers[0].image).toBe('rancher/rancher-agent:v2.13.8');
    expect(deploy.spec.template.spec.serviceAccountName).toBe('cattle');
    // The agent port hands the same checksum to agents.
    expect(f.management.agentPort().caChecksum()).toBe(vars.CATTLE_CA_CHECKSUM);
    expect(id).toMatch(/^c-/);
  });

  it('answers 400 "cluster not found or invalid token" for a wrong token or cluster', async () => {
    const f = rancherFixture();
    const { id, crt } = await registered(f);
    for (const path of [
      `/v3/import/${'x'.repeat(54)}_${id}.yaml`,
      `/v3/import/${crt.token}_c-nope1.yaml`,
    ]) {
      const r = f.call('GET', path);
      expect(r.status).toBe(400);
      expect(r.body).toBe('cluster not found or invalid token');
    }
  });

  it("is accepted by the lab's API server through kubectl create, apply and apply --server-side", async () => {
    const f = rancherFixture();
    const { crt } = await registered(f);
    const manifest = f.call('GET', new URL(crt.manifestUrl).pathname).body;
    for (const mode of [['create'], ['apply'], ['apply', '--server-side']]) {
      const api = await startApiFixture();
      fixtures.push(api);
      const file = join(api.dir, 'import.yaml');
      writeFileSync(file, manifest);
      const { stdout } = await run('kubectl', [...mode, '-f', file], {
        env: { ...process.env, KUBECONFIG: api.kubeconfig, KUBECACHEDIR: join(api.dir, 'cache') },
      });
      expect(stdout.trim().split('\n'), mode.join(' ')).toHaveLength(9);
      const deploy = api.store.mustGet('apps/deployments', 'cattle-system', 'cattle-cluster-agent');
      expect(env(deploy).CATTLE_SERVER).toBe(serverUrl);
      expect(api.store.list('secrets', { namespace: 'cattle-system' })).toHaveLength(1);
      if (mode.includes('--server-side')) {
        // A second server-side apply (a re-run of the import) changes nothing and succeeds.
        const again = await run('kubectl', [...mode, '-f', file], {
          env: { ...process.env, KUBECONFIG: api.kubeconfig, KUBECACHEDIR: join(api.dir, 'cache') },
        });
        expect(again.stdout).toContain('serverside-applied');
      }
    }
  }, 60_000);
});
