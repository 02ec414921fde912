import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { installFixture } from '../helpers/install-fixture.js';
import { startLab, type LabProcess } from '../helpers/lab-process.js';

// An install on an older Rancher line, upgraded hop by hop in the lab.
let lab: LabProcess | undefined;

afterEach(async () => {
  await lab?.stop();
  lab = undefined;
});

async function serverVersion(l: LabProcess): Promise<string> {
  const r = await l.run([
    'kubectl',
    'get',
    'settings.management.cattle.io',
    'server-version',
    '-o',
    'jsonpath={.value}',
  ]);
  return r.stdout.trim();
}

function killAt(
  l: LabProcess,
  args: string[],
  env: Record<string, string>,
  marker: RegExp,
  signal: NodeJS.Signals,
): Promise<{ out: string; code: number | null }> {
  return new Promise((resolve) => {
    const child = l.spawnCli(args, env);
    let out = '';
    let sent = false;
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (!sent && marker.test(out) && child.exitCode === null) {
        sent = true;
        child.kill(signal);
      }
    });
    child.on('exit', (code) => resolve({ out, code }));
  });
}

async function helmHistory(l: LabProcess): Promise<string[]> {
  const r = await l.run(['helm', 'history', 'rancher', '-n', 'cattle-system', '-o', 'json']);
  return (JSON.parse(r.stdout) as { chart: string; status: string }[]).map(
    (h) => `${h.chart}:${h.status}`,
  );
}

describe('upgrade', () => {
  it('walks 2.12 → 2.13 → 2.14, a failed hop stops with its rollback and resumes once the fault is cleared, and a re-run changes nothing', async () => {
    // On 1.33 SUSE validates 2.14 (1.33–1.35) but not 2.15 (1.34–1.36): 2.14.3 is the target.
    lab = await startLab(['--kube-version', 'v1.33.2'], '0');
    const fx = await installFixture(lab.dir, 'czpksrancher05', {
      rancher: { chartVersion: '2.12.5' },
    });
    const env = { RANCHER_PKS_TUI_HOME: fx.home };
    const install = await lab.cli(['install', '--answers', fx.answersFile, '--yes'], { env });
    expect(install.code, install.stdout.slice(-1500)).toBe(0);
    expect(await serverVersion(lab)).toBe('v2.12.5');

    // The registry lacks 2.14.3: the second hop cannot roll out.
    writeFileSync(join(lab.dir, 'faults.json'), JSON.stringify({ imageMissing: 'v2.14.3' }));
    const failed = await lab.cli(['upgrade', '--yes'], { env });
    expect(failed.code, failed.stdout.slice(-2500)).not.toBe(0);
    expect(failed.stdout).toContain('Rancher 2.12.5 → 2.13.7 → 2.14.3 (2 hops)');
    expect(failed.stdout).toContain('hop 2.12.5 → 2.13.7: done, Rancher reports v2.13.7');
    expect(failed.stdout).toMatch(
      /hop 2\.13\.7 → 2\.14\.3 failed: pod rancher-\S+: (ImagePullBackOff|ErrImagePull)/,
    );
    // Revision 1 installed 2.12.5, 2 is 2.13.7: the hop goes back there.
    expect(failed.stdout).toContain('helm rollback rancher 2 -n cattle-system --wait');
    expect(await serverVersion(lab)).toBe('v2.13.7');

    writeFileSync(join(lab.dir, 'faults.json'), JSON.stringify({}));
    const resumed = await lab.cli(['resume'], { env });
    expect(resumed.code, resumed.stdout.slice(-2500)).toBe(0);
    // The pods pull the image once it is there (the kubelet retries): the resume finds the
    // hop landed or waits for it, and never repeats the first.
    expect(resumed.stdout).not.toContain('hop 2.12.5 → 2.13.7: helm upgrade');
    // An upgrade resumes without the install's preflight, and ends with its own summary.
    expect(resumed.stdout).not.toContain('preflight:');
    expect(resumed.stdout).toContain(
      'hops: 2.12.5 → 2.13.7 → 2.14.3, each verified (rollout, the version Rancher reports, /ping)',
    );
    expect(await serverVersion(lab)).toBe('v2.14.3');

    // `status` names the new chart.
    const status = await lab.cli(['status'], { env });
    expect(status.code, status.stdout).toBe(0);
    expect(status.stdout).toContain('rancher: rancher-2.14.3 revision 3 deployed');

    const again = await lab.cli(['upgrade', '--yes'], { env });
    expect(again.code, again.stdout.slice(-2500)).toBe(0);
    expect(again.stdout).toContain(
      'Rancher 2.14.3 and Traefik 41.3.0 are the newest that fit Kubernetes v1.33.2: nothing was upgraded, nothing was changed.',
    );
    expect(again.stdout).not.toContain('helm upgrade rancher');
  }, 300_000);

  it('refuses bad input and a failing status before anything changes; killed mid-hop (kill -9, then Ctrl-C), resume finishes every hop once', async () => {
    lab = await startLab(['--kube-version', 'v1.33.2'], '0');
    const fx = await installFixture(lab.dir, 'czpksrancher05', {
      rancher: { chartVersion: '2.12.5' },
    });
    const env = { RANCHER_PKS_TUI_HOME: fx.home };
    const install = await lab.cli(['install', '--answers', fx.answersFile, '--yes'], { env });
    expect(install.code, install.stdout.slice(-1500)).toBe(0);

    const bad = await lab.cli(['upgrade', '--rancher-version', 'latest', '--yes'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe(
      '--rancher-version: "latest" is not a chart version; use e.g. 2.13.7',
    );

    writeFileSync(join(lab.dir, 'faults.json'), JSON.stringify({ podDown: true }));
    const blocked = await lab.cli(['upgrade', '--yes'], { env });
    expect(blocked.code, blocked.stdout.slice(-1500)).toBe(1);
    expect(blocked.stdout).toContain('Nothing was changed: fix what status reports');
    expect(await helmHistory(lab)).toEqual(['rancher-2.12.5:deployed']);
    writeFileSync(join(lab.dir, 'faults.json'), JSON.stringify({}));
    // The crash-looping pod comes back after its back-off: wait for status to pass again.
    for (let i = 0; i < 60; i++) {
      if ((await lab.cli(['status'], { env })).code === 0) break;
    }

    const killed = await killAt(
      lab,
      ['upgrade', '--yes'],
      env,
      /hop 2\.12\.5 → 2\.13\.7: helm upgrade/,
      'SIGKILL',
    );
    expect(killed.code).toBe(null);
    const interrupted = await killAt(
      lab,
      ['resume'],
      env,
      /hop 2\.13\.7 → 2\.14\.3: helm upgrade/,
      'SIGINT',
    );
    expect(interrupted.code, interrupted.out.slice(-1500)).toBe(130);
    const resumed = await lab.cli(['resume'], { env });
    expect(resumed.code, resumed.stdout.slice(-2500)).toBe(0);
    expect(await serverVersion(lab)).toBe('v2.14.3');
    // One revision per hop: nothing was upgraded twice.
    expect(await helmHistory(lab)).toEqual([
      'rancher-2.12.5:superseded',
      'rancher-2.13.7:superseded',
      'rancher-2.14.3:deployed',
    ]);
  }, 300_000);
});
