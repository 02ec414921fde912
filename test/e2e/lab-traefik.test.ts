import { Resolver } from 'node:dns/promises';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCa, issueCert, type Issued } from '../../source/lab/pki.js';
import { poll, startLab, type LabProcess } from '../helpers/lab-process.js';
import { httpsGet } from '../lab/helpers/front-fixtures.js';

// Traefik in the lab as the installer sets it up: the built CLI's `lab up --dns-from-ingress`,
// real kubectl, the lab's pks and helm; Rancher reached through Traefik's virtual server by name.
let lab: LabProcess;
let ca: Issued;
const cluster = 'czpkstraefik01';
const host = 'rancher.lab.test';

/** The installer's `helm upgrade --install` for chart 39.x (see the lab's Traefik chart). */
const traefikSets = [
  'deployment.kind=DaemonSet',
  'ingressClass.enabled=true',
  'ingressClass.name=traefik',
  'ingressClass.isDefaultClass=false',
  'service.type=LoadBalancer',
  'providers.kubernetesIngress.publishedService.enabled=true',
  'ports.web.http.redirections.entryPoint.to=websecure',
  'ports.web.http.redirections.entryPoint.scheme=https',
  'ports.web.http.redirections.entryPoint.permanent=true',
  'ports.websecure.http.tls.enabled=true',
  'ports.websecure.transport.respondingTimeouts.readTimeout=1800s',
  'ports.websecure.transport.respondingTimeouts.writeTimeout=1800s',
  'ports.websecure.transport.respondingTimeouts.idleTimeout=1800s',
  'tlsStore.default.defaultCertificate.secretName=tls-rancher-ingress',
];

const rancherIngress = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: rancher
  namespace: cattle-system
  annotations:
    kubernetes.io/ingress.class: traefik
spec:
  ingressClassName: traefik
  tls:
    - hosts: [${host}]
      secretName: tls-rancher-ingress
  rules:
    - host: ${host}
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: rancher
                port:
                  number: 80
`;

function resolver(): Resolver {
  const r = new Resolver();
  r.setServers([lab.env().RANCHER_PKS_TUI_DNS_SERVERS!]);
  return r;
}

async function ok(argv: string[]): Promise<string> {
  const r = await lab.run(argv);
  expect(r.code, `${argv.join(' ')}: ${r.stderr}`).toBe(0);
  return r.stdout;
}

beforeAll(async () => {
  lab = await startLab(['--dns-from-ingress']);
  ca = await createCa({ commonName: 'Lab Traefik Test CA' });
});

afterAll(async () => {
  expect(await lab.stop()).toBe(0);
});

describe('lab up --dns-from-ingress with Traefik', () => {
  it('builds a cluster and its secrets', async () => {
    await ok(['pks', 'create-cluster', cluster, '-e', `${cluster}.lab.test`, '-p', 'rancher']);
    await poll(async () => {
      const r = await lab.run(['pks', 'cluster', cluster, '--json']);
      return (JSON.parse(r.stdout) as { last_action_state: string }).last_action_state ===
        'succeeded'
        ? true
        : undefined;
    }, 'the cluster');
    await ok(['pks', 'get-credentials', cluster]);
    await ok(['kubectl', 'create', 'namespace', 'cattle-system']);
    const server = await issueCert(ca, { commonName: host, dnsNames: [host] });
    writeFileSync(join(lab.dir, 'tls.crt'), server.certPem);
    writeFileSync(join(lab.dir, 'tls.key'), server.keyPem, { mode: 0o600 });
    await ok([
      'kubectl',
      '-n',
      'cattle-system',
      'create',
      'secret',
      'tls',
      'tls-rancher-ingress',
      '--cert=tls.crt',
      '--key=tls.key',
    ]);
  });

  it('installs Traefik with helm as the installer does: CRDs, TLSStore, DaemonSet, VIP', async () => {
    expect(
      await ok(['helm', 'repo', 'add', 'traefik', 'https://traefik.github.io/charts']),
    ).toContain('"traefik" has been added to your repositories');
    const installed = await ok([
      'helm',
      'upgrade',
      '--install',
      'traefik',
      'traefik/traefik',
      '-n',
      'cattle-system',
      '--version',
      '39.0.9',
      ...traefikSets.flatMap((s) => ['--set', s]),
      '--wait',
      '--timeout',
      '10m',
    ]);
    expect(installed).toContain('STATUS: deployed');
    expect(await ok(['kubectl', 'get', 'crd', 'tlsstores.traefik.io', '-o', 'name'])).toBe(
      'customresourcedefinition.apiextensions.k8s.io/tlsstores.traefik.io\n',
    );
    const store = await ok([
      'kubectl',
      '-n',
      'cattle-system',
      'get',
      'tlsstores.traefik.io',
      'default',
      '-o',
      'jsonpath={.spec.defaultCertificate.secretName}',
    ]);
    expect(store).toBe('tls-rancher-ingress');
    const ds = JSON.parse(
      await ok(['kubectl', '-n', 'cattle-system', 'get', 'ds', 'traefik', '-o', 'json']),
    ) as {
      status: { numberReady: number };
      spec: { template: { spec: { containers: { image: string }[] } } };
    };
    expect(ds.status.numberReady).toBe(3);
    expect(ds.spec.template.spec.containers[0]!.image).toBe('docker.io/traefik:v3.6.15');
    const cls = await ok([
      'kubectl',
      'get',
      'ingressclass',
      'traefik',
      '-o',
      'jsonpath={.spec.controller}',
    ]);
    expect(cls).toBe('traefik.io/ingress-controller');
  });

  it('reaches Rancher /ping through the Traefik VIP, by the name external-dns published', async () => {
    await ok([
      'kubectl',
      '-n',
      'cattle-system',
      'create',
      'deployment',
      'rancher',
      '--image=rancher/rancher:v2.9.2',
    ]);
    await ok(['kubectl', '-n', 'cattle-system', 'expose', 'deployment', 'rancher', '--port=80']);
    writeFileSync(join(lab.dir, 'ingress.yaml'), rancherIngress);
    await ok(['kubectl', 'apply', '-f', 'ingress.yaml']);
    const vip = await poll(async () => {
      const r = await lab.run([
        'kubectl',
        '-n',
        'cattle-system',
        'get',
        'ingress',
        'rancher',
        '-o',
        'jsonpath={.status.loadBalancer.ingress[0].ip}',
      ]);
      return r.stdout || undefined;
    }, 'the Ingress status (Traefik publishedService)');
    const svcIp = await ok([
      'kubectl',
      '-n',
      'cattle-system',
      'get',
      'svc',
      'traefik',
      '-o',
      'jsonpath={.status.loadBalancer.ingress[0].ip}',
    ]);
    expect(vip).toBe(svcIp);
    const resolved = await poll(async () => {
      const ips = await resolver()
        .resolve4(host)
        .catch(() => undefined);
      return ips?.length ? ips : undefined;
    }, 'the A record external-dns makes');
    expect(resolved).toEqual([vip]);
    const port = Number(lab.env().RANCHER_PKS_TUI_INGRESS_HTTPS_PORT);
    const ping = await poll(
      () =>
        httpsGet({ vip: resolved[0]!, port, host, path: '/ping', ca: ca.certPem }).then(
          (a) => (a.body === 'pong' ? a : undefined),
          () => undefined,
        ),
      'pong through Traefik',
    );
    expect(ping.authorized).toBe(true);
    expect(ping.peer.subject.CN).toBe(host);
    const unknown = await httpsGet({ vip, port, host: 'nobody.lab.test', path: '/' });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toBe('404 page not found\n');
  });

  it('takes the record away with the Ingress (policy sync)', async () => {
    await ok(['kubectl', '-n', 'cattle-system', 'delete', 'ingress', 'rancher']);
    await poll(async () => {
      const ips = await resolver()
        .resolve4(host)
        .catch(() => []);
      return ips.length === 0 ? true : undefined;
    }, 'the A record to go');
  });
});
