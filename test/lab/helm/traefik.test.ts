import { beforeEach, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { servedTypes } from '../../../source/lab/kube/resources.js';
import { fakeLab, type FakeLab } from './fake-lab.js';

const ns = 'cattle-system';

/** The installer's settings in the syntax of each chart line (see the report of issue 11). */
function installerSets(major: number): string[] {
  const http = major >= 39 ? 'http.' : '';
  return [
    'deployment.kind=DaemonSet',
    'ingressClass.enabled=true',
    'ingressClass.name=traefik',
    'ingressClass.isDefaultClass=false',
    major >= 40 ? 'service.spec.type=LoadBalancer' : 'service.type=LoadBalancer',
    'providers.kubernetesIngress.publishedService.enabled=true',
    `ports.web.${http}redirections.entryPoint.to=websecure`,
    `ports.web.${http}redirections.entryPoint.scheme=https`,
    `ports.web.${http}redirections.entryPoint.permanent=true`,
    `ports.websecure.${http}tls.enabled=true`,
    'ports.websecure.transport.respondingTimeouts.readTimeout=1800s',
    'ports.websecure.transport.respondingTimeouts.writeTimeout=1800s',
    'ports.websecure.transport.respondingTimeouts.idleTimeout=1800s',
    'tlsStore.default.defaultCertificate.secretName=tls-rancher-ingress',
  ].flatMap((s) => ['--set', s]);
}

function install(lab: FakeLab, version: string, ...extra: string[]) {
  return lab.helm(
    'upgrade',
    '--install',
    'traefik',
    'traefik/traefik',
    '-n',
    ns,
    '--create-namespace',
    '--version',
    version,
    ...extra,
  );
}

describe('traefik chart in the lab helm', () => {
  let lab: FakeLab;
  beforeEach(async () => {
    lab = fakeLab({ kubeVersion: 'v1.29.3' });
    const added = await lab.helm('repo', 'add', 'traefik', 'https://traefik.github.io/charts');
    expect(added.stdout).toBe('"traefik" has been added to your repositories\n');
  });

  it('lists the real versions with their kubeVersion bounds', async () => {
    const found = JSON.parse(
      (await lab.helm('search', 'repo', 'traefik/traefik', '--versions', '-o', 'json')).stdout,
    ) as { version: string; app_version: string }[];
    expect(found.map((f) => `${f.version}=${f.app_version}`)).toEqual([
      '41.3.0=v3.7.11',
      '40.3.0=v3.7.4',
      '39.0.9=v3.6.15',
      '38.0.2=v3.6.6',
      '37.4.0=v3.6.2',
      '37.3.0=v3.6.0',
    ]);
    const chart = await lab.helm('show', 'chart', 'traefik/traefik', '--version', '39.0.9');
    expect(chart.stdout).toMatch(/kubeVersion: ['"]?>=1\.22\.0-0/);
    expect(chart.stdout).toContain('name: traefik');
    const newest = await lab.helm('show', 'chart', 'traefik/traefik');
    expect(newest.stdout).toMatch(/kubeVersion: ['"]?>=1\.25\.0-0/);
    expect(newest.stdout).toContain('version: 41.3.0');
  });

  for (const version of ['37.4.0', '38.0.2', '39.0.9', '40.3.0', '41.3.0']) {
    it(`${version}: installs the objects the real chart renders for the installer's values`, async () => {
      const major = Number(version.split('.')[0]);
      const r = await install(lab, version, ...installerSets(major));
      expect(r.exitCode, r.stderr).toBe(0);
      const { store } = lab;
      const ds = store.mustGet('apps/daemonsets', ns, 'traefik');
      expect(store.get('apps/deployments', ns, 'traefik')).toBeUndefined();
      const selector = {
        'app.kubernetes.io/name': 'traefik',
        'app.kubernetes.io/instance': 'traefik-cattle-system',
      };
      expect(ds.metadata.labels).toEqual({
        ...selector,
        'helm.sh/chart': `traefik-${version}`,
        'app.kubernetes.io/managed-by': 'Helm',
      });
      expect(ds.spec.selector.matchLabels).toEqual(selector);
      const container = ds.spec.template.spec.containers[0];
      expect(container.name).toBe('traefik');
      expect(container.image).toMatch(/^docker\.io\/traefik:v3\.[67]\.\d+$/);
      expect(container.readinessProbe.httpGet).toEqual({
        path: '/ping',
        port: 8080,
        scheme: 'HTTP',
      });
      expect(container.args).toEqual(
        expect.arrayContaining([
          '--entryPoints.web.address=:8000/tcp',
          '--entryPoints.websecure.address=:8443/tcp',
          '--ping=true',
          '--providers.kubernetesingress.ingressendpoint.publishedservice=cattle-system/traefik',
          '--entryPoints.web.http.redirections.entryPoint.to=:443',
          '--entryPoints.web.http.redirections.entryPoint.scheme=https',
          '--entryPoints.web.http.redirections.entryPoint.permanent=true',
          '--entryPoints.websecure.http.tls=true',
          '--entryPoints.websecure.transport.respondingTimeouts.readTimeout=1800s',
          '--entryPoints.websecure.transport.respondingTimeouts.writeTimeout=1800s',
          '--entryPoints.websecure.transport.respondingTimeouts.idleTimeout=1800s',
        ]),
      );
      const svc = store.mustGet('services', ns, 'traefik');
      expect(svc.spec.type).toBe('LoadBalancer');
      expect(svc.spec.selector).toEqual(selector);
      expect(
        svc.spec.ports.map((p: { name: string; port: number; targetPort: string }) => [
          p.name,
          p.port,
          p.targetPort,
        ]),
      ).toEqual([
        ['web', 80, 'web'],
        ['websecure', 443, 'websecure'],
      ]);
      const cls = store.mustGet('networking.k8s.io/ingressclasses', undefined, 'traefik');
      expect(cls.spec.controller).toBe('traefik.io/ingress-controller');
      expect(cls.metadata.annotations?.['ingressclass.kubernetes.io/is-default-class']).toBe(
        'false',
      );
      expect(store.mustGet('serviceaccounts', ns, 'traefik')).toBeDefined();
      const role = 'traefik-cattle-system';
      expect(
        store.mustGet('rbac.authorization.k8s.io/clusterroles', undefined, role),
      ).toBeDefined();
      expect(
        store.mustGet('rbac.authorization.k8s.io/clusterrolebindings', undefined, role).subjects,
      ).toEqual([{ kind: 'ServiceAccount', name: 'traefik', namespace: ns }]);
      const tlsStore = store.mustGet('traefik.io/tlsstores', ns, 'default');
      expect(tlsStore.spec).toEqual({ defaultCertificate: { secretName: 'tls-rancher-ingress' } });
    });
  }

  it('creates the chart CRDs first, so the traefik.io types are served from then on', async () => {
    const before = servedTypes(lab.store).map((t) => t.resource);
    expect(before).not.toContain('tlsstores');
    expect((await install(lab, '39.0.9')).exitCode).toBe(0);
    const crd = lab.store.mustGet(
      'apiextensions.k8s.io/customresourcedefinitions',
      undefined,
      'tlsstores.traefik.io',
    );
    expect(crd.spec.names.kind).toBe('TLSStore');
    expect(servedTypes(lab.store).map((t) => t.resource)).toEqual(
      expect.arrayContaining(['tlsstores', 'ingressroutes', 'middlewares']),
    );
    // Not part of the release: an uninstall leaves the CRDs (helm never deletes them).
    expect((await lab.helm('uninstall', 'traefik', '-n', ns)).exitCode).toBe(0);
    expect(
      lab.store.get(
        'apiextensions.k8s.io/customresourcedefinitions',
        undefined,
        'tlsstores.traefik.io',
      ),
    ).toBeDefined();
  });

  it('shows the CRDs for `helm show crds | kubectl apply` (the chart README upgrade path)', async () => {
    const r = await lab.helm('show', 'crds', 'traefik/traefik', '--version', '39.0.9');
    expect(r.exitCode, r.stderr).toBe(0);
    const docs = parseAllDocuments(r.stdout).map((d) => d.toJS() as { metadata: { name: string } });
    expect(docs.map((d) => d.metadata.name)).toContain('tlsstores.traefik.io');
    expect(docs).toHaveLength(10);
  });

  it('shows CRDs that differ between chart majors (their generator: v0.16.1 up to 38, v0.19.0 from 39)', async () => {
    const generator = async (version: string) => {
      const r = await lab.helm('show', 'crds', 'traefik/traefik', '--version', version);
      const docs = parseAllDocuments(r.stdout).map(
        (d) => d.toJS() as { metadata: { annotations: Record<string, string> } },
      );
      return new Set(
        docs.map((d) => d.metadata.annotations['controller-gen.kubebuilder.io/version']),
      );
    };
    expect(await generator('38.0.2')).toEqual(new Set(['v0.16.1']));
    expect(await generator('39.0.9')).toEqual(new Set(['v0.19.0']));
    expect(await generator('41.3.0')).toEqual(new Set(['v0.19.0']));
  });

  it('without the CRDs (--skip-crds) a TLSStore cannot be mapped, as helm says', async () => {
    const r = await install(lab, '39.0.9', '--skip-crds', ...installerSets(39));
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(
      'Error: unable to build kubernetes objects from release manifest: resource mapping not found for name: "default" namespace: "cattle-system" from "": no matches for kind "TLSStore" in version "traefik.io/v1alpha1"\nensure CRDs are installed first\n',
    );
  });

  it('rejects a Kubernetes older than the chart allows', async () => {
    const old = fakeLab({ kubeVersion: 'v1.24.17' });
    await old.helm('repo', 'add', 'traefik', 'https://traefik.github.io/charts');
    const r = await old.helm('install', 'traefik', 'traefik/traefik', '-n', 'default');
    expect(r.stderr).toBe(
      'Error: INSTALLATION FAILED: chart requires kubeVersion: >=1.25.0-0 which is incompatible with Kubernetes v1.24.17\n',
    );
    const fits = await old.helm(
      'install',
      'traefik',
      'traefik/traefik',
      '-n',
      'default',
      '--version',
      '39.0.9',
    );
    expect(fits.exitCode, fits.stderr).toBe(0);
  });

  it('37.x fails on the redirectTo syntax chart 34 removed, with the chart error', async () => {
    const r = await install(lab, '37.4.0', '--set', 'ports.web.redirectTo.port=websecure');
    expect(r.stderr).toBe(
      'Error: execution error at (traefik/templates/_podtemplate.tpl:642:18): ERROR: redirectTo syntax has been removed in v34 of this Chart. See Release notes or EXAMPLES.md for new syntax.\n',
    );
  });

  it('37.x fails on a redirect to a port that does not exist', async () => {
    const r = await install(lab, '37.4.0', '--set', 'ports.web.redirections.entryPoint.to=nowhere');
    expect(r.stderr).toBe(
      'Error: execution error at (traefik/templates/_podtemplate.tpl:648:20): ERROR: Cannot redirect web to nowhere: entryPoint not found\n',
    );
  });

  it('38.x rejects an unknown key under a port with helm 3.18 wording', async () => {
    const r = await install(lab, '38.0.2', '--set', 'ports.web.redirectTo.port=websecure');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(
      "Error: values don't meet the specifications of the schema(s) in the following chart(s):\ntraefik:\n- ports.web: Additional property redirectTo is not allowed\n\n",
    );
    expect(lab.store.get('apps/deployments', ns, 'traefik')).toBeUndefined();
  });

  it('39.x rejects the 37.x paths with helm 4.1 wording', async () => {
    const lab4 = fakeLab({ helmMajor: 4, kubeVersion: 'v1.29.3' });
    await lab4.helm('repo', 'add', 'traefik', 'https://traefik.github.io/charts');
    const r = await lab4.helm(
      'install',
      'traefik',
      'traefik/traefik',
      '-n',
      'default',
      '--version',
      '39.0.9',
      ...installerSets(37),
    );
    expect(r.stderr).toBe(
      "Error: INSTALLATION FAILED: values don't meet the specifications of the schema(s) in the following chart(s):\ntraefik:\n- at '/ports/web': additional properties 'redirections' not allowed\n- at '/ports/websecure': additional properties 'tls' not allowed\n\n",
    );
    // The CRDs went in before the values were checked, as helm does; the right syntax installs.
    expect(
      lab4.store.get(
        'apiextensions.k8s.io/customresourcedefinitions',
        undefined,
        'tlsstores.traefik.io',
      ),
    ).toBeDefined();
    const fixed = await lab4.helm(
      'install',
      'traefik',
      'traefik/traefik',
      '-n',
      'default',
      '--version',
      '39.0.9',
      ...installerSets(39),
    );
    expect(fixed.exitCode, fixed.stderr).toBe(0);
    expect(
      lab4.store.mustGet('traefik.io/tlsstores', 'default', 'default').metadata.managedFields,
    ).toEqual([expect.objectContaining({ manager: 'helm', operation: 'Apply' })]);
  });

  it('checks types and honours --skip-schema-validation', async () => {
    const bad = await install(lab, '40.3.0', '--set-string', 'ingressClass.isDefaultClass=false');
    expect(bad.stderr).toContain(
      '- ingressClass.isDefaultClass: Invalid type. Expected: boolean, given: string\n',
    );
    const skipped = await install(
      lab,
      '40.3.0',
      '--skip-schema-validation',
      '--set',
      'ports.web.redirectTo.port=websecure',
    );
    expect(skipped.exitCode, skipped.stderr).toBe(0);
  });

  it('40.0 and later read the Service type from service.spec only', async () => {
    const r = await install(lab, '40.3.0', '--set', 'service.type=NodePort');
    expect(r.exitCode, r.stderr).toBe(0);
    expect(lab.store.mustGet('services', ns, 'traefik').spec.type).toBe('LoadBalancer');
    const up = await install(lab, '40.3.0', '--set', 'service.spec.type=NodePort');
    expect(up.exitCode, up.stderr).toBe(0);
    expect(lab.store.mustGet('services', ns, 'traefik').spec.type).toBe('NodePort');
    const old = fakeLab({ kubeVersion: 'v1.29.3' });
    await old.helm('repo', 'add', 'traefik', 'https://traefik.github.io/charts');
    await old.helm(
      'install',
      'traefik',
      'traefik/traefik',
      '-n',
      'default',
      '--version',
      '39.0.9',
      '--set',
      'service.type=NodePort',
    );
    expect(old.store.mustGet('services', 'default', 'traefik').spec.type).toBe('NodePort');
  });

  it('an upgrade from 37.x to 39.x with the old values is refused by the schema', async () => {
    expect((await install(lab, '37.4.0', ...installerSets(37))).exitCode).toBe(0);
    const r = await lab.helm(
      'upgrade',
      'traefik',
      'traefik/traefik',
      '-n',
      ns,
      '--version',
      '39.0.9',
      '--reuse-values',
    );
    expect(r.stderr).toMatch(
      /^Error: UPGRADE FAILED: values don't meet the specifications of the schema\(s\) in the following chart\(s\):\ntraefik:\n- ports\.web: Additional property redirections is not allowed\n/,
    );
    const fresh = await install(lab, '39.0.9', ...installerSets(39));
    expect(fresh.exitCode, fresh.stderr).toBe(0);
  });
});
