import { afterEach, describe, expect, it } from 'vitest';
import { installFixture } from '../helpers/install-fixture.js';
import { startLab, type LabProcess } from '../helpers/lab-process.js';

let lab: LabProcess | undefined;

afterEach(async () => {
  await lab?.stop();
  lab = undefined;
});

describe('install with other Helm majors', () => {
  it('Helm 2: Tiller set up, stable/nginx-ingress, then the cluster-admin binding removed', async () => {
    lab = await startLab(['--helm', '2'], '0');
    const fx = await installFixture(lab.dir);
    const r = await lab.cli(['install', '--answers', fx.answersFile, '--yes'], {
      env: { RANCHER_PKS_TUI_HOME: fx.home },
    });
    expect(r.stdout).toContain('Rancher is up');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Helm 2: Tiller is needed');
    expect(r.stdout).toMatch(/Remove Tiller's cluster-admin binding \(Helm 2\): done/);
    const binding = await lab.run(['kubectl', 'get', 'clusterrolebinding', 'tiller']);
    expect(binding.stderr).toContain('NotFound');
    const svc = await lab.run([
      'kubectl',
      '-n',
      'cattle-system',
      'get',
      'svc',
      'nginx-nginx-ingress-controller',
      '-o',
      'jsonpath={.status.loadBalancer.ingress[0].ip}',
    ]);
    expect(svc.stdout).toMatch(/^127\./);
    const again = await lab.cli(['install', '--answers', fx.answersFile, '--yes'], {
      env: { RANCHER_PKS_TUI_HOME: fx.home },
    });
    expect(again.code).toBe(0);
    expect((await lab.run(['kubectl', 'get', 'clusterrolebinding', 'tiller'])).stderr).toContain(
      'NotFound',
    );
  });

  it('Helm 4: no Tiller, nothing deprecated', async () => {
    lab = await startLab(['--helm', '4'], '0');
    const fx = await installFixture(lab.dir);
    const r = await lab.cli(['install', '--answers', fx.answersFile, '--yes'], {
      env: { RANCHER_PKS_TUI_HOME: fx.home },
    });
    expect(r.stdout).toContain('Rancher is up');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('not needed with Helm 4');
    expect(r.stdout + r.stderr).not.toMatch(/deprecated/i);
  });
});
