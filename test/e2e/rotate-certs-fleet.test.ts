import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCa, issueCert } from '../../source/lab/pki.js';
import { installFixture, type InstallFixture } from '../helpers/install-fixture.js';
import { edgeLabArgs, startLab, type LabProcess } from '../helpers/lab-process.js';

// A CA change with clusters this tool imported: Rancher restarts, each edge cluster's agent is
// given the new CA checksum through its own API and comes back Active; a re-run changes nothing.
let lab: LabProcess;
let fx: InstallFixture;
let env: Record<string, string>;

beforeAll(async () => {
  lab = await startLab(edgeLabArgs({ count: 2 }), '0');
  fx = await installFixture(lab.dir);
  env = { RANCHER_PKS_TUI_HOME: fx.home, RANCHER_PKS_TUI_WAIT_SCALE: '0.05' };
  const installed = await lab.cli(['install', '--answers', fx.answersFile, '--yes'], { env });
  expect(installed.code, installed.stdout.slice(-1500)).toBe(0);
  const imported = await lab.cli(
    ['import', '--inventory', join(lab.dir, 'edge-inventory.yaml'), '--yes'],
    { env, timeoutMs: 170_000 },
  );
  expect(imported.code, imported.stdout.slice(-2500)).toBe(0);
  expect(imported.stdout).toContain('2 of 2 clusters active');
}, 240_000);

afterAll(async () => {
  await lab?.stop();
});

function mutations(entries: Record<string, unknown>[]): Record<string, unknown>[] {
  return entries.filter((e) => (e.kind === 'api' && e.method !== 'GET') || e.mutating === true);
}

/** The checksum the edge's agent pins (its Deployment's CATTLE_CA_CHECKSUM). */
async function pinned(edge: string): Promise<string> {
  const r = await lab.run([
    'kubectl',
    '--kubeconfig',
    join(lab.dir, 'edge', `${edge}.kubeconfig`),
    '-n',
    'cattle-system',
    'get',
    'deploy',
    'cattle-cluster-agent',
    '-o',
    'jsonpath={.spec.template.spec.containers[0].env[?(@.name=="CATTLE_CA_CHECKSUM")].value}',
  ]);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.trim();
}

/** Rancher's clusters by display name, with their Ready condition. */
async function readyClusters(): Promise<Record<string, string>> {
  const r = await lab.run(['kubectl', 'get', 'clusters.management.cattle.io', '-o', 'json']);
  const list = JSON.parse(r.stdout) as {
    items: {
      spec: { displayName?: string };
      metadata: { name: string };
      status?: { conditions?: { type: string; status: string }[] };
    }[];
  };
  return Object.fromEntries(
    list.items.map((c) => [
      c.spec.displayName ?? c.metadata.name,
      c.status?.conditions?.find((x) => x.type === 'Ready')?.status ?? '',
    ]),
  );
}

describe('rotate-certs with imported clusters', () => {
  it('a new CA: the agents of the imported clusters pin it and come back Active; a re-run changes nothing', async () => {
    const sha = (pem: string) => createHash('sha256').update(pem).digest('hex');
    const before = await pinned('edge-001');
    expect(before).not.toBe('');

    const ca = await createCa({ commonName: 'Next Enterprise Root CA' });
    const server = await issueCert(ca, { commonName: fx.hostname, dnsNames: [fx.hostname] });
    const folder = join(fx.certsDir, 'next');
    mkdirSync(folder, { recursive: true });
    const files = {
      cert: join(folder, 'rancher.cer'),
      key: join(folder, 'rancher.key'),
      caCerts: join(folder, 'cacerts.pem'),
    };
    writeFileSync(files.cert, server.certPem);
    writeFileSync(files.key, server.keyPem, { mode: 0o600 });
    writeFileSync(files.caCerts, ca.certPem);
    const argv = [
      'rotate-certs',
      '--cert',
      files.cert,
      '--key',
      files.key,
      '--ca-certs',
      files.caCerts,
      '--yes',
    ];
    const dropped = () => (lab.output().match(/agent disconnected/g) ?? []).length;
    const droppedBefore = dropped();
    const r = await lab.cli(argv, { env, timeoutMs: 170_000 });
    expect(r.code, r.stdout.slice(-3000)).toBe(0);
    expect(r.stdout).toMatch(
      /agents to update and watch come back Active: edge-001 \(c-\w+\), edge-002 \(c-\w+\)/,
    );
    expect(r.stdout).toMatch(
      /edge-001: deployment\/cattle-cluster-agent now pins CATTLE_CA_CHECKSUM=/,
    );
    expect(r.stdout).toContain('2 clusters Active');
    // Rancher's restart cut both agents off (they pinned the old CA) until they were updated.
    expect(dropped() - droppedBefore).toBe(2);
    const wanted = sha(ca.certPem.endsWith('\n') ? ca.certPem : ca.certPem + '\n');
    expect(await pinned('edge-001')).toBe(wanted);
    expect(await pinned('edge-002')).toBe(wanted);
    const ready = await readyClusters();
    expect(ready['edge-001']).toBe('True');
    expect(ready['edge-002']).toBe('True');

    const mark = mutations(lab.audit()).length;
    const again = await lab.cli(argv, { env, timeoutMs: 170_000 });
    expect(again.code, again.stdout.slice(-2500)).toBe(0);
    expect(again.stdout).toContain('the CA stays');
    expect(mutations(lab.audit()).slice(mark)).toEqual([]);
  }, 240_000);
});
