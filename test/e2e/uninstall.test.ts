import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { probe } from '../../source/systems/https.js';
import { installFixture, type InstallFixture } from '../helpers/install-fixture.js';
import { startLab, type LabProcess } from '../helpers/lab-process.js';

// issue 14's uninstall, through the built CLI against lab processes. (--delete-cluster has its
// own file, uninstall-delete-cluster.test.ts: two workers share them.)
let lab: LabProcess | undefined;

afterEach(async () => {
  await lab?.stop();
  lab = undefined;
});

function mutations(entries: Record<string, unknown>[]): Record<string, unknown>[] {
  return entries.filter((e) => e.kind === 'api' || e.mutating === true);
}

/** Every object kubectl lists, by name: what "as it was" compares. */
async function objects(l: LabProcess): Promise<string[]> {
  const kinds =
    'ns,crd,clusterrole,clusterrolebinding,mutatingwebhookconfiguration,validatingwebhookconfiguration,apiservice,ingressclass';
  const cluster = await l.run(['kubectl', 'get', kinds, '-o', 'name']);
  const namespaced = await l.run([
    'kubectl',
    'get',
    'all,secret,cm,ingress,sa,role,rolebinding',
    '-A',
    '-o',
    'custom-columns=NS:.metadata.namespace,KIND:.kind,NAME:.metadata.name',
    '--no-headers',
  ]);
  // Pod, ReplicaSet and token names are random per rollout: kind and owner-stable part only.
  const stable = namespaced.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => l.replace(/-[a-z0-9]{5,10}(-[a-z0-9]{5})?$/, '-*'));
  return [...cluster.stdout.split('\n').filter(Boolean), ...new Set(stable)].sort();
}

async function ping(l: LabProcess, fx: InstallFixture) {
  const svc = JSON.parse(
    (await l.run(['kubectl', '-n', 'cattle-system', 'get', 'svc', 'traefik', '-o', 'json'])).stdout,
  ) as { status: { loadBalancer: { ingress: { ip: string }[] } } };
  return probe({
    ip: svc.status.loadBalancer.ingress[0]!.ip,
    port: Number(l.env().RANCHER_PKS_TUI_INGRESS_HTTPS_PORT),
    hostname: fx.hostname,
    caPem: readFileSync(join(fx.certsDir, 'cacerts.pem'), 'utf8'),
    path: '/ping',
  });
}

// Two installs and three uninstalls: on a loaded machine that outlasts the default 60 s.
describe('uninstall (the cluster stays)', { timeout: 180_000 }, () => {
  it('removes Rancher and its leftovers; a re-run changes nothing; install works again', async () => {
    lab = await startLab([], '0');
    const fx = await installFixture(lab.dir);
    const env = { RANCHER_PKS_TUI_HOME: fx.home };
    expect((await lab.cli(['install', '--answers', fx.answersFile, '--yes'], { env })).code).toBe(
      0,
    );
    // What Rancher leaves behind after `helm uninstall`, as rancher-cleanup finds it.
    const installed = await objects(lab);
    expect(installed).toContain(
      'customresourcedefinition.apiextensions.k8s.io/projects.management.cattle.io',
    );
    expect(installed).toContain(
      'validatingwebhookconfiguration.admissionregistration.k8s.io/rancher.cattle.io',
    );
    expect(installed.some((o) => /^namespace\/p-/.test(o))).toBe(true);

    // A downstream cluster still registered: the preflight refuses, naming it; nothing changes.
    const downstream = JSON.stringify({
      apiVersion: 'management.cattle.io/v3',
      kind: 'Cluster',
      metadata: { name: 'c-m-7xk2q' },
      spec: { displayName: 'payments' },
    });
    expect((await lab.run(['kubectl', 'create', '-f', '-'], { input: downstream })).code).toBe(0);
    const mutated = mutations(lab.audit()).length;
    const refused = await lab.cli(['uninstall', '--yes'], { env });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('Rancher still manages 1 downstream cluster (c-m-7xk2q)');
    expect(refused.stdout).toContain('add --force');
    expect(refused.stdout).toContain('Nothing was changed.');
    expect(mutations(lab.audit()).slice(mutated)).toEqual([]);
    await lab.run(['kubectl', 'delete', 'clusters.management.cattle.io', 'c-m-7xk2q']);

    const headless = await lab.cli(['uninstall'], { env });
    expect(headless.code).toBe(2);
    expect(headless.stderr).toContain('--yes');

    const r = await lab.cli(['uninstall', '--yes'], { env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('goes: helm release rancher');
    expect(r.stdout).toContain("goes: Rancher's leftovers");
    // Two kinds share the name: each is told apart.
    expect(r.stdout).toMatch(
      /mutatingwebhookconfiguration\/rancher\.cattle\.io, validatingwebhookconfiguration\/rancher\.cattle\.io/,
    );
    expect(r.stdout).toContain('stays: PKS cluster czpksrancher05');
    expect(r.stdout).toContain('Rancher is uninstalled from czpksrancher05');
    const after = await objects(lab);
    expect(
      after.filter((o) =>
        /cattle|rancher|traefik|fleet|namespace\/(p|u)-|namespace\/local$/.test(o),
      ),
    ).toEqual([]);
    expect(after.filter((o) => o.startsWith('namespace/'))).toEqual([
      'namespace/default',
      'namespace/kube-node-lease',
      'namespace/kube-public',
      'namespace/kube-system',
      'namespace/pks-system',
    ]);
    expect(JSON.parse((await lab.run(['helm', 'list', '-A', '-o', 'json'])).stdout)).toEqual([]);

    // A finished uninstall run again: every step proves itself done, nothing is called that changes.
    const before = mutations(lab.audit()).length;
    const again = await lab.cli(['uninstall', '--yes'], { env });
    expect(again.code).toBe(0);
    expect(mutations(lab.audit()).slice(before)).toEqual([]);
    expect(again.stdout).toMatch(/helm uninstall rancher: already done/);
    expect(again.stdout).not.toContain('goes: helm release rancher');
    expect(again.stdout).not.toContain("goes: Rancher's leftovers");

    // install → uninstall → install on the same cluster.
    const reinstall = await lab.cli(['install', '--answers', fx.answersFile, '--yes'], { env });
    expect(reinstall.code).toBe(0);
    expect(reinstall.stdout).toContain('Rancher is up: https://rancher.lab.test');
    const pong = await ping(lab, fx);
    expect(pong.tlsOk).toBe(true);
    expect(pong.body?.trim()).toBe('pong');
    expect((await lab.cli(['uninstall', '--yes'], { env })).code).toBe(0);
    // The second round leaves exactly what the first one did.
    expect(await objects(lab)).toEqual(after);
  });
});
