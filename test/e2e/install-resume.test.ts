import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { installFixture } from '../helpers/install-fixture.js';
import { startLab, type LabProcess } from '../helpers/lab-process.js';

// Killed with SIGKILL at several points, `resume` finishes with no duplicates.
// (Ctrl-C has its own file, install-resume-ctrl-c.test.ts: two workers share them.)
let lab: LabProcess | undefined;

afterEach(async () => {
  await lab?.stop();
  lab = undefined;
});

function killAt(
  l: LabProcess,
  args: string[],
  env: Record<string, string>,
  marker: RegExp,
): Promise<string> {
  return new Promise((resolve) => {
    const child = l.spawnCli(args, env);
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (marker.test(out) && child.exitCode === null) child.kill('SIGKILL');
    });
    child.on('exit', () => resolve(out));
  });
}

interface Items<T> {
  items: T[];
}

async function json<T>(l: LabProcess, argv: string[]): Promise<T> {
  return JSON.parse((await l.run(argv)).stdout) as T;
}

const points: [string, RegExp][] = [
  ['while the cluster provisions', /\[cluster\] Wait for provisioning …/],
  ['as the certificates are created', /\[certificates\] Secret tls-ca \(cacerts\.pem\) …/],
  ['while helm installs Traefik', /\[ingress\] Ingress controller \(DaemonSet\) …/],
  ['while helm installs Rancher', /\[rancher\] helm upgrade --install rancher …/],
  ['while Rancher rolls out', /\[rancher\] Rancher pods ready on distinct nodes …/],
];

describe('resume after SIGKILL', () => {
  it.each(points)('finishes when killed %s', async (_what, marker) => {
    lab = await startLab([], '0.05');
    const fx = await installFixture(lab.dir);
    const env = { RANCHER_PKS_TUI_HOME: fx.home };
    const before = await killAt(
      lab,
      ['install', '--answers', fx.answersFile, '--yes'],
      env,
      marker,
    );
    expect(before).toMatch(marker);
    expect(before).not.toContain('Rancher is up');

    const resumed = await lab.cli(['resume'], { env });
    expect(resumed.stdout).toContain('resuming session');
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain('Rancher is up: https://rancher.lab.test');

    const releases = await json<{ name: string; status: string }[]>(lab, [
      'helm',
      'list',
      '-A',
      '-o',
      'json',
    ]);
    expect(releases.map((r) => `${r.name}:${r.status}`).sort()).toEqual([
      'rancher:deployed',
      'traefik:deployed',
    ]);
    const deployments = await json<Items<{ metadata: { name: string } }>>(lab, [
      'kubectl',
      '-n',
      'cattle-system',
      'get',
      'deploy',
      '-o',
      'json',
    ]);
    expect(deployments.items.map((d) => d.metadata.name)).toEqual(['rancher']);
    const ingresses = await json<Items<unknown>>(lab, [
      'kubectl',
      '-n',
      'cattle-system',
      'get',
      'ingress',
      '-o',
      'json',
    ]);
    expect(ingresses.items).toHaveLength(1);
    const clusters = await json<{ name: string }[]>(lab, ['pks', 'clusters', '--json']);
    expect(clusters.map((c) => c.name)).toEqual(['czpksrancher05']);
    const pods = await json<Items<{ spec: { nodeName: string } }>>(lab, [
      'kubectl',
      '-n',
      'cattle-system',
      'get',
      'po',
      '-l',
      'app=rancher',
      '-o',
      'json',
    ]);
    expect(new Set(pods.items.map((p) => p.spec.nodeName)).size).toBe(3);
  });
});

describe('secrets after SIGKILL', () => {
  it('leaves no bootstrap password behind when killed while helm installs Rancher', async () => {
    lab = await startLab([], '0.05');
    const fx = await installFixture(lab.dir);
    const tmp = mkdtempSync(join(tmpdir(), 'rpt-kill-tmp-'));
    const password = 'bootstrap-Kill9-never-left';
    const env = {
      RANCHER_PKS_TUI_HOME: fx.home,
      RANCHER_BOOTSTRAP_PASSWORD: password,
      TMPDIR: tmp,
    };
    const before = await killAt(
      lab,
      ['install', '--answers', fx.answersFile, '--yes'],
      env,
      /rancher\.install: installing /,
    );
    expect(before).not.toContain('Rancher is up');
    const files = readdirSync(tmp, { recursive: true, withFileTypes: true }).filter((e) =>
      e.isFile(),
    );
    for (const file of files)
      expect(readFileSync(join(file.parentPath, file.name), 'utf8')).not.toContain(password);
    const resumed = await lab.cli(['resume'], { env });
    expect(resumed.code).toBe(0);
  });
});
