import { beforeEach, describe, expect, it } from 'vitest';
import { fakeLab, type FakeLab } from './fake-lab.js';

const ns = 'cattle-system';

function installRancher(lab: FakeLab, ...sets: string[]) {
  return lab.helm(
    'upgrade',
    '--install',
    'rancher',
    'rancher-stable/rancher',
    '--namespace',
    ns,
    '--create-namespace',
    ...sets.flatMap((s) => ['--set', s]),
  );
}

describe('rancher chart', () => {
  let lab: FakeLab;
  beforeEach(async () => {
    lab = fakeLab({ kubeVersion: 'v1.31.4' });
    await lab.helm(
      'repo',
      'add',
      'rancher-stable',
      'https://releases.rancher.com/server-charts/stable',
    );
  });

  it('renders the walkthrough install: hostname, secret TLS, private CA', async () => {
    const r = await installRancher(
      lab,
      'hostname=rancher.lab.test',
      'ingress.tls.source=secret',
      'privateCA=true',
    );
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('NOTES:\nRancher Server has been installed.');
    expect(r.stdout).toContain('browse to https://rancher.lab.test to get started');
    const { store } = lab;
    const deploy = store.mustGet('apps/deployments', ns, 'rancher');
    expect(deploy.metadata.labels).toMatchObject({
      app: 'rancher',
      chart: 'rancher-2.15.0',
      heritage: 'Helm',
      release: 'rancher',
    });
    expect(deploy.spec.replicas).toBe(3);
    const pod = deploy.spec.template;
    expect(pod.metadata.labels).toEqual({ app: 'rancher', release: 'rancher' });
    expect(
      pod.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0]
        .podAffinityTerm.topologyKey,
    ).toBe('kubernetes.io/hostname');
    const c = pod.spec.containers[0];
    expect(c.image).toBe('rancher/rancher:v2.15.0');
    expect(c.args).toEqual([
      '--http-listen-port=80',
      '--https-listen-port=443',
      '--add-local=true',
    ]);
    expect(c.env).toContainEqual({ name: 'CATTLE_NAMESPACE', value: ns });
    expect(c.env).toContainEqual({ name: 'CATTLE_PEER_SERVICE', value: 'rancher' });
    expect(c.env).toContainEqual({
      name: 'CATTLE_BOOTSTRAP_PASSWORD',
      valueFrom: { secretKeyRef: { name: 'bootstrap-secret', key: 'bootstrapPassword' } },
    });
    expect(c.volumeMounts).toEqual([
      {
        mountPath: '/etc/rancher/ssl/cacerts.pem',
        name: 'tls-ca-volume',
        subPath: 'cacerts.pem',
        readOnly: true,
      },
    ]);
    expect(pod.spec.volumes).toEqual([
      { name: 'tls-ca-volume', secret: { defaultMode: 0o400, secretName: 'tls-ca' } },
    ]);
    expect(c.readinessProbe.httpGet).toEqual({ path: '/healthz', port: 80 });

    const svc = store.mustGet('services', ns, 'rancher');
    expect(svc.spec.type).toBe('ClusterIP');
    expect(
      svc.spec.ports.map((p: { port: number; targetPort: number; name: string }) => [
        p.name,
        p.port,
        p.targetPort,
      ]),
    ).toEqual([
      ['http', 80, 80],
      ['https-internal', 443, 444],
    ]);
    expect(store.mustGet('serviceaccounts', ns, 'rancher')).toBeDefined();
    const crb = store.mustGet(
      'rbac.authorization.k8s.io/clusterrolebindings',
      undefined,
      'rancher',
    );
    expect(crb.roleRef).toMatchObject({ kind: 'ClusterRole', name: 'cluster-admin' });

    const ing = store.mustGet('networking.k8s.io/ingresses', ns, 'rancher');
    expect(ing.apiVersion).toBe('networking.k8s.io/v1');
    expect(ing.spec.rules[0].host).toBe('rancher.lab.test');
    expect(ing.spec.rules[0].http.paths[0].backend).toEqual({
      service: { name: 'rancher', port: { number: 80 } },
    });
    expect(ing.spec.tls).toEqual([
      { hosts: ['rancher.lab.test'], secretName: 'tls-rancher-ingress' },
    ]);
    expect(ing.spec.ingressClassName).toBeUndefined();
    expect(ing.metadata.annotations).toMatchObject({
      'nginx.ingress.kubernetes.io/proxy-connect-timeout': '30',
      'nginx.ingress.kubernetes.io/proxy-read-timeout': '1800',
      'nginx.ingress.kubernetes.io/proxy-send-timeout': '1800',
    });
    expect(ing.metadata.annotations?.['cert-manager.io/issuer']).toBeUndefined();
  });

  it('follows replicas, antiAffinity, ingressClassName, extraAnnotations and tls.secretName', async () => {
    const r = await installRancher(
      lab,
      'hostname=r.lab.test',
      'ingress.tls.source=secret',
      'replicas=1',
      'antiAffinity=required',
      'ingress.ingressClassName=nginx',
      'ingress.extraAnnotations.kubernetes\\.io/ingress\\.class=nginx',
      'ingress.tls.secretName=my-tls',
    );
    expect(r.exitCode, r.stderr).toBe(0);
    const deploy = lab.store.mustGet('apps/deployments', ns, 'rancher');
    expect(deploy.spec.replicas).toBe(1);
    expect(
      deploy.spec.template.spec.affinity.podAntiAffinity
        .requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey,
    ).toBe('kubernetes.io/hostname');
    // Without a private CA, a secret-sourced certificate means public roots: --no-cacerts.
    expect(deploy.spec.template.spec.containers[0].args[0]).toBe('--no-cacerts');
    expect(deploy.spec.template.spec.volumes).toBeUndefined();
    const ing = lab.store.mustGet('networking.k8s.io/ingresses', ns, 'rancher');
    expect(ing.spec.ingressClassName).toBe('nginx');
    expect(ing.metadata.annotations?.['kubernetes.io/ingress.class']).toBe('nginx');
    expect(ing.spec.tls[0].secretName).toBe('my-tls');
  });

  it('makes no Ingress with ingress.enabled=false', async () => {
    const r = await installRancher(
      lab,
      'hostname=r.lab.test',
      'ingress.tls.source=secret',
      'ingress.enabled=false',
    );
    expect(r.exitCode, r.stderr).toBe(0);
    expect(lab.store.get('networking.k8s.io/ingresses', ns, 'rancher')).toBeUndefined();
    expect(lab.store.get('apps/deployments', ns, 'rancher')).toBeDefined();
  });

  it('stores the bootstrap password, random when empty, kept across upgrades', async () => {
    await installRancher(lab, 'hostname=r.lab.test', 'ingress.tls.source=secret');
    const first = lab.store.mustGet('secrets', ns, 'bootstrap-secret').data as Record<
      string,
      string
    >;
    expect(
      Buffer.from(first.bootstrapPassword!, 'base64').toString().length,
    ).toBeGreaterThanOrEqual(16);
    await installRancher(
      lab,
      'hostname=r.lab.test',
      'ingress.tls.source=secret',
      'bootstrapPassword=other',
    );
    const second = lab.store.mustGet('secrets', ns, 'bootstrap-secret').data as Record<
      string,
      string
    >;
    expect(second.bootstrapPassword).toBe(first.bootstrapPassword);

    const fresh = fakeLab();
    await fresh.helm(
      'repo',
      'add',
      'rancher-stable',
      'https://releases.rancher.com/server-charts/stable',
    );
    await installRancher(
      fresh,
      'hostname=r.lab.test',
      'ingress.tls.source=secret',
      'bootstrapPassword=s3cret-Pass',
    );
    const given = fresh.store.mustGet('secrets', ns, 'bootstrap-secret').data as Record<
      string,
      string
    >;
    expect(Buffer.from(given.bootstrapPassword!, 'base64').toString()).toBe('s3cret-Pass');
  });

  it('refuses a cluster newer than the chart allows', async () => {
    const newer = fakeLab({ kubeVersion: 'v1.33.1' });
    await newer.helm(
      'repo',
      'add',
      'rancher-stable',
      'https://releases.rancher.com/server-charts/stable',
    );
    const install = await newer.helm(
      'install',
      'rancher',
      'rancher-stable/rancher',
      '-n',
      ns,
      '--create-namespace',
      '--version',
      '2.10.3',
      '--set',
      'hostname=r.lab.test',
    );
    expect(install.exitCode).toBe(1);
    expect(install.stderr).toBe(
      'Error: INSTALLATION FAILED: chart requires kubeVersion: < 1.32.0-0 which is incompatible with Kubernetes v1.33.1\n',
    );
    const ok = await newer.helm(
      'install',
      'rancher',
      'rancher-stable/rancher',
      '-n',
      ns,
      '--create-namespace',
      '--set',
      'hostname=r.lab.test',
      '--set',
      'ingress.tls.source=secret',
    );
    expect(ok.exitCode, ok.stderr).toBe(0);
    const downgrade = await newer.helm(
      'upgrade',
      'rancher',
      'rancher-stable/rancher',
      '-n',
      ns,
      '--version',
      '2.10.3',
    );
    expect(downgrade.stderr).toBe(
      'Error: UPGRADE FAILED: chart requires kubeVersion: < 1.32.0-0 which is incompatible with Kubernetes v1.33.1\n',
    );
  });

  it("fails without cert-manager when TLS comes from Rancher or Let's Encrypt", async () => {
    const r = await lab.helm(
      'install',
      'rancher',
      'rancher-stable/rancher',
      '-n',
      ns,
      '--create-namespace',
      '--set',
      'hostname=r.lab.test',
    );
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(
      'Error: INSTALLATION FAILED: unable to build kubernetes objects from release manifest: resource mapping not found for name: "rancher" namespace: "cattle-system" from "": no matches for kind "Issuer" in version "cert-manager.io/v1"\nensure CRDs are installed first\n',
    );
    expect(lab.store.get('apps/deployments', ns, 'rancher')).toBeUndefined();
  });

  it('requires a hostname', async () => {
    const r = await installRancher(lab, 'ingress.tls.source=secret');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('hostname is required');
  });

  it('shows user values with get values', async () => {
    await installRancher(lab, 'hostname=r.lab.test', 'ingress.tls.source=secret', 'replicas=2');
    const values = JSON.parse(
      (await lab.helm('get', 'values', 'rancher', '-n', ns, '-o', 'json')).stdout,
    );
    expect(values).toEqual({
      hostname: 'r.lab.test',
      ingress: { tls: { source: 'secret' } },
      replicas: 2,
    });
  });

  it('prints the manifest and changes nothing on --dry-run', async () => {
    const r = await lab.helm(
      'install',
      'rancher',
      'rancher-stable/rancher',
      '-n',
      ns,
      '--create-namespace',
      '--dry-run',
      '--set',
      'hostname=r.lab.test',
      '--set',
      'ingress.tls.source=secret',
    );
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('STATUS: pending-install');
    expect(r.stdout).toContain('# Source: rancher/templates/deployment.yaml');
    expect(lab.store.get('namespaces', undefined, ns)).toBeUndefined();
  });
});
