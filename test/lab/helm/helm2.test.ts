import { beforeEach, describe, expect, it } from 'vitest';
import { fakeLab, type FakeLab } from './fake-lab.js';

describe('Helm 2 and Tiller', () => {
  let lab: FakeLab;
  beforeEach(() => {
    lab = fakeLab({ helmMajor: 2 });
  });

  it('helm init fails on the retired default stable repository', async () => {
    const r = await lab.helm('init', '--service-account', 'tiller');
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain(
      'Adding stable repo with URL: https://kubernetes-charts.storage.googleapis.com',
    );
    expect(r.stderr).toBe(
      'Error: error initializing: Looks like "https://kubernetes-charts.storage.googleapis.com" is not a valid chart repository or cannot be reached: Failed to fetch https://kubernetes-charts.storage.googleapis.com/index.yaml : 403 Forbidden\n',
    );
    expect(lab.store.get('apps/deployments', 'kube-system', 'tiller-deploy')).toBeUndefined();
  });

  it('helm init --stable-repo-url installs Tiller as the walkthrough shows', async () => {
    const r = await lab.helm(
      'init',
      '--service-account',
      'tiller',
      '--stable-repo-url',
      'https://charts.helm.sh/stable',
    );
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('$HELM_HOME has been configured at');
    expect(r.stdout).toContain(
      'Tiller (the Helm server-side component) has been installed into your Kubernetes Cluster.',
    );
    const deploy = lab.store.mustGet('apps/deployments', 'kube-system', 'tiller-deploy');
    expect(deploy.metadata.labels).toEqual({ app: 'helm', name: 'tiller' });
    expect(deploy.spec.template.spec.serviceAccountName).toBe('tiller');
    expect(lab.store.mustGet('services', 'kube-system', 'tiller-deploy').spec.ports[0].port).toBe(
      44134,
    );
    const again = await lab.helm('init', '--service-account', 'tiller');
    expect(again.stdout).toContain('Warning: Tiller is already installed in the cluster.');
  });

  it('--skip-refresh gets past the 403; --wait waits for Tiller', async () => {
    const run = lab.helm('init', '--service-account', 'tiller', '--skip-refresh', '--wait');
    await new Promise((resolve) => setImmediate(resolve));
    lab.markReady('deployments', 'kube-system', 'tiller-deploy');
    expect((await run).exitCode).toBe(0);
  });

  it('release commands need a ready Tiller', async () => {
    expect((await lab.helm('ls')).stderr).toBe('Error: could not find tiller\n');
    await lab.store.create('pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'tiller-deploy-5d6cc99fc-sv6z6',
        namespace: 'kube-system',
        labels: { app: 'helm', name: 'tiller' },
      },
      spec: { containers: [{ name: 'tiller', image: 'x' }] },
    });
    expect((await lab.helm('ls')).stderr).toBe('Error: could not find a ready tiller pod\n');
  });

  describe('with Tiller', () => {
    beforeEach(async () => {
      await lab.helm(
        'init',
        '--service-account',
        'tiller',
        '--stable-repo-url',
        'https://charts.helm.sh/stable',
      );
      lab.markReady('deployments', 'kube-system', 'tiller-deploy');
    });

    it('installs stable/nginx-ingress as the walkthrough does, stored in a ConfigMap', async () => {
      const r = await lab.helm(
        'install',
        'stable/nginx-ingress',
        '--name',
        'nginx',
        '--namespace',
        'cattle-system',
        '--set',
        'controller.kind=DaemonSet',
      );
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.stderr).toBe('WARNING: This chart is deprecated\n');
      expect(r.stdout).toMatch(
        /^NAME: {3}nginx\nLAST DEPLOYED: .*\nNAMESPACE: cattle-system\nSTATUS: DEPLOYED\n\nRESOURCES:\n/,
      );
      expect(r.stdout).toContain('==> v1/Service');
      expect(r.stdout).toContain(
        '* DEPRECATED, please use https://github.com/kubernetes/ingress-nginx',
      );
      const ds = lab.store.mustGet(
        'apps/daemonsets',
        'cattle-system',
        'nginx-nginx-ingress-controller',
      );
      expect(ds.metadata.labels).toMatchObject({
        app: 'nginx-ingress',
        component: 'controller',
        release: 'nginx',
        heritage: 'Tiller',
      });
      expect(ds.metadata.labels?.['app.kubernetes.io/managed-by']).toBeUndefined();
      expect(
        lab.store.mustGet('services', 'cattle-system', 'nginx-nginx-ingress-controller').spec.type,
      ).toBe('LoadBalancer');
      expect(
        lab.store.mustGet(
          'apps/deployments',
          'cattle-system',
          'nginx-nginx-ingress-default-backend',
        ),
      ).toBeDefined();
      expect(
        lab.store.mustGet('services', 'cattle-system', 'nginx-nginx-ingress-default-backend').spec
          .type,
      ).toBe('ClusterIP');
      const cm = lab.store.mustGet('configmaps', 'kube-system', 'nginx.v1');
      expect(cm.metadata.labels).toMatchObject({
        OWNER: 'TILLER',
        NAME: 'nginx',
        STATUS: 'DEPLOYED',
        VERSION: '1',
      });
      const list = JSON.parse((await lab.helm('ls', '--output', 'json')).stdout);
      expect(list.Releases[0]).toMatchObject({
        Name: 'nginx',
        Revision: 1,
        Status: 'DEPLOYED',
        Chart: 'nginx-ingress-1.41.3',
      });
    });

    it("refuses today's Rancher chart: apiVersion v2, as helm 2.17 does", async () => {
      await lab.helm(
        'repo',
        'add',
        'rancher-stable',
        'https://releases.rancher.com/server-charts/stable',
      );
      const args = ['--set', 'hostname=r.lab.test', '--set', 'ingress.tls.source=secret'];
      for (const argv of [
        ['install', 'rancher-stable/rancher', '--name', 'rancher', '--namespace', 'cattle-system'],
        [
          'upgrade',
          '--install',
          'rancher',
          'rancher-stable/rancher',
          '--namespace',
          'cattle-system',
        ],
      ]) {
        const r = await lab.helm(...argv, ...args);
        expect(r.exitCode).toBe(1);
        expect(r.stderr).toBe('Error: apiVersion \'v2\' is not valid. The value must be "v1"\n');
      }
      expect(lab.store.get('apps/deployments', 'cattle-system', 'rancher')).toBeUndefined();
      expect(
        lab.store.list('configmaps', { namespace: 'kube-system', labelSelector: 'OWNER=TILLER' }),
      ).toEqual([]);
    });

    it('installs a v1 chart with --name, refuses the name twice, upgrades and purges', async () => {
      const install = [
        'install',
        'stable/nginx-ingress',
        '--name',
        'nginx',
        '--namespace',
        'cattle-system',
      ];
      expect((await lab.helm(...install)).exitCode).toBe(0);
      const twice = await lab.helm(...install);
      expect(twice.stderr).toBe(
        'WARNING: This chart is deprecated\nError: a release named nginx already exists.\nRun: helm ls --all nginx; to check the status of the release\nOr run: helm del --purge nginx; to delete it\n',
      );
      const up = await lab.helm(
        'upgrade',
        '--install',
        'nginx',
        'stable/nginx-ingress',
        '--namespace',
        'cattle-system',
      );
      expect(up.stdout).toMatch(/^Release "nginx" has been upgraded\.\n/);
      expect(
        lab.store.mustGet('configmaps', 'kube-system', 'nginx.v1').metadata.labels?.STATUS,
      ).toBe('SUPERSEDED');
      expect(
        lab.store.mustGet('configmaps', 'kube-system', 'nginx.v2').metadata.labels?.STATUS,
      ).toBe('DEPLOYED');
      expect((await lab.helm('delete', '--purge', 'nginx')).stdout).toBe(
        'release "nginx" deleted\n',
      );
      expect(
        lab.store.get('apps/daemonsets', 'cattle-system', 'nginx-nginx-ingress-controller'),
      ).toBeUndefined();
      expect(
        lab.store.list('configmaps', { namespace: 'kube-system', labelSelector: 'OWNER=TILLER' }),
      ).toEqual([]);
    });

    it('cannot install apiVersion v2 charts and has no -n namespace shorthand', async () => {
      await lab.helm('repo', 'add', 'ingress-nginx', 'https://kubernetes.github.io/ingress-nginx');
      const r = await lab.helm('install', 'ingress-nginx/ingress-nginx', '--name', 'x');
      expect(r.stderr).toBe('Error: apiVersion \'v2\' is not valid. The value must be "v1"\n');
      // In Helm 2, -n is --name.
      const n = await lab.helm('install', 'stable/nginx-ingress', '-n', 'nginx');
      expect(n.exitCode, n.stderr).toBe(0);
      expect(
        lab.store.get('apps/deployments', 'default', 'nginx-nginx-ingress-controller'),
      ).toBeDefined();
    });

    it('counts integer seconds for --timeout', async () => {
      const r = await lab.helm(
        'install',
        'stable/nginx-ingress',
        '--name',
        'n',
        '--timeout',
        '10m',
      );
      expect(r.stderr).toBe(
        'Error: invalid argument "10m" for "--timeout" flag: strconv.ParseInt: parsing "10m": invalid syntax\n',
      );
    });

    it('reports the transient helmFails fault as a closed transport', async () => {
      lab.faults.set({ helmFails: 1 });
      expect((await lab.helm('install', 'stable/nginx-ingress', '--name', 'n')).stderr).toBe(
        'Error: transport is closing\n',
      );
    });
  });
});
