import { Resolver } from 'node:dns/promises';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCa, issueCert } from '../../source/lab/pki.js';
import { poll, startLab, type LabProcess } from '../helpers/lab-process.js';

// The issue's walk through the lab: the built CLI, real kubectl, the fake pks and helm.
let lab: LabProcess;
const cluster = 'czpksrancher05';
const apiHost = `${cluster}.lab.test`;

function resolver(): Resolver {
  const r = new Resolver();
  r.setServers([lab.env().RANCHER_PKS_TUI_DNS_SERVERS!]);
  return r;
}

interface PodJson {
  spec: { nodeName?: string };
  status: { conditions?: { type: string; status: string }[] };
}

function readyPods(stdout: string): PodJson[] {
  const items = (JSON.parse(stdout) as { items: PodJson[] }).items;
  return items.filter((p) =>
    p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
  );
}

beforeAll(async () => {
  lab = await startLab();
});

afterAll(async () => {
  expect(await lab.stop()).toBe(0);
});

describe('lab up', () => {
  it('writes env.sh with PATH, KUBECONFIG and the DNS server', () => {
    const env = lab.env();
    expect(env.KUBECONFIG).toBe(join(lab.dir, 'kubeconfig'));
    expect(env.RANCHER_PKS_TUI_DNS_SERVERS).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  it('provisions a cluster with pks as the walkthrough does', async () => {
    const plans = await lab.run(['pks', 'plans', '--json']);
    expect(plans.code).toBe(0);
    expect((JSON.parse(plans.stdout) as { name: string }[]).map((p) => p.name)).toContain(
      'rancher',
    );
    writeFileSync(
      join(lab.dir, 'lb-medium.json'),
      JSON.stringify({
        name: 'lb-medium',
        description: 'medium LB',
        parameters: { lb_size: 'medium' },
      }),
    );
    const profile = await lab.run(['pks', 'create-network-profile', 'lb-medium.json']);
    expect(profile.stdout).toContain('Network profile lb-medium successfully created');
    const created = await lab.run([
      'pks',
      'create-cluster',
      cluster,
      '-e',
      apiHost,
      '-p',
      'rancher',
      '--network-profile',
      'lb-medium',
    ]);
    expect(created.code).toBe(0);
    const state = await poll(async () => {
      const r = await lab.run(['pks', 'cluster', cluster, '--json']);
      const c = JSON.parse(r.stdout) as {
        last_action_state: string;
        kubernetes_master_ips: string[];
      };
      return c.last_action_state === 'succeeded' ? c : undefined;
    }, 'the cluster to succeed');
    expect(state.kubernetes_master_ips[0]).toMatch(/^127\./);
    const creds = await lab.run(['pks', 'get-credentials', cluster]);
    expect(creds.stdout).toContain(`Context set for cluster ${cluster}`);
    expect(await resolver().resolve4(apiHost)).toEqual([state.kubernetes_master_ips[0]]);
  });

  it('serves real kubectl: nodes, namespaces, secrets, watch, wait, delete', async () => {
    const nodes = await poll(async () => {
      const r = await lab.run(['kubectl', 'get', 'nodes', '--no-headers']);
      const ready = r.stdout.split('\n').filter((l) => /\sReady\s/.test(l));
      return ready.length === 6 ? ready : undefined;
    }, '6 ready nodes');
    expect(nodes).toHaveLength(6);
    expect((await lab.run(['kubectl', 'create', 'ns', 'cattle-system'])).stdout).toContain(
      'created',
    );
    const dup = await lab.run(['kubectl', 'create', 'ns', 'cattle-system']);
    expect(dup.code).not.toBe(0);
    expect(dup.stderr).toContain('AlreadyExists');

    const ca = await createCa({ commonName: 'Lab Test CA' });
    const server = await issueCert(ca, {
      commonName: 'rancher.lab.test',
      dnsNames: ['rancher.lab.test'],
    });
    writeFileSync(join(lab.dir, 'ca.pem'), 'CA BYTES\n');
    writeFileSync(join(lab.dir, 'tls.crt'), server.certPem);
    writeFileSync(join(lab.dir, 'tls.key'), server.keyPem, { mode: 0o600 });
    await lab.run([
      'kubectl',
      '-n',
      'cattle-system',
      'create',
      'secret',
      'generic',
      'tls-ca',
      '--from-file=cacerts.pem=ca.pem',
    ]);
    const tls = await lab.run([
      'kubectl',
      '-n',
      'cattle-system',
      'create',
      'secret',
      'tls',
      'tls-rancher-ingress',
      '--cert=tls.crt',
      '--key=tls.key',
    ]);
    expect(tls.stdout).toContain('secret/tls-rancher-ingress created');
    const json = await lab.run([
      'kubectl',
      '-n',
      'cattle-system',
      'get',
      'secret',
      'tls-ca',
      '-o',
      'json',
    ]);
    const data = (JSON.parse(json.stdout) as { data: Record<string, string> }).data;
    expect(Buffer.from(data['cacerts.pem']!, 'base64').toString()).toBe('CA BYTES\n');
    const type = await lab.run([
      'kubectl',
      '-n',
      'cattle-system',
      'get',
      'secret',
      'tls-rancher-ingress',
      '-o',
      'jsonpath={.type}',
    ]);
    expect(type.stdout).toBe('kubernetes.io/tls');

    // `kubectl get -w` seeing a later create: test/lab/kube/api-server.test.ts (it streams).
    await lab.run(['kubectl', 'create', 'ns', 'made-meanwhile']);

    await lab.run([
      'kubectl',
      '-n',
      'made-meanwhile',
      'create',
      'deployment',
      'web',
      '--image=nginx',
      '--replicas=2',
    ]);
    await poll(
      async () =>
        (
          await lab.run([
            'kubectl',
            '-n',
            'made-meanwhile',
            'get',
            'pods',
            '-l',
            'app=web',
            '-o',
            'name',
          ])
        ).stdout
          .trim()
          .split('\n').length === 2,
      'the pods',
    );
    const waited = await lab.run([
      'kubectl',
      '-n',
      'made-meanwhile',
      'wait',
      '--for=condition=Ready',
      'pod',
      '-l',
      'app=web',
      '--timeout=60s',
    ]);
    expect(waited.stdout.match(/condition met/g)).toHaveLength(2);
    expect((await lab.run(['kubectl', 'delete', 'ns', 'made-meanwhile'])).stdout).toContain(
      'deleted',
    );
    expect((await lab.run(['kubectl', 'get', 'ns', 'made-meanwhile'])).stderr).toContain(
      'NotFound',
    );
  });

  it('installs ingress-nginx with helm: a controller per worker and a LoadBalancer IP', async () => {
    const added = await lab.run([
      'helm',
      'repo',
      'add',
      'ingress-nginx',
      'https://kubernetes.github.io/ingress-nginx',
    ]);
    expect(added.stdout).toContain('"ingress-nginx" has been added to your repositories');
    const installed = await lab.run([
      'helm',
      'upgrade',
      '--install',
      'ingress-nginx',
      'ingress-nginx/ingress-nginx',
      '-n',
      'cattle-system',
      '--set',
      'controller.kind=DaemonSet',
    ]);
    expect(installed.code).toBe(0);
    const pods = await poll(async () => {
      const r = await lab.run([
        'kubectl',
        '-n',
        'cattle-system',
        'get',
        'pods',
        '-l',
        'app.kubernetes.io/name=ingress-nginx',
        '-o',
        'json',
      ]);
      const ready = readyPods(r.stdout);
      return ready.length === 3 ? ready : undefined;
    }, '3 ready controller pods');
    expect(new Set(pods.map((p) => p.spec.nodeName)).size).toBe(3);
    const ip = await poll(async () => {
      const r = await lab.run([
        'kubectl',
        '-n',
        'cattle-system',
        'get',
        'svc',
        'ingress-nginx-controller',
        '-o',
        'jsonpath={.status.loadBalancer.ingress[0].ip}',
      ]);
      return r.stdout || undefined;
    }, 'the LoadBalancer IP');
    expect(ip).toMatch(/^127\./);
  });

  it('adds an A record by hand with `lab dns add`', async () => {
    const added = await lab.cli([
      'lab',
      'dns',
      'add',
      'by-hand.lab.test',
      '127.9.9.9',
      '--dir',
      lab.dir,
    ]);
    expect(added.code).toBe(0);
    expect(await resolver().resolve4('by-hand.lab.test')).toEqual(['127.9.9.9']);
    const bad = await lab.cli([
      'lab',
      'dns',
      'add',
      'by-hand.lab.test',
      'not-an-ip',
      '--dir',
      lab.dir,
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('re-reads DIR/faults.json while running', async () => {
    const r = resolver();
    expect(await r.resolve4('by-hand.lab.test')).toEqual(['127.9.9.9']);
    writeFileSync(join(lab.dir, 'faults.json'), JSON.stringify({ pksCreateFails: true }));
    const created = await lab.run([
      'pks',
      'create-cluster',
      'doomed',
      '-e',
      'doomed.lab.test',
      '-p',
      'rancher',
    ]);
    expect(created.code).toBe(0);
    const failed = await poll(async () => {
      const c = JSON.parse((await lab.run(['pks', 'cluster', 'doomed', '--json'])).stdout) as {
        last_action_state: string;
      };
      return c.last_action_state === 'failed' ? c : undefined;
    }, 'the create to fail');
    expect(failed.last_action_state).toBe('failed');
    writeFileSync(join(lab.dir, 'faults.json'), '{}');
  });

  it('audits mutating API requests and every CLI call', () => {
    const entries = lab.audit();
    expect(
      entries.some((e) => e.kind === 'cli' && (e.argv as string[])[0] === 'create-cluster'),
    ).toBe(true);
    expect(
      entries.some(
        (e) => e.kind === 'api' && e.method === 'POST' && String(e.path).endsWith('/namespaces'),
      ),
    ).toBe(true);
    expect(entries.every((e) => e.kind !== 'api' || e.method !== 'GET')).toBe(true);
    const cli = entries.filter((e) => e.kind === 'cli');
    expect(cli.find((e) => (e.argv as string[])[0] === 'plans')?.mutating).toBe(false);
    expect(cli.find((e) => (e.argv as string[])[0] === 'create-cluster')?.mutating).toBe(true);
  });
});
