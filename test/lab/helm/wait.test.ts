import { beforeEach, describe, expect, it } from 'vitest';
import { fakeLab, whenStore, type FakeLab } from './fake-lab.js';

const ns = 'cattle-system';
const rancherArgs = [
  'rancher',
  'rancher-stable/rancher',
  '-n',
  ns,
  '--create-namespace',
  '--set',
  'hostname=r.lab.test',
  '--set',
  'ingress.tls.source=secret',
];

describe('--wait', () => {
  let lab: FakeLab;
  beforeEach(async () => {
    lab = fakeLab();
    await lab.helm(
      'repo',
      'add',
      'rancher-stable',
      'https://releases.rancher.com/server-charts/stable',
    );
    await lab.helm('repo', 'add', 'ingress-nginx', 'https://kubernetes.github.io/ingress-nginx');
  });

  it('is pending until the Deployment is ready, then deployed', async () => {
    const run = lab.helm('upgrade', '--install', ...rancherArgs, '--wait', '--timeout', '10m');
    await whenStore(
      lab.store,
      () => lab.store.get('apps/deployments', ns, 'rancher') !== undefined,
    );
    const pending = JSON.parse(
      (await lab.helm('status', 'rancher', '-n', ns, '-o', 'json')).stdout,
    );
    expect(pending.info.status).toBe('pending-install');
    lab.markReady('deployments', ns, 'rancher');
    const r = await run;
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('STATUS: deployed');
  });

  it('waits for a LoadBalancer address as well as the DaemonSet', async () => {
    const run = lab.helm(
      'install',
      'ingress-nginx',
      'ingress-nginx/ingress-nginx',
      '-n',
      'default',
      '--set',
      'controller.kind=DaemonSet',
      '--wait',
    );
    await whenStore(
      lab.store,
      () => lab.store.get('apps/daemonsets', 'default', 'ingress-nginx-controller') !== undefined,
    );
    lab.markReady('daemonsets', 'default', 'ingress-nginx-controller');
    expect(
      JSON.parse((await lab.helm('status', 'ingress-nginx', '-o', 'json')).stdout).info.status,
    ).toBe('pending-install');
    lab.giveLoadBalancerIp('default', 'ingress-nginx-controller');
    expect((await run).exitCode).toBe(0);
  });

  it('fails the release at the deadline', async () => {
    const r = await lab.helm('install', ...rancherArgs, '--wait', '--timeout', '50ms');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe('Error: INSTALLATION FAILED: context deadline exceeded\n');
    const status = JSON.parse((await lab.helm('status', 'rancher', '-n', ns, '-o', 'json')).stdout);
    expect(status.info.status).toBe('failed');
    expect(status.info.description).toBe('Release "rancher" failed: context deadline exceeded');
    // A failed first install can be upgraded (Helm 3), making revision 2.
    const again = lab.helm('upgrade', '--install', ...rancherArgs, '--wait');
    await whenStore(
      lab.store,
      () => lab.store.get('secrets', ns, 'sh.helm.release.v1.rancher.v2') !== undefined,
    );
    lab.markReady('deployments', ns, 'rancher');
    const ok = await again;
    expect(ok.exitCode, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('REVISION: 2');
  });

  it('says UPGRADE FAILED on an upgrade timeout', async () => {
    await lab.helm('install', ...rancherArgs);
    const r = await lab.helm(
      'upgrade',
      ...rancherArgs.filter((a) => a !== '--create-namespace'),
      '--wait',
      '--timeout',
      '50ms',
    );
    expect(r.stderr).toBe('Error: UPGRADE FAILED: context deadline exceeded\n');
  });

  it('uninstalls a failed install with --atomic', async () => {
    const r = await lab.helm('install', ...rancherArgs, '--atomic', '--timeout', '50ms');
    expect(r.stderr).toBe(
      'Error: INSTALLATION FAILED: release rancher failed, and has been uninstalled due to atomic being set: context deadline exceeded\n',
    );
    expect(lab.store.get('apps/deployments', ns, 'rancher')).toBeUndefined();
    expect(JSON.parse((await lab.helm('list', '-A', '-a', '-o', 'json')).stdout)).toEqual([]);
  });

  it('rejects a Helm 3 timeout without a unit', async () => {
    const r = await lab.helm('install', ...rancherArgs, '--timeout', '600');
    expect(r.stderr).toBe(
      'Error: invalid argument "600" for "--timeout" flag: time: missing unit in duration "600"\n',
    );
  });
});

describe('Helm 4', () => {
  it('deprecates --atomic for --rollback-on-failure and rolls an upgrade back', async () => {
    const lab = fakeLab({ helmMajor: 4 });
    await lab.helm(
      'repo',
      'add',
      'rancher-stable',
      'https://releases.rancher.com/server-charts/stable',
    );
    await lab.helm('install', ...rancherArgs);
    const atomic = await lab.helm(
      'upgrade',
      ...rancherArgs.slice(0, 4),
      '--atomic',
      '--timeout',
      '50ms',
      '--reuse-values',
      '--set',
      'replicas=2',
    );
    expect(atomic.stderr).toBe(
      'Flag --atomic has been deprecated, use --rollback-on-failure instead\n' +
        'Error: UPGRADE FAILED: release rancher failed, and has been rolled back due to atomic being set: context deadline exceeded\n',
    );
    expect(lab.store.mustGet('apps/deployments', ns, 'rancher').spec.replicas).toBe(3);
    const history = JSON.parse(
      (await lab.helm('history', 'rancher', '-n', ns, '-o', 'json')).stdout,
    );
    expect(history.map((h: { status: string }) => h.status)).toEqual([
      'superseded',
      'failed',
      'deployed',
    ]);
    const rof = await lab.helm(
      'upgrade',
      ...rancherArgs.slice(0, 4),
      '--rollback-on-failure',
      '--timeout',
      '50ms',
    );
    expect(rof.stderr).toContain('has been rolled back');
    expect(
      (await lab.helm('upgrade', ...rancherArgs.slice(0, 4), '--wait=hookOnly')).exitCode,
    ).toBe(0);
  });

  it('Helm 3 has no --rollback-on-failure', async () => {
    const lab = fakeLab({ helmMajor: 3 });
    expect((await lab.helm('upgrade', 'a', 'b/c', '--rollback-on-failure')).stderr).toBe(
      'Error: unknown flag: --rollback-on-failure\n',
    );
  });
});
