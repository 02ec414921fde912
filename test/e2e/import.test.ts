import { Resolver } from 'node:dns/promises';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { installFixture, type InstallFixture } from '../helpers/install-fixture.js';
import { edgeLabArgs, poll, startLab, type LabProcess } from '../helpers/lab-process.js';

// The fleet import through the real CLI against a lab: its Rancher API, edge clusters with
// their own API servers, the agent simulation, real kubectl for the offline bundles.
let lab: LabProcess;
let fx: InstallFixture;
let env: Record<string, string>;

interface Row {
  name: string;
  mode?: string;
}

/** A slice of the lab's inventory, written next to it (its kubeconfig paths are relative). */
function inventory(file: string, names: (all: Row[]) => Row[]): string {
  const doc = parse(readFileSync(join(lab.dir, 'edge-inventory.yaml'), 'utf8')) as {
    clusters: Row[];
  };
  const path = join(lab.dir, file);
  writeFileSync(path, stringify({ clusters: names(doc.clusters) }));
  return path;
}

/** Rancher's clusters by name, as its API lists them (RANCHER_TOKEN from env.sh, real curl). */
async function rancherNames(): Promise<string[]> {
  const vars = lab.env();
  const resolver = new Resolver();
  resolver.setServers([vars.RANCHER_PKS_TUI_DNS_SERVERS!]);
  const [vip] = await resolver.resolve4(fx.hostname);
  const port = vars.RANCHER_PKS_TUI_INGRESS_HTTPS_PORT!;
  const r = await lab.run([
    'sh',
    '-c',
    'exec curl -sS --cacert "$0" --resolve "$1" -H "Authorization: Bearer $RANCHER_TOKEN" "$2"',
    join(fx.certsDir, 'cacerts.pem'),
    `${fx.hostname}:${port}:${vip}`,
    `https://${fx.hostname}:${port}/v3/clusters`,
  ]);
  const list = JSON.parse(r.stdout) as { data: { name: string }[] };
  return list.data.map((c) => c.name);
}

/** Applies each offline bundle as a person at the site would, once it is written. */
async function applyBundles(names: string[]): Promise<void> {
  const root = join(fx.home, 'sessions');
  for (const name of names) {
    const folder = await poll(async () => {
      const dirs = (
        await lab.run(['sh', '-c', `ls -d "${root}"/*.bundles/${name} 2>/dev/null`])
      ).stdout.trim();
      return dirs && existsSync(join(dirs, 'import.yaml')) ? dirs : undefined;
    }, `the bundle of ${name}`);
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    expect(statSync(join(folder, 'import.yaml')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(folder, 'command.txt'), 'utf8')).toContain(
      'kubectl apply -f import.yaml',
    );
    const applied = await lab.run(
      [
        'kubectl',
        '--kubeconfig',
        join(lab.dir, 'edge', `${name}.kubeconfig`),
        'apply',
        '-f',
        'import.yaml',
      ],
      { cwd: folder },
    );
    expect(applied.code, applied.stderr).toBe(0);
  }
}

beforeAll(async () => {
  lab = await startLab(edgeLabArgs({ count: 9, offline: 2 }), '0');
  fx = await installFixture(lab.dir);
  env = { RANCHER_PKS_TUI_HOME: fx.home, RANCHER_PKS_TUI_WAIT_SCALE: '0.05' };
  const installed = await lab.cli(['install', '--answers', fx.answersFile, '--yes'], { env });
  expect(installed.code, installed.stdout.slice(-1500)).toBe(0);
}, 180_000);

afterAll(async () => {
  await lab.stop();
});

describe('import', () => {
  it('kill -9 mid-import, then resume: every cluster Active once, offline bundles applied with kubectl', async () => {
    const file = inventory('fleet.yaml', (all) =>
      all.filter((r) => !['edge-001', 'edge-002', 'edge-003'].includes(r.name)),
    );
    const offline = parse(readFileSync(file, 'utf8'))
      .clusters.filter((r: Row) => r.mode === 'offline')
      .map((r: Row) => r.name) as string[];
    expect(offline.length).toBe(2);
    const child = lab.spawnCli(['import', '--inventory', file, '--yes', '--concurrency', '3'], env);
    let out = '';
    child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    await poll(
      async () => (out.match(/: connecting \(/g) ?? []).length >= 1 || undefined,
      'a cluster connecting',
      120_000,
    );
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const resumed = lab.cli(['resume'], { env, timeoutMs: 170_000 });
    await applyBundles(offline);
    const r = await resumed;
    expect(r.code, r.stdout.slice(-3000)).toBe(0);
    expect(r.stdout).toContain('6 of 6 clusters active');
    const names = await rancherNames();
    for (const row of parse(readFileSync(file, 'utf8')).clusters as Row[])
      expect(
        names.filter((n) => n === row.name),
        row.name,
      ).toHaveLength(1);
  }, 240_000);

  it('a re-run reuses every cluster; --json prints only the result on stdout', async () => {
    const file = join(lab.dir, 'fleet.yaml');
    const r = await lab.cli(['import', '--inventory', file, '--yes', '--json'], {
      env,
      timeoutMs: 120_000,
    });
    expect(r.code, r.stderr.slice(-2000)).toBe(0);
    const rows = JSON.parse(r.stdout) as { name: string; state: string }[];
    expect(rows).toHaveLength(6);
    expect(rows.every((row) => row.state === 'active')).toBe(true);
    const names = await rancherNames();
    for (const row of rows) expect(names.filter((n) => n === row.name)).toHaveLength(1);
  }, 150_000);

  it('each fault ends only its own cluster, with its own reason', async () => {
    writeFileSync(
      join(lab.dir, 'faults.json'),
      JSON.stringify({
        edgeUnreachable: ['edge-001'],
        edgeNoDns: ['edge-002'],
        edgeCaMismatch: ['edge-003'],
      }),
    );
    const file = inventory('faults.yaml', (all) =>
      all.filter((r) => ['edge-001', 'edge-002', 'edge-003', 'edge-004'].includes(r.name)),
    );
    const r = await lab.cli(['import', '--inventory', file, '--yes', '--json'], {
      env,
      timeoutMs: 150_000,
    });
    writeFileSync(join(lab.dir, 'faults.json'), '{}');
    expect(r.code, r.stderr.slice(-2000)).toBe(1);
    const rows = JSON.parse(r.stdout) as {
      name: string;
      state: string;
      error: string | null;
      fix: string | null;
    }[];
    const by = Object.fromEntries(rows.map((row) => [row.name, row]));
    // edge-004 was imported by the first test: still Active, reused.
    expect(by['edge-004']!.state).toBe('active');
    expect(by['edge-003']).toMatchObject({
      state: 'failed',
      error: expect.stringMatching(/^TLS\/CA: /),
    });
    expect(by['edge-001']).toMatchObject({
      state: 'failed',
      error: expect.stringContaining('does not answer'),
    });
    expect(by['edge-002']).toMatchObject({
      state: 'failed',
      error: expect.stringMatching(/^DNS: .*Could not resolve host/),
    });
    expect(r.stderr).toMatch(/FAILED edge-001: .*\n\s+what to do: /);
  }, 180_000);
});
