import { gunzipSync } from 'node:zlib';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeLab, type FakeLab } from './fake-lab.js';

const ns = 'ingress-nginx';

async function installController(lab: FakeLab, ...extra: string[]) {
  return lab.helm(
    'upgrade',
    '--install',
    'ingress-nginx',
    'ingress-nginx/ingress-nginx',
    '-n',
    ns,
    '--create-namespace',
    '--set',
    'controller.kind=DaemonSet',
    ...extra,
  );
}

describe('ingress-nginx chart', () => {
  let lab: FakeLab;
  beforeEach(async () => {
    lab = fakeLab();
    await lab.helm('repo', 'add', 'ingress-nginx', 'https://kubernetes.github.io/ingress-nginx');
  });

  it('installs a DaemonSet controller with the real names and labels', async () => {
    const r = await installController(lab);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^Release "ingress-nginx" does not exist\. Installing it now\.\nNAME: ingress-nginx\nLAST DEPLOYED: \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}\nNAMESPACE: ingress-nginx\nSTATUS: deployed\nREVISION: 1\nTEST SUITE: None\nNOTES:\nThe ingress-nginx controller has been installed\./,
    );
    const { store } = lab;
    expect(store.get('namespaces', undefined, ns)?.metadata.labels?.name).toBe(ns);
    const ds = store.mustGet('apps/daemonsets', ns, 'ingress-nginx-controller');
    expect(store.get('apps/deployments', ns, 'ingress-nginx-controller')).toBeUndefined();
    expect(ds.metadata.labels).toMatchObject({
      'app.kubernetes.io/name': 'ingress-nginx',
      'app.kubernetes.io/instance': 'ingress-nginx',
      'app.kubernetes.io/component': 'controller',
      'app.kubernetes.io/managed-by': 'Helm',
    });
    expect(ds.metadata.annotations).toMatchObject({
      'meta.helm.sh/release-name': 'ingress-nginx',
      'meta.helm.sh/release-namespace': ns,
    });
    const container = ds.spec.template.spec.containers[0];
    expect(container.image).toBe('registry.k8s.io/ingress-nginx/controller:v1.15.1');
    expect(container.ports.slice(0, 2)).toEqual([
      { name: 'http', containerPort: 80, protocol: 'TCP' },
      { name: 'https', containerPort: 443, protocol: 'TCP' },
    ]);
    expect(container.readinessProbe.httpGet).toEqual({
      path: '/healthz',
      port: 10254,
      scheme: 'HTTP',
    });

    const svc = store.mustGet('services', ns, 'ingress-nginx-controller');
    expect(svc.spec.type).toBe('LoadBalancer');
    expect(
      svc.spec.ports.map((p: { name: string; port: number; targetPort: string }) => [
        p.name,
        p.port,
        p.targetPort,
      ]),
    ).toEqual([
      ['http', 80, 'http'],
      ['https', 443, 'https'],
    ]);
    expect(store.mustGet('services', ns, 'ingress-nginx-controller-admission').spec.type).toBe(
      'ClusterIP',
    );
    expect(store.mustGet('configmaps', ns, 'ingress-nginx-controller')).toBeDefined();
    expect(store.mustGet('serviceaccounts', ns, 'ingress-nginx')).toBeDefined();
    expect(
      store.mustGet('rbac.authorization.k8s.io/clusterroles', undefined, 'ingress-nginx'),
    ).toBeDefined();
    expect(
      store.mustGet('rbac.authorization.k8s.io/rolebindings', ns, 'ingress-nginx'),
    ).toBeDefined();
    const cls = store.mustGet('networking.k8s.io/ingressclasses', undefined, 'nginx');
    expect(cls.spec.controller).toBe('k8s.io/ingress-nginx');
  });

  it('stores the release as a Helm 3 Secret', async () => {
    await installController(lab);
    const secret = lab.store.mustGet('secrets', ns, 'sh.helm.release.v1.ingress-nginx.v1');
    expect(secret.type).toBe('helm.sh/release.v1');
    expect(secret.metadata.labels).toMatchObject({
      owner: 'helm',
      name: 'ingress-nginx',
      status: 'deployed',
      version: '1',
    });
    const inner = Buffer.from(
      (secret.data as Record<string, string>).release!,
      'base64',
    ).toString();
    const release = JSON.parse(gunzipSync(Buffer.from(inner, 'base64')).toString());
    expect(release.config).toEqual({ controller: { kind: 'DaemonSet' } });
    expect(release.manifest).toContain(
      '# Source: ingress-nginx/templates/controller-daemonset.yaml',
    );
  });

  it('lists and reports status as JSON', async () => {
    await installController(lab);
    const list = JSON.parse((await lab.helm('list', '-n', ns, '-o', 'json')).stdout);
    expect(list).toEqual([
      {
        name: 'ingress-nginx',
        namespace: ns,
        revision: '1',
        updated: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? \+0000 UTC$/),
        status: 'deployed',
        chart: 'ingress-nginx-4.15.1',
        app_version: '1.15.1',
      },
    ]);
    expect(JSON.parse((await lab.helm('list', '-A', '-o', 'json')).stdout)).toHaveLength(1);
    expect(JSON.parse((await lab.helm('list', '-o', 'json')).stdout)).toEqual([]);
    const status = JSON.parse(
      (await lab.helm('status', 'ingress-nginx', '-n', ns, '-o', 'json')).stdout,
    );
    expect(status.info.status).toBe('deployed');
    expect(status.version).toBe(1);
    expect(status.chart.metadata.version).toBe('4.15.1');
    const missing = await lab.helm('status', 'nope', '-n', ns);
    expect(missing.stderr).toBe('Error: release: not found\n');
  });

  it('upgrades to revision 2 even with identical values, superseding revision 1', async () => {
    await installController(lab);
    const r = await installController(lab);
    expect(r.stdout).toMatch(
      /^Release "ingress-nginx" has been upgraded\. Happy Helming!\nNAME: ingress-nginx\n/,
    );
    expect(r.stdout).toContain('REVISION: 2');
    expect(
      lab.store.mustGet('secrets', ns, 'sh.helm.release.v1.ingress-nginx.v1').metadata.labels
        ?.status,
    ).toBe('superseded');
    const history = JSON.parse(
      (await lab.helm('history', 'ingress-nginx', '-n', ns, '-o', 'json')).stdout,
    );
    expect(history.map((h: { status: string }) => h.status)).toEqual(['superseded', 'deployed']);
  });

  it('deletes what the new revision no longer renders', async () => {
    await installController(lab);
    await lab.helm(
      'upgrade',
      'ingress-nginx',
      'ingress-nginx/ingress-nginx',
      '-n',
      ns,
      '--set',
      'controller.kind=Deployment',
    );
    expect(lab.store.get('apps/daemonsets', ns, 'ingress-nginx-controller')).toBeUndefined();
    expect(lab.store.get('apps/deployments', ns, 'ingress-nginx-controller')).toBeDefined();
  });

  it('refuses a second install of the same name', async () => {
    await installController(lab);
    const r = await lab.helm('install', 'ingress-nginx', 'ingress-nginx/ingress-nginx', '-n', ns);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(
      'Error: INSTALLATION FAILED: cannot re-use a name that is still in use\n',
    );
  });

  it('needs the namespace unless --create-namespace', async () => {
    const r = await lab.helm('install', 'x', 'ingress-nginx/ingress-nginx', '-n', 'missing');
    expect(r.stderr).toBe(
      'Error: INSTALLATION FAILED: create: failed to create: namespaces "missing" not found\n',
    );
  });

  it('uninstall removes the objects and the release', async () => {
    await installController(lab);
    const r = await lab.helm('uninstall', 'ingress-nginx', '-n', ns);
    expect(r.stdout).toBe('release "ingress-nginx" uninstalled\n');
    expect(lab.store.get('apps/daemonsets', ns, 'ingress-nginx-controller')).toBeUndefined();
    expect(lab.store.get('services', ns, 'ingress-nginx-controller')).toBeUndefined();
    expect(lab.store.get('networking.k8s.io/ingressclasses', undefined, 'nginx')).toBeUndefined();
    expect(lab.store.list('secrets', { namespace: ns, labelSelector: 'owner=helm' })).toEqual([]);
    expect((await lab.helm('uninstall', 'ingress-nginx', '-n', ns)).stderr).toBe(
      'Error: uninstall: Release not loaded: ingress-nginx: release: not found\n',
    );
  });

  it('refuses to adopt objects another owner created', async () => {
    await lab.helm(
      'install',
      'a',
      'ingress-nginx/ingress-nginx',
      '-n',
      'default',
      '--set',
      'controller.admissionWebhooks.enabled=false',
    );
    const r = await lab.helm('install', 'b', 'ingress-nginx/ingress-nginx', '-n', 'default');
    expect(r.stderr).toContain(
      'Error: INSTALLATION FAILED: rendered manifests contain a resource that already exists. Unable to continue with install: IngressClass "nginx" in namespace "" exists and cannot be imported into the current release: invalid ownership metadata; annotation validation error: key "meta.helm.sh/release-name" must equal "b": current value is "a"',
    );
  });

  it('reports unknown repositories, charts and versions', async () => {
    expect((await lab.helm('install', 'x', 'nope/ingress-nginx')).stderr).toBe(
      'Error: INSTALLATION FAILED: repo nope not found\n',
    );
    expect(
      (await lab.helm('install', 'x', 'ingress-nginx/ingress-nginx', '--version', '9.9.9')).stderr,
    ).toBe(
      'Error: INSTALLATION FAILED: chart "ingress-nginx" matching 9.9.9 not found in ingress-nginx index. (try \'helm repo update\'): no chart version found for ingress-nginx-9.9.9\n',
    );
    const pinned = await lab.helm(
      'install',
      'x',
      'ingress-nginx/ingress-nginx',
      '--version',
      '4.11.3',
    );
    expect(pinned.exitCode, pinned.stderr).toBe(0);
    expect(
      lab.store.mustGet('apps/deployments', 'default', 'x-ingress-nginx-controller'),
    ).toBeDefined();
  });

  it('fails with a transient error when the helmFails fault fires, then recovers', async () => {
    lab.faults.set({ helmFails: 1 });
    const failed = await installController(lab);
    expect(failed.exitCode).toBe(1);
    expect(failed.stderr).toBe(
      'Error: Kubernetes cluster unreachable: Get "https://127.0.0.1:18443/version": dial tcp 127.0.0.1:18443: connect: connection refused\n',
    );
    const install = await lab.helm('install', 'i', 'ingress-nginx/ingress-nginx', '-n', 'default');
    expect(install.exitCode, install.stderr).toBe(0);
  });

  it('reports an unreachable cluster when there is no kubeconfig', async () => {
    const { runHelm } = await import('../../../source/lab/helm/run-helm.js');
    const r = await runHelm(lab.lab, ['list'], { cwd: lab.dir, env: { HOME: '/nonexistent' } });
    expect(r.stderr).toBe(
      'Error: Kubernetes cluster unreachable: Get "http://localhost:8080/version": dial tcp 127.0.0.1:8080: connect: connection refused\n',
    );
  });

  it('follows --kube-context and --kubeconfig', async () => {
    expect((await lab.helm('list', '--kube-context', 'nope')).stderr).toBe(
      'Error: Kubernetes cluster unreachable: context "nope" does not exist\n',
    );
    const r = await lab.helm(
      'list',
      '--kubeconfig',
      `${lab.dir}/kubeconfig`,
      '--kube-context',
      'rancher',
    );
    expect(r).toEqual({
      stdout: 'NAME\tNAMESPACE\tREVISION\tUPDATED\tSTATUS\tCHART\tAPP VERSION\n',
      stderr: '',
      exitCode: 0,
    });
  });

  it('prints the table and the manifest', async () => {
    await installController(lab);
    const list = await lab.helm('list', '-n', ns);
    expect(list.stdout.split('\n')[1]).toMatch(
      /^ingress-nginx\s*\tingress-nginx\s*\t1\s*\t\d{4}-.* \+0000 UTC\s*\tdeployed\s*\tingress-nginx-4\.15\.1\s*\t1\.15\.1$/,
    );
    const manifest = await lab.helm('get', 'manifest', 'ingress-nginx', '-n', ns);
    expect(manifest.stdout).toMatch(
      /^---\n# Source: ingress-nginx\/templates\/controller-serviceaccount\.yaml\napiVersion: v1\nkind: ServiceAccount\n/,
    );
  });
});
