import { Resolver } from 'node:dns/promises';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installFixture, type InstallFixture } from '../helpers/install-fixture.js';
import { poll, startLab, type LabProcess } from '../helpers/lab-process.js';

// The lab's Rancher management API on a lab install, through the real HTTPS front, with the
// real curl: RANCHER_TOKEN from env.sh, the admin login with the chart's bootstrap password.
let lab: LabProcess;
let fx: InstallFixture;
let base: string;
let resolve: string;

beforeAll(async () => {
  lab = await startLab([], '0');
  fx = await installFixture(lab.dir);
  const installed = await lab.cli(['install', '--answers', fx.answersFile, '--yes'], {
    env: { RANCHER_PKS_TUI_HOME: fx.home },
  });
  expect(installed.code, installed.stdout.slice(-1500)).toBe(0);
  const vars = lab.env();
  const resolver = new Resolver();
  resolver.setServers([vars.RANCHER_PKS_TUI_DNS_SERVERS!]);
  const [vip] = await resolver.resolve4(fx.hostname);
  const port = vars.RANCHER_PKS_TUI_INGRESS_HTTPS_PORT!;
  base = `https://${fx.hostname}:${port}`;
  resolve = `${fx.hostname}:${port}:${vip}`;
}, 180_000);

afterAll(async () => {
  await lab.stop();
});

/** curl as a user runs it, env.sh sourced: the status code on the last line. */
async function curl(args: string[]) {
  const r = await lab.run([
    'curl',
    '-sS',
    '--cacert',
    join(fx.certsDir, 'cacerts.pem'),
    '--resolve',
    resolve,
    '-w',
    '\\n%{http_code}',
    ...args,
  ]);
  const lines = r.stdout.split('\n');
  const status = Number(lines.pop());
  return { status, body: lines.join('\n'), stderr: r.stderr };
}

describe("the lab Rancher's management API", () => {
  it('exports RANCHER_TOKEN once Rancher has started; the token lists clusters', async () => {
    const token = await poll(async () => {
      const r = await lab.run(['sh', '-c', 'printf %s "$RANCHER_TOKEN"']);
      return r.stdout || undefined;
    }, 'RANCHER_TOKEN in env.sh');
    expect(statSync(join(lab.dir, 'rancher-token')).mode & 0o777).toBe(0o600);
    const r = await curl(['-H', `Authorization: Bearer ${token}`, `${base}/v3/clusters`]);
    expect(r.status, r.stderr).toBe(200);
    const list = JSON.parse(r.body) as { type: string; data: { id: string }[] };
    expect(list.type).toBe('collection');
    expect(list.data.map((c) => c.id)).toContain('local');
    const none = await curl([`${base}/v3/clusters`]);
    expect(none.status).toBe(401);
  });

  it('logs the admin in with the bootstrap password, imports a cluster and serves its manifest', async () => {
    const secret = await lab.run([
      'kubectl',
      'get',
      'secret',
      '-n',
      'cattle-system',
      'bootstrap-secret',
      '-o',
      'go-template={{.data.bootstrapPassword|base64decode}}',
    ]);
    expect(secret.code, secret.stderr).toBe(0);
    const login = await curl([
      '-X',
      'POST',
      '-H',
      'Content-Type: application/json',
      '-d',
      JSON.stringify({ username: 'admin', password: secret.stdout, responseType: 'json' }),
      `${base}/v3-public/localProviders/local?action=login`,
    ]);
    expect(login.status, login.body).toBe(201);
    const token = (JSON.parse(login.body) as { token: string }).token;
    const auth = ['-H', `Authorization: Bearer ${token}`];
    const created = await curl([
      ...auth,
      '-X',
      'POST',
      '-H',
      'Content-Type: application/json',
      '-d',
      JSON.stringify({ type: 'cluster', name: 'edge-001', labels: { site: 'store-001' } }),
      `${base}/v3/clusters`,
    ]);
    expect(created.status, created.body).toBe(201);
    const id = (JSON.parse(created.body) as { id: string }).id;
    // kubectl against the Rancher cluster sees the imported cluster and its namespace.
    const seen = await lab.run([
      'kubectl',
      'get',
      'clusters.management.cattle.io',
      id,
      '-o',
      'name',
    ]);
    expect(seen.stdout.trim()).toBe(`cluster.management.cattle.io/${id}`);
    const crt = await poll(async () => {
      const r = await curl([...auth, `${base}/v3/clusterregistrationtokens?clusterId=${id}`]);
      const data = (JSON.parse(r.body) as { data: { token: string; manifestUrl: string }[] }).data;
      return data.find((c) => c.token);
    }, 'the registration token');
    // Rancher fills the URLs only once server-url is set (status.go getURL); an install leaves
    // it to the first login in the UI, so the import has to see to it.
    expect(crt.manifestUrl).toBe('');
    const patched = await lab.run([
      'kubectl',
      'patch',
      'settings.management.cattle.io',
      'server-url',
      '--type',
      'merge',
      '-p',
      JSON.stringify({ value: `https://${fx.hostname}` }),
    ]);
    expect(patched.code, patched.stderr).toBe(0);
    const filled = await curl([
      ...auth,
      `${base}/v3/clusterregistrationtokens/${id}:default-token`,
    ]);
    expect(JSON.parse(filled.body)).toMatchObject({
      manifestUrl: `https://${fx.hostname}/v3/import/${crt.token}_${id}.yaml`,
      command: `kubectl apply -f https://${fx.hostname}/v3/import/${crt.token}_${id}.yaml`,
    });
    const manifest = await curl([`${base}/v3/import/${crt.token}_${id}.yaml`]);
    expect(manifest.status).toBe(200);
    expect(manifest.body).toContain('name: cattle-cluster-agent');
    expect(manifest.body).toMatch(/name: CATTLE_CA_CHECKSUM\n\s+value: "[0-9a-f]{64}"/);
    const removed = await curl([...auth, '-X', 'DELETE', `${base}/v3/clusters/${id}`]);
    expect(removed.status).toBe(200);
  });
});
