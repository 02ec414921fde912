import { afterEach, describe, expect, it } from 'vitest';
import { installFixture } from '../helpers/install-fixture.js';
import { startLab, type LabProcess } from '../helpers/lab-process.js';

// DNS automation (external-dns, IPAM plug-ins) creates the Rancher record only once an
// Ingress names the host: the install creates the Ingress first, then waits for the record.
let lab: LabProcess | undefined;

afterEach(async () => {
  await lab?.stop();
  lab = undefined;
});

describe('install with DNS that follows the Ingress', () => {
  it('finishes against lab --dns-from-ingress with no record made by hand', async () => {
    lab = await startLab(['--dns-from-ingress'], '0.05');
    const fx = await installFixture(lab.dir);
    const r = await lab.cli(['install', '--answers', fx.answersFile, '--yes'], {
      env: { RANCHER_PKS_TUI_HOME: fx.home },
    });
    expect(r.code, r.stdout.slice(-2000)).toBe(0);
    const created = r.stdout.indexOf('ingress.resource: ingress rancher created');
    const resolved = r.stdout.search(/\[ingress\] Rancher hostname resolves: (done|already done)/);
    expect(created).toBeGreaterThan(0);
    expect(resolved).toBeGreaterThan(created);
    expect(r.stdout).toContain('Rancher is up: https://rancher.lab.test');
    // The record is external-dns's, made from the Ingress's host (the lab has no other operator).
    expect(lab.output()).toMatch(/dns: external-dns set rancher\.lab\.test A 127\.\d+\.1\.\d+/);
  }, 120_000);
});
