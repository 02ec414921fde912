import { Resolver } from 'node:dns/promises';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installFixture, type InstallFixture } from '../helpers/install-fixture.js';
import { edgeLabArgs, poll, startLab, type LabProcess } from '../helpers/lab-process.js';

// The agent simulation against the lab's Rancher: an import done by hand with curl and real
// kubectl, as the import command will do it, on edge clusters of a lab install.
let lab: LabProcess;
let fx: InstallFixture;
let base: string;
let resolve: string;
let auth: string[];

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
    ...auth,
    ...args,
  ]);
  const lines = r.stdout.split('\n');
  const status = Number(lines.pop());
  return { status, body: lines.join('\n'), stderr: r.stderr };
}

const kubectl = (edge: string, args: string[], input?: string) =>
  lab.run(['kubectl', '--kubeconfig', join(lab.dir, 'edge', `${edge}.kubeconfig`), ...args], {
    ...(input !== undefined ? { input } : {}),
  });

beforeAll(async () => {
  lab = await startLab(edgeLabArgs({ count: 3 }), '0');
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
  const token = await poll(async () => {
    const r = await lab.run(['sh', '-c', 'printf %s "$RANCHER_TOKEN"']);
    return r.stdout || undefined;
  }, 'RANCHER_TOKEN in env.sh');
  auth = ['-H', `Authorization: Bearer ${token}`];
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
}, 240_000);

afterAll(async () => {
  await lab.stop();
});

/** Creates the imported cluster and returns its id and manifest. */
async function register(name: string): Promise<{ id: string; manifest: string }> {
  const created = await curl([
    '-X',
    'POST',
    '-H',
    'Content-Type: application/json',
    '-d',
    JSON.stringify({ type: 'cluster', name }),
    `${base}/v3/clusters`,
  ]);
  expect(created.status, created.body).toBe(201);
  const id = (JSON.parse(created.body) as { id: string }).id;
  const crt = await poll(async () => {
    const r = await curl([`${base}/v3/clusterregistrationtokens?clusterId=${id}`]);
    const data = (JSON.parse(r.body) as { data: { token: string; manifestUrl: string }[] }).data;
    return data.find((c) => c.token && c.manifestUrl);
  }, 'the registration token');
  const manifest = await curl([crt.manifestUrl.replace(`https://${fx.hostname}`, base)]);
  expect(manifest.status).toBe(200);
  return { id, manifest: manifest.body };
}

async function state(id: string): Promise<string> {
  const r = await curl([`${base}/v3/clusters/${id}`]);
  return (JSON.parse(r.body) as { state: string }).state;
}

function reachJob(ca: string): string {
  return `apiVersion: v1
kind: ConfigMap
metadata: { name: rancher-pks-tui-reach-ca }
data:
  cacerts.pem: ${JSON.stringify(ca)}
---
apiVersion: batch/v1
kind: Job
metadata: { name: rancher-pks-tui-reach }
spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: reach
          image: rancher/rancher-agent:v2.13.8
          command: ["curl", "-sS", "--max-time", "10", "--cacert", "/etc/rancher-pks-tui/cacerts.pem", "https://${fx.hostname}/ping"]
          volumeMounts: [{ name: ca, mountPath: /etc/rancher-pks-tui }]
      volumes: [{ name: ca, configMap: { name: rancher-pks-tui-reach-ca } }]
`;
}

async function reachOutcome(edge: string, ca: string): Promise<{ exitCode: string; log: string }> {
  await kubectl(edge, ['delete', 'job', 'rancher-pks-tui-reach', '--ignore-not-found']);
  expect((await kubectl(edge, ['apply', '-f', '-'], reachJob(ca))).code).toBe(0);
  const exitCode = await poll(async () => {
    const r = await kubectl(edge, [
      'get',
      'pods',
      '-l',
      'job-name=rancher-pks-tui-reach',
      '-o',
      'jsonpath={.items[0].status.containerStatuses[0].state.terminated.exitCode}',
    ]);
    return r.stdout || undefined;
  }, 'the reachability pod finished');
  const log = (await kubectl(edge, ['logs', 'job/rancher-pks-tui-reach'])).stdout;
  return { exitCode, log };
}

describe('edge clusters imported into the lab Rancher', () => {
  it('the reachability Job sees pong with Rancher CA, exit 60 with another', async () => {
    const good = await reachOutcome(
      'edge-001',
      readFileSync(join(fx.certsDir, 'cacerts.pem'), 'utf8'),
    );
    expect(good).toEqual({ exitCode: '0', log: 'pong\n' });
    const pksCa = readFileSync(join(lab.dir, 'edge', 'edge-001.kubeconfig'), 'utf8');
    const otherCa = Buffer.from(
      /certificate-authority-data: (\S+)/.exec(pksCa)![1]!,
      'base64',
    ).toString();
    const bad = await reachOutcome('edge-001', otherCa);
    expect(bad.exitCode).toBe('60');
    expect(bad.log.split('\n')[0]).toBe(
      'curl: (60) SSL certificate problem: unable to get local issuer certificate',
    );
  });

  it('an applied import manifest connects its agent: the cluster goes active; deleted, the agent goes', async () => {
    const { id, manifest } = await register('edge-001');
    const applied = await kubectl('edge-001', ['apply', '-f', '-'], manifest);
    expect(applied.code, applied.stderr).toBe(0);
    await poll(async () => (await state(id)) === 'active', 'edge-001 active');
    const log = await kubectl('edge-001', [
      'logs',
      '-n',
      'cattle-system',
      'deploy/cattle-cluster-agent',
    ]);
    expect(log.stdout).toContain(`INFO: https://${fx.hostname}/ping is accessible`);
    expect(log.stdout).toContain('msg="Connected to proxy"');
    expect(
      (
        await kubectl('edge-001', [
          'delete',
          'deploy',
          '-n',
          'cattle-system',
          'cattle-cluster-agent',
        ])
      ).code,
    ).toBe(0);
    await poll(async () => (await state(id)) !== 'active', 'edge-001 no longer active');
  });

  it('an agent that cannot resolve Rancher crash-loops until edgeNoDns is cleared', async () => {
    writeFileSync(join(lab.dir, 'faults.json'), JSON.stringify({ edgeNoDns: ['edge-002'] }));
    await poll(async () => lab.output().includes('"edgeNoDns":["edge-002"]'), 'the fault read');
    const { id, manifest } = await register('edge-002');
    expect((await kubectl('edge-002', ['apply', '-f', '-'], manifest)).code).toBe(0);
    await poll(async () => {
      const r = await kubectl('edge-002', [
        'get',
        'pods',
        '-n',
        'cattle-system',
        '-l',
        'app=cattle-cluster-agent',
        '-o',
        'jsonpath={.items[0].status.containerStatuses[0].restartCount}',
      ]);
      return Number(r.stdout) >= 2;
    }, 'restarts');
    const log = await kubectl('edge-002', [
      'logs',
      '-n',
      'cattle-system',
      'deploy/cattle-cluster-agent',
    ]);
    expect(log.stdout).toContain(
      `ERROR: https://${fx.hostname}/ping is not accessible (Could not resolve host: ${fx.hostname})`,
    );
    expect(await state(id)).not.toBe('active');
    writeFileSync(join(lab.dir, 'faults.json'), '{}');
    await poll(async () => (await state(id)) === 'active', 'edge-002 active after the fault');
  });

  it('behind a TLS-intercepting proxy (edgeCaMismatch) curl exits 60 and the agent fails its CA check', async () => {
    writeFileSync(join(lab.dir, 'faults.json'), JSON.stringify({ edgeCaMismatch: ['edge-003'] }));
    await poll(
      async () => lab.output().includes('"edgeCaMismatch":["edge-003"]'),
      'the fault read',
    );
    const rancherCa = readFileSync(join(fx.certsDir, 'cacerts.pem'), 'utf8');
    const reach = await reachOutcome('edge-003', rancherCa);
    expect(reach.exitCode).toBe('60');
    const { id, manifest } = await register('edge-003');
    expect((await kubectl('edge-003', ['apply', '-f', '-'], manifest)).code).toBe(0);
    const log = await poll(async () => {
      const r = await kubectl('edge-003', [
        'logs',
        '-n',
        'cattle-system',
        'deploy/cattle-cluster-agent',
      ]);
      return r.stdout.includes('Could not securely connect') ? r.stdout : undefined;
    }, 'the CA check failing');
    expect(log).toContain(
      `INFO: Value from https://${fx.hostname}/v3/settings/cacerts is an x509 certificate`,
    );
    expect(log).toContain('x509: certificate signed by unknown authority');
    expect(await state(id)).not.toBe('active');
    writeFileSync(join(lab.dir, 'faults.json'), '{}');
    await poll(async () => (await state(id)) === 'active', 'edge-003 active after the fault');
  });
});
