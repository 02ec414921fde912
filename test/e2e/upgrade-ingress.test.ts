import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { installFixture } from '../helpers/install-fixture.js';
import { startLab, type LabProcess } from '../helpers/lab-process.js';

// An install on an older Traefik chart, upgraded one chart major at a time in the lab.
let lab: LabProcess | undefined;

afterEach(async () => {
  await lab?.stop();
  lab = undefined;
});

async function json(l: LabProcess, args: string[]): Promise<Record<string, unknown>> {
  const r = await l.run(['kubectl', ...args, '-o', 'json']);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

/** The generator that wrote the CRD: v0.16.1 in charts up to 38, v0.19.0 from 39. */
async function crdGenerator(l: LabProcess): Promise<string | undefined> {
  const crd = (await json(l, ['get', 'crd', 'middlewares.traefik.io'])) as {
    metadata: { annotations?: Record<string, string> };
  };
  return crd.metadata.annotations?.['controller-gen.kubebuilder.io/version'];
}

async function vip(l: LabProcess): Promise<string | undefined> {
  const svc = (await json(l, ['-n', 'cattle-system', 'get', 'svc', 'traefik'])) as {
    status: { loadBalancer: { ingress?: { ip: string }[] } };
  };
  return svc.status.loadBalancer.ingress?.[0]?.ip;
}

function killAt(
  l: LabProcess,
  args: string[],
  env: Record<string, string>,
  marker: RegExp,
): Promise<{ out: string; code: number | null }> {
  return new Promise((resolve) => {
    const child = l.spawnCli(args, env);
    let out = '';
    let sent = false;
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (!sent && marker.test(out) && child.exitCode === null) {
        sent = true;
        child.kill('SIGKILL');
      }
    });
    child.on('exit', (code) => resolve({ out, code }));
  });
}

async function helmHistory(l: LabProcess): Promise<string[]> {
  const r = await l.run(['helm', 'history', 'traefik', '-n', 'cattle-system', '-o', 'json']);
  return (JSON.parse(r.stdout) as { chart: string; status: string }[]).map(
    (h) => `${h.chart}:${h.status}`,
  );
}

describe('upgrade of the ingress controller', () => {
  it('shows the hops and values first, applies the CRDs before each chart major, keeps the virtual server; killed mid-hop it resumes, a failed hop stops with its rollback and resumes once the fault is cleared; a re-run changes nothing', async () => {
    lab = await startLab(['--kube-version', 'v1.33.2'], '0');
    // Rancher 2.14.3 is the newest SUSE validates on 1.33: only Traefik moves.
    const fx = await installFixture(lab.dir, 'czpksrancher05', {
      ingress: { chartVersion: '38.0.2' },
      rancher: { chartVersion: '2.14.3' },
    });
    const env = { RANCHER_PKS_TUI_HOME: fx.home };
    const install = await lab.cli(['install', '--answers', fx.answersFile, '--yes'], { env });
    expect(install.code, install.stdout.slice(-1500)).toBe(0);
    expect(await crdGenerator(lab)).toBe('v0.16.1');
    const ip = await vip(lab);
    expect(ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);

    // Bad input is one line, and nothing changes.
    const bad = await lab.cli(['upgrade', '--ingress-version', 'newest', '--yes'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe(
      '--ingress-version: "newest" is not a chart version; use e.g. 39.0.9',
    );
    const unknown = await lab.cli(['upgrade', '--ingress-version', '42.0.0', '--yes'], { env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim()).toBe(
      '--ingress-version: Traefik chart 42.0.0 is major 42, whose values this tool does not know (it knows 37, 38, 39, 40, 41); pick another version (`helm search repo traefik/traefik --versions`)',
    );
    expect(await helmHistory(lab)).toEqual(['traefik-38.0.2:deployed']);

    // The registry lacks Traefik v3.7.11 (chart 41.3.0): the last hop cannot roll out.
    writeFileSync(join(lab.dir, 'faults.json'), JSON.stringify({ imageMissing: 'v3.7.11' }));
    // Killed (kill -9) as the first hop's helm upgrade starts.
    const killed = await killAt(
      lab,
      ['upgrade', '--yes'],
      env,
      /hop 38\.0\.2 → 39\.0\.9: helm upgrade traefik/,
    );
    expect(killed.code).toBe(null);
    const first = killed.out;
    // The read-only plan comes before anything changes.
    const plan = first.indexOf('Traefik 38.0.2 → 39.0.9 → 40.3.0 → 41.3.0 (3 hops)');
    expect(plan, first.slice(0, 3000)).toBeGreaterThan(-1);
    expect(first).toContain('Rancher 2.14.3 is the newest that fits Kubernetes v1.33.2');
    // Chart 39 reads the redirect at ports.web.http.redirections: ours moves, and says so.
    expect(first).toContain('values for traefik 38.0.2 → 39.0.9:');
    expect(first).toContain('+ ports.web.http.redirections.entryPoint.to=websecure');
    expect(first).toContain(
      '- ports.web.redirections.entryPoint.to=websecure (ours for 38.0.2; 39.0.9 reads it elsewhere)',
    );
    const firstUpgrade = first.indexOf('hop 38.0.2 → 39.0.9: helm upgrade traefik');
    expect(firstUpgrade).toBeGreaterThan(plan);
    // The CRDs first: chart 39's differ from the ones the 38 install left.
    const crds = first.indexOf(
      'CRDs of traefik 39.0.9, before its upgrade: 10 applied server-side',
    );
    expect(crds, first.slice(-3000)).toBeGreaterThan(plan);
    expect(crds).toBeLessThan(firstUpgrade);
    expect(await crdGenerator(lab)).toBe('v0.19.0');

    const failed = await lab.cli(['resume'], { env });
    const out = failed.stdout;
    expect(failed.code, out.slice(-3000)).not.toBe(0);
    // The killed hop is finished (its upgrade made once) and verified, never redone from scratch.
    expect(out).toContain('hop 38.0.2 → 39.0.9: done, Traefik 39.0.9 serves Rancher');
    expect(out).toContain('CRDs of traefik 40.3.0, before its upgrade: none needed applying');
    expect(out).toContain(`virtual server ${ip} unchanged`);
    expect(out).toContain('hop 39.0.9 → 40.3.0: done, Traefik 40.3.0 serves Rancher');
    expect(out).toMatch(
      /hop 40\.3\.0 → 41\.3\.0 failed: pod traefik-\S+: (ImagePullBackOff|ErrImagePull)/,
    );
    // Revision 1 installed 38.0.2, 2 is 39.0.9, 3 is 40.3.0: the failed hop goes back there.
    expect(out).toContain('helm rollback traefik 3 -n cattle-system --wait');

    writeFileSync(join(lab.dir, 'faults.json'), JSON.stringify({}));
    const resumed = await lab.cli(['resume'], { env });
    expect(resumed.code, resumed.stdout.slice(-3000)).toBe(0);
    expect(resumed.stdout).not.toContain('helm upgrade traefik');
    // The last hop is verified through the new controller whether the resume waited for its
    // rollout or found it done (the kubelet retries the pull by itself).
    expect(resumed.stdout).toContain('hop 40.3.0 → 41.3.0: done, Traefik 41.3.0 serves Rancher');
    expect(resumed.stdout).toContain('Traefik is upgraded to 41.3.0');
    expect(resumed.stdout).toContain(
      `  hops: 38.0.2 → 39.0.9 → 40.3.0 → 41.3.0, each verified (CRDs first, rollout, the same virtual-server IP ${ip}, the served certificate, /ping)`,
    );
    expect(await vip(lab)).toBe(ip);

    const status = await lab.cli(['status'], { env });
    expect(status.code, status.stdout).toBe(0);
    expect(status.stdout).toContain('traefik: traefik-41.3.0 revision 4 deployed');

    const again = await lab.cli(['upgrade', '--yes'], { env });
    expect(again.code, again.stdout.slice(-2500)).toBe(0);
    expect(again.stdout).toContain(
      'Rancher 2.14.3 and Traefik 41.3.0 are the newest that fit Kubernetes v1.33.2: nothing was upgraded, nothing was changed.',
    );
    expect(await helmHistory(lab)).toEqual([
      'traefik-38.0.2:superseded',
      'traefik-39.0.9:superseded',
      'traefik-40.3.0:superseded',
      'traefik-41.3.0:deployed',
    ]);
  }, 420_000);
});
