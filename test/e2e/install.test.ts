import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probe } from '../../source/systems/https.js';
import { installFixture, type InstallFixture } from '../helpers/install-fixture.js';
import { startLab, type LabProcess } from '../helpers/lab-process.js';

// issue 3's "must show", through the built CLI against a lab process.
let lab: LabProcess;
let fx: InstallFixture;
const password = 'bootstrap-Pa55-never-on-disk';

function env(): Record<string, string> {
  return { RANCHER_PKS_TUI_HOME: fx.home, RANCHER_BOOTSTRAP_PASSWORD: password };
}

function mutations(entries: Record<string, unknown>[]): Record<string, unknown>[] {
  return entries.filter((e) => e.kind === 'api' || e.mutating === true);
}

async function kubectlJson<T>(...args: string[]): Promise<T> {
  const r = await lab.run(['kubectl', ...args, '-o', 'json']);
  return JSON.parse(r.stdout) as T;
}

beforeAll(async () => {
  lab = await startLab([], '0');
  fx = await installFixture(lab.dir);
});

afterAll(async () => {
  await lab.stop();
});

describe('install --answers --yes', () => {
  it('installs Rancher HA end to end', async () => {
    const r = await lab.cli(['install', '--answers', fx.answersFile, '--yes'], { env: env() });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Rancher is up: https://rancher.lab.test');

    const deploy = await kubectlJson<{ status: { readyReplicas: number } }>(
      '-n',
      'cattle-system',
      'get',
      'deploy',
      'rancher',
    );
    expect(deploy.status.readyReplicas).toBe(3);
    const pods = await kubectlJson<{ items: { spec: { nodeName: string } }[] }>(
      '-n',
      'cattle-system',
      'get',
      'po',
      '-l',
      'app=rancher',
    );
    expect(new Set(pods.items.map((p) => p.spec.nodeName)).size).toBe(3);
    // Three workers for three replicas: the spread is guaranteed, not only preferred.
    const values = await lab.run([
      'helm',
      'get',
      'values',
      'rancher',
      '-n',
      'cattle-system',
      '-o',
      'json',
    ]);
    expect(JSON.parse(values.stdout)).toMatchObject({ antiAffinity: 'required', replicas: 3 });
    const ca = await kubectlJson<{ data: Record<string, string> }>(
      '-n',
      'cattle-system',
      'get',
      'secret',
      'tls-ca',
    );
    expect(Buffer.from(ca.data['cacerts.pem']!, 'base64').toString()).toBe(
      readFileSync(join(fx.certsDir, 'cacerts.pem'), 'utf8'),
    );
    const tls = await kubectlJson<{ type: string }>(
      '-n',
      'cattle-system',
      'get',
      'secret',
      'tls-rancher-ingress',
    );
    expect(tls.type).toBe('kubernetes.io/tls');
    const ingresses = await kubectlJson<{
      items: { spec: { ingressClassName: string; tls: { secretName: string }[] } }[];
    }>('-n', 'cattle-system', 'get', 'ingress');
    expect(ingresses.items).toHaveLength(1);
    expect(ingresses.items[0]!.spec.ingressClassName).toBe('traefik');
    expect(ingresses.items[0]!.spec.tls[0]!.secretName).toBe('tls-rancher-ingress');

    const svc = await kubectlJson<{ status: { loadBalancer: { ingress: { ip: string }[] } } }>(
      '-n',
      'cattle-system',
      'get',
      'svc',
      'traefik',
    );
    const ping = await probe({
      ip: svc.status.loadBalancer.ingress[0]!.ip,
      port: Number(lab.env().RANCHER_PKS_TUI_INGRESS_HTTPS_PORT),
      hostname: fx.hostname,
      caPem: readFileSync(join(fx.certsDir, 'cacerts.pem'), 'utf8'),
      path: '/ping',
    });
    expect(ping.tlsOk).toBe(true);
    expect(ping.status).toBe(200);
    expect(ping.body?.trim()).toBe('pong');
  });

  it('changes nothing when run again, and exits 0', async () => {
    const before = mutations(lab.audit()).length;
    const r = await lab.cli(['install', '--answers', fx.answersFile, '--yes'], { env: env() });
    expect(r.code).toBe(0);
    expect(mutations(lab.audit()).slice(before)).toEqual([]);
    expect(r.stdout).toMatch(/Create the cluster: already done/);
  });

  it('prints a runbook listing the operations the install performed', async () => {
    const r = await lab.cli(['plan', '--answers', fx.answersFile]);
    expect(r.code).toBe(0);
    const performed = mutations(lab.audit())
      .filter((e) => e.kind === 'cli')
      .map((e) => (e.argv as string[]).filter((a) => !a.startsWith('-'))[0]);
    for (const op of new Set(performed)) expect(r.stdout).toContain(` ${op} `);
    for (const op of [
      'pks create-network-profile',
      'pks create-cluster czpksrancher05',
      'pks get-credentials',
      'helm repo add traefik',
      'helm upgrade --install traefik',
      'helm upgrade --install rancher',
      'kubectl -n cattle-system create secret generic tls-ca',
      'kind: Ingress',
    ]) {
      expect(r.stdout).toContain(op);
    }
  });

  it('keeps no private key, password or token in the session folder or transcript', () => {
    const files = readdirSync(join(fx.home, 'sessions')).map((f) =>
      readFileSync(join(fx.home, 'sessions', f), 'utf8'),
    );
    expect(files.length).toBeGreaterThan(1);
    const kubeToken = /token: (\S+)/.exec(readFileSync(lab.env().KUBECONFIG!, 'utf8'))![1]!;
    const key = readFileSync(join(fx.certsDir, 'rancher.key'), 'utf8');
    const keyBody = key.split('\n')[1]!;
    for (const text of files) {
      expect(text).not.toContain('PRIVATE KEY');
      expect(text).not.toContain(keyBody);
      expect(text).not.toContain(Buffer.from(key).toString('base64').slice(0, 40));
      expect(text).not.toContain(password);
      expect(text).not.toContain(kubeToken);
    }
  });

  it('lists the session', async () => {
    const r = await lab.cli(['sessions'], { env: env() });
    expect(r.stdout).toMatch(/czpksrancher05\s+rancher\.lab\.test\s+finish\s+done/);
  });
});

describe('install on a cluster with a cordoned worker', () => {
  let other: LabProcess;
  let ofx: InstallFixture;
  beforeAll(async () => {
    other = await startLab([], '0');
    ofx = await installFixture(other.dir, 'czpkscordoned');
  });
  afterAll(() => other.stop());

  it('finishes with the pods on the workers there are, instead of waiting for a third', async () => {
    writeFileSync(
      join(other.dir, 'np.json'),
      JSON.stringify({ name: 'lb-medium', parameters: { lb_size: 'medium' } }),
    );
    expect((await other.run(['pks', 'create-network-profile', 'np.json'])).code).toBe(0);
    const created = await other.run([
      'pks',
      'create-cluster',
      'czpkscordoned',
      '-e',
      'czpkscordoned.lab.test',
      '-p',
      'rancher',
      '--network-profile',
      'lb-medium',
      '--non-interactive',
      '--wait',
    ]);
    expect(created.code, created.stderr).toBe(0);
    expect((await other.run(['pks', 'get-credentials', 'czpkscordoned'])).code).toBe(0);
    const nodes = await other.run([
      'kubectl',
      'get',
      'nodes',
      '-o',
      'name',
      '-l',
      '!node-role.kubernetes.io/master',
    ]);
    const worker = nodes.stdout.trim().split('\n')[0]!;
    expect((await other.run(['kubectl', 'cordon', worker])).code).toBe(0);

    const r = await other.cli(['install', '--answers', ofx.answersFile, '--yes'], {
      env: { RANCHER_PKS_TUI_HOME: ofx.home },
    });
    expect(r.code, r.stdout.slice(-2000)).toBe(0);
    expect(r.stdout).toContain('3 Rancher pods on 2 nodes');
    const values = await other.run([
      'helm',
      'get',
      'values',
      'rancher',
      '-n',
      'cattle-system',
      '-o',
      'json',
    ]);
    expect(JSON.parse(values.stdout)).toMatchObject({ antiAffinity: 'preferred' });
  }, 120_000);
});
