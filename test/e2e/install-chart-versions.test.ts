import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { readFileSync } from 'node:fs';
import { installFixture } from '../helpers/install-fixture.js';
import { startLab, type LabProcess } from '../helpers/lab-process.js';

let lab: LabProcess | undefined;

afterEach(async () => {
  await lab?.stop();
  lab = undefined;
});

async function releaseChart(l: LabProcess): Promise<string> {
  const r = await l.run(['helm', 'list', '-n', 'cattle-system', '-o', 'json']);
  const rows = JSON.parse(r.stdout) as { name: string; chart: string }[];
  return rows.find((row) => row.name === 'rancher')?.chart ?? '';
}

describe('chart versions that fit the cluster', () => {
  it('on an older Kubernetes, picks the newest Rancher validated on it, and keeps it on a re-run', async () => {
    // TKGI 1.17 ships Kubernetes 1.26-1.27: only Rancher 2.9 is validated on 1.27.
    lab = await startLab(['--kube-version', 'v1.27.16'], '0');
    const fx = await installFixture(lab.dir);
    const env = { RANCHER_PKS_TUI_HOME: fx.home };
    const r = await lab.cli(['install', '--answers', fx.answersFile, '--yes'], { env });
    expect(r.code, r.stdout.slice(-1500)).toBe(0);
    expect(r.stdout).toContain('rancher 2.9.10 for Kubernetes v1.27.16 (the newest that fits)');
    expect(r.stdout).not.toContain('warning: SUSE validates');
    expect(await releaseChart(lab)).toBe('rancher-2.9.10');
    const again = await lab.cli(['install', '--answers', fx.answersFile, '--yes'], { env });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(
      'rancher 2.9.10 for Kubernetes v1.27.16 (already installed: a re-run does not upgrade Rancher)',
    );
    expect(await releaseChart(lab)).toBe('rancher-2.9.10');
  }, 120_000);

  it('stops before installing a pinned chart that does not fit, naming the one that does', async () => {
    lab = await startLab([], '0');
    const fx = await installFixture(lab.dir);
    const answers = parse(readFileSync(fx.answersFile, 'utf8')) as {
      rancher: Record<string, unknown>;
    };
    answers.rancher.chartVersion = '2.8.13';
    writeFileSync(fx.answersFile, stringify(answers));
    const r = await lab.cli(['install', '--answers', fx.answersFile, '--yes'], {
      env: { RANCHER_PKS_TUI_HOME: fx.home },
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'FAILED: rancher.chartVersion 2.8.13 does not install on Kubernetes v1.31.4: the chart requires kubeVersion < 1.29.0-0',
    );
    expect(r.stdout).toContain(
      'what to do: set rancher.chartVersion to 2.15.0 (the newest that fits)',
    );
    expect(await releaseChart(lab)).toBe('');
  }, 120_000);

  it('warns when a pinned line is outside the support window, and installs it', async () => {
    lab = await startLab([], '0');
    const fx = await installFixture(lab.dir);
    const answers = parse(readFileSync(fx.answersFile, 'utf8')) as {
      rancher: Record<string, unknown>;
    };
    answers.rancher.chartVersion = '2.14.3';
    writeFileSync(fx.answersFile, stringify(answers));
    const r = await lab.cli(['install', '--answers', fx.answersFile, '--yes'], {
      env: { RANCHER_PKS_TUI_HOME: fx.home },
    });
    expect(r.code, r.stdout.slice(-1500)).toBe(0);
    expect(r.stdout).toContain(
      'warning: SUSE validates Rancher 2.14 on Kubernetes 1.33–1.35, not 1.31; 2.12 is the newest line validated on 1.31',
    );
    expect(await releaseChart(lab)).toBe('rancher-2.14.3');
  }, 120_000);
});
