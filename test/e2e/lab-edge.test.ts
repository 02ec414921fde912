import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { edgeLabArgs, poll, startLab, type LabProcess } from '../helpers/lab-process.js';

// `lab up --edge-clusters`: light downstream clusters driven by real kubectl.
let lab: LabProcess;

const kubectl = (edge: string, args: string[], input?: string) =>
  lab.run(['kubectl', '--kubeconfig', join(lab.dir, 'edge', `${edge}.kubeconfig`), ...args], {
    ...(input !== undefined ? { input } : {}),
  });

const helloJob = `apiVersion: batch/v1
kind: Job
metadata:
  name: hello
spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: hello
          image: busybox:1.36
          command: ["sh", "-c", "echo hello"]
`;

/** The import's reachability Job (fleet design), against a Rancher this lab does not run. */
const reachJob = `apiVersion: v1
kind: ConfigMap
metadata:
  name: rancher-pks-tui-reach-ca
data:
  cacerts.pem: "not used: the name does not resolve first"
---
apiVersion: batch/v1
kind: Job
metadata:
  name: rancher-pks-tui-reach
spec:
  backoffLimit: 0
  ttlSecondsAfterFinished: 300
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: reach
          image: rancher/rancher-agent:v2.13.8
          command: ["curl", "-sS", "--max-time", "10", "--cacert", "/etc/rancher-pks-tui/cacerts.pem", "https://rancher.lab.test/ping"]
          volumeMounts:
            - { name: ca, mountPath: /etc/rancher-pks-tui }
      volumes:
        - { name: ca, configMap: { name: rancher-pks-tui-reach-ca } }
`;

beforeAll(async () => {
  lab = await startLab(edgeLabArgs({ count: 3, offline: 1 }));
});

afterAll(async () => {
  expect(await lab.stop()).toBe(0);
});

describe('lab up --edge-clusters 3 --edge-offline 1', () => {
  it('writes the inventory in the import format and names it', () => {
    const path = join(lab.dir, 'edge-inventory.yaml');
    expect(lab.output()).toContain(`inventory:    ${path}`);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(parse(readFileSync(path, 'utf8'))).toEqual({
      clusters: [
        {
          name: 'edge-001',
          kubeconfig: 'edge/edge-001.kubeconfig',
          context: 'edge-001',
          labels: { site: 'store-001', region: 'emea', environment: 'prod' },
        },
        {
          name: 'edge-002',
          kubeconfig: 'edge/edge-002.kubeconfig',
          context: 'edge-002',
          labels: { site: 'store-002', region: 'us', environment: 'prod' },
        },
        {
          name: 'edge-003',
          mode: 'offline',
          labels: { site: 'store-003', region: 'apac', environment: 'prod' },
        },
      ],
    });
    const info = JSON.parse(readFileSync(join(lab.dir, 'lab.json'), 'utf8')) as {
      edgeInventory?: string;
    };
    expect(info.edgeInventory).toBe(path);
  });

  it('serves each edge on its own address with its own 0600 kubeconfig', async () => {
    expect(statSync(join(lab.dir, 'edge', 'edge-001.kubeconfig')).mode & 0o777).toBe(0o600);
    const nodes = await kubectl('edge-001', ['get', 'nodes', '-o', 'json']);
    expect(nodes.code).toBe(0);
    const items = (
      JSON.parse(nodes.stdout) as { items: { status: { nodeInfo: { kubeletVersion: string } } }[] }
    ).items;
    expect(items.length).toBeGreaterThan(0);
    expect(items[0]!.status.nodeInfo.kubeletVersion).toBe('v1.31.4');
    const servers = await Promise.all(
      ['edge-001', 'edge-002', 'edge-003'].map(
        async (e) =>
          (await kubectl(e, ['config', 'view', '-o', 'jsonpath={.clusters[0].cluster.server}']))
            .stdout,
      ),
    );
    expect(new Set(servers).size).toBe(3);
    for (const s of servers) expect(s).toMatch(/^https:\/\/127\.\d+\.16\.\d+:8443$/);
    // The offline site's API server runs: site staff apply the bundle there.
    expect((await kubectl('edge-003', ['get', 'ns', 'default'])).code).toBe(0);
  });

  it('runs a Job to completion, its log readable, and deletes it with its pod', async () => {
    expect((await kubectl('edge-001', ['apply', '-f', '-'], helloJob)).code).toBe(0);
    await poll(async () => {
      const r = await kubectl('edge-001', [
        'get',
        'job',
        'hello',
        '-o',
        'jsonpath={.status.conditions[?(@.type=="Complete")].status}',
      ]);
      return r.stdout === 'True';
    }, 'the Job complete');
    const table = await kubectl('edge-001', ['get', 'jobs']);
    expect(table.stdout).toMatch(/^NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE\n/);
    expect(table.stdout).toMatch(/\nhello\s+Complete\s+1\/1\s/);
    expect(
      (await kubectl('edge-001', ['delete', 'job', 'hello', '--cascade=background'])).code,
    ).toBe(0);
    await poll(
      async () =>
        (await kubectl('edge-001', ['get', 'pods', '-l', 'job-name=hello', '-o', 'name']))
          .stdout === '',
      'the pod gone',
    );
  });

  it('runs the reachability Job: curl exits 6 where Rancher does not resolve', async () => {
    expect((await kubectl('edge-002', ['apply', '-f', '-'], reachJob)).code).toBe(0);
    await poll(async () => {
      const r = await kubectl('edge-002', [
        'get',
        'job',
        'rancher-pks-tui-reach',
        '-o',
        'jsonpath={.status.conditions[?(@.type=="Failed")].status}',
      ]);
      return r.stdout === 'True';
    }, 'the Job failed');
    const exit = await kubectl('edge-002', [
      'get',
      'pods',
      '-l',
      'job-name=rancher-pks-tui-reach',
      '-o',
      'jsonpath={.items[0].status.containerStatuses[0].state.terminated.exitCode}',
    ]);
    expect(exit.stdout).toBe('6');
    const logs = await kubectl('edge-002', ['logs', 'job/rancher-pks-tui-reach']);
    expect(logs.stdout).toBe('curl: (6) Could not resolve host: rancher.lab.test\n');
  });

  it('refuses connections while edgeUnreachable names an edge, answers once cleared', async () => {
    writeFileSync(join(lab.dir, 'faults.json'), JSON.stringify({ edgeUnreachable: ['edge-002'] }));
    await poll(async () => {
      const r = await kubectl('edge-002', ['get', 'ns', '--request-timeout=5s']);
      return r.code !== 0 && r.stderr.includes('refused');
    }, 'edge-002 refusing');
    expect((await kubectl('edge-001', ['get', 'ns'])).code).toBe(0);
    writeFileSync(join(lab.dir, 'faults.json'), '{}');
    await poll(async () => (await kubectl('edge-002', ['get', 'ns'])).code === 0, 'edge-002 back');
  });
});
