import { beforeEach, describe, expect, it } from 'vitest';
import type { LabContext } from '../../../source/lab/context.js';
import { fakeLab, type FakeLab } from './fake-lab.js';

// Helm 4 applies server-side with the field manager "helm" (cmd/helm/helm.go), records the
// release's apply method ("ssa"/"csa", pkg/release/v1/release.go) and resolves
// --server-side=auto from the last revision (pkg/action/upgrade.go), all at v4.1.4.

const ns = 'cattle-system';
const chart = [
  'rancher',
  'rancher-stable/rancher',
  '-n',
  ns,
  '--set',
  'hostname=rancher.lab.test',
  '--set',
  'ingress.tls.source=secret',
];

function upgrade(lab: FakeLab, ...flags: string[]) {
  return lab.helm('upgrade', '--install', ...chart, ...flags);
}

/** What `kubectl patch deploy rancher -p '{"spec":{"replicas":5}}'` does. */
function scaleByHand(lab: FakeLab, replicas: number): void {
  const live = lab.store.mustGet('apps/deployments', ns, 'rancher');
  lab.store.update(
    'apps/deployments',
    { ...live, spec: { ...live.spec, replicas } },
    { manager: 'kubectl-patch' },
  );
}

function switchTo(lab: FakeLab, major: 3 | 4): void {
  (lab.lab.options as { helmMajor: LabContext['options']['helmMajor'] }).helmMajor = major;
}

describe('Helm 4 server-side apply', () => {
  let lab: FakeLab;
  beforeEach(async () => {
    lab = fakeLab({ helmMajor: 4 });
    await lab.helm(
      'repo',
      'add',
      'rancher-stable',
      'https://releases.rancher.com/server-charts/stable',
    );
    const r = await upgrade(lab, '--create-namespace');
    expect(r.exitCode, r.stderr).toBe(0);
  });

  it('installs as the "helm" field manager, recording apply method ssa', async () => {
    const deploy = lab.store.mustGet('apps/deployments', ns, 'rancher');
    expect(deploy.metadata.managedFields?.map((e) => [e.manager, e.operation])).toEqual([
      ['helm', 'Apply'],
    ]);
    const status = JSON.parse((await lab.helm('status', 'rancher', '-n', ns, '-o', 'json')).stdout);
    expect(status.apply_method).toBe('ssa');
  });

  it('an upgrade fails on a field another manager changed; --force-conflicts takes it back', async () => {
    scaleByHand(lab, 5);
    const refused = await upgrade(lab);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toBe(
      'Error: UPGRADE FAILED: conflict occurred while applying object cattle-system/rancher apps/v1, Kind=Deployment: Apply failed with 1 conflict: conflict with "kubectl-patch" using apps/v1: .spec.replicas\n',
    );
    expect(lab.store.mustGet('apps/deployments', ns, 'rancher').spec.replicas).toBe(5);
    const history = JSON.parse(
      (await lab.helm('history', 'rancher', '-n', ns, '-o', 'json')).stdout,
    );
    expect(history.map((h: { status: string }) => h.status)).toEqual(['deployed', 'failed']);

    const forced = await upgrade(lab, '--server-side=true', '--force-conflicts');
    expect(forced.exitCode, forced.stderr).toBe(0);
    const deploy = lab.store.mustGet('apps/deployments', ns, 'rancher');
    expect(deploy.spec.replicas).toBe(3);
    expect(deploy.metadata.managedFields?.map((e) => e.manager)).toEqual(['helm']);
  });

  it('keeps the same value as shared ownership: no conflict', async () => {
    scaleByHand(lab, 3);
    expect((await upgrade(lab)).exitCode).toBe(0);
  });

  it('refuses --force-conflicts when server-side apply resolves to false', async () => {
    const off = await upgrade(lab, '--server-side=false', '--force-conflicts');
    expect(off.stderr).toBe(
      'Error: UPGRADE FAILED: invalid client update option(s): forceConflicts enabled when serverSideApply disabled\n',
    );
    const bad = await upgrade(lab, '--server-side=maybe');
    expect(bad.stderr).toBe(
      'Error: UPGRADE FAILED: invalid/unknown release server-side apply method: maybe\n',
    );
  });

  it('a release Helm 3 installed upgrades with Helm 4 only with --server-side=true --force-conflicts', async () => {
    const old = fakeLab({ helmMajor: 3 });
    await old.helm(
      'repo',
      'add',
      'rancher-stable',
      'https://releases.rancher.com/server-charts/stable',
    );
    expect((await upgrade(old, '--create-namespace')).exitCode).toBe(0);
    expect(
      old.store
        .mustGet('apps/deployments', ns, 'rancher')
        .metadata.managedFields?.map((e) => [e.manager, e.operation]),
    ).toEqual([['helm', 'Update']]);
    scaleByHand(old, 5);
    switchTo(old, 4);
    // auto follows the last revision: client-side, where forcing is refused.
    const forceOnly = await upgrade(old, '--force-conflicts');
    expect(forceOnly.stderr).toBe(
      'Error: UPGRADE FAILED: invalid client update option(s): forceConflicts enabled when serverSideApply disabled\n',
    );
    const both = await upgrade(old, '--server-side=true', '--force-conflicts');
    expect(both.exitCode, both.stderr).toBe(0);
    const deploy = old.store.mustGet('apps/deployments', ns, 'rancher');
    expect(deploy.spec.replicas).toBe(3);
    // helm's client-side fields moved to its Apply entry first, so helm does not conflict with itself.
    expect(deploy.metadata.managedFields?.map((e) => [e.manager, e.operation])).toEqual([
      ['helm', 'Apply'],
    ]);
  });
});

describe('helm list by major', () => {
  it('Helm 4 lists every state by default; Helm 3 only deployed and failed without --all', async () => {
    for (const major of [3, 4] as const) {
      const lab = fakeLab({ helmMajor: major });
      await lab.helm(
        'repo',
        'add',
        'rancher-stable',
        'https://releases.rancher.com/server-charts/stable',
      );
      await lab.helm(
        'install',
        'gone',
        'rancher-stable/rancher',
        '-n',
        ns,
        '--create-namespace',
        '--set',
        'hostname=a.lab.test',
        '--set',
        'ingress.tls.source=secret',
      );
      await lab.helm('uninstall', 'gone', '-n', ns, '--keep-history');
      const list = JSON.parse((await lab.helm('list', '-n', ns, '-o', 'json')).stdout);
      expect(list.map((r: { name: string; status: string }) => [r.name, r.status])).toEqual(
        major === 4 ? [['gone', 'uninstalled']] : [],
      );
      if (major === 3) {
        const all = JSON.parse((await lab.helm('list', '-n', ns, '--all', '-o', 'json')).stdout);
        expect(all).toHaveLength(1);
      } else {
        expect((await lab.helm('list', '-n', ns, '--all')).stderr).toBe(
          'Error: unknown flag: --all\n',
        );
      }
    }
  });
});
