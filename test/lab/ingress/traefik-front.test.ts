import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startIngressFront } from '../../../source/lab/ingress/front.js';
import { parseTraefikArgs } from '../../../source/lab/ingress/traefik-config.js';
import { handleTraefikRequest } from '../../../source/lab/ingress/traefik-request-handler.js';
import type { KubeObject } from '../../../source/lab/kube/object.js';
import type { Store } from '../../../source/lab/kube/store.js';
import { createCa, issueCert } from '../../../source/lab/pki.js';
import {
  addControllerPod,
  addControllerService,
  addRancherBackend,
  addRancherIngress,
  addTlsSecret,
  createFixtureLab,
  freePort,
  httpsGet,
  rancherHost,
  rancherNamespace,
  rancherPki,
  randomVip,
  waitFor,
  type FixtureLab,
  type HttpsGet,
} from '../helpers/front-fixtures.js';
import { addTraefik, argsOf, installerValues } from '../helpers/traefik-fixtures.js';

const stops: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

interface Running extends FixtureLab {
  port: number;
  get(vip: string, path: string, extra?: Partial<HttpsGet>): ReturnType<typeof httpsGet>;
}

async function running(seed: (f: FixtureLab) => void): Promise<Running> {
  const port = await freePort();
  const fixture = createFixtureLab({ ingressHttpsPort: port });
  seed(fixture);
  stops.push(startIngressFront(fixture.lab, fixture.cluster));
  const get = (vip: string, path: string, extra: Partial<HttpsGet> = {}) =>
    httpsGet({ vip, port, host: rancherHost, path, ...extra });
  return { ...fixture, port, get };
}

function serving(front: Running, vip: string, path: string, extra: Partial<HttpsGet> = {}) {
  return waitFor(() => front.get(vip, path, extra), `${vip}:${front.port} to serve`);
}

/** An Ingress for Rancher named by class field or annotation, as an installer might write it. */
function addIngress(
  store: Store,
  name: string,
  options: { className?: string; annotation?: string; host?: string; secretName?: string },
): void {
  const host = options.host ?? rancherHost;
  store.create('networking.k8s.io/ingresses', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name,
      namespace: rancherNamespace,
      ...(options.annotation
        ? { annotations: { 'kubernetes.io/ingress.class': options.annotation } }
        : {}),
    },
    spec: {
      ...(options.className ? { ingressClassName: options.className } : {}),
      ...(options.secretName ? { tls: [{ hosts: [host], secretName: options.secretName }] } : {}),
      rules: [
        {
          host,
          http: {
            paths: [
              {
                path: '/',
                pathType: 'Prefix',
                backend: { service: { name: 'rancher', port: { number: 80 } } },
              },
            ],
          },
        },
      ],
    },
  });
}

describe('Traefik behind its virtual server', () => {
  it('serves TRAEFIK DEFAULT CERT and answers an unknown host 404 page not found', async () => {
    const vip = randomVip();
    const front = await running(({ store }) => {
      addTraefik(store, { vip, values: installerValues('39.0.9', { tlsStore: null }) });
      addRancherBackend(store, true);
    });
    const answer = await serving(front, vip, '/ping', { host: 'nobody.lab.test' });
    expect(answer.peer.subject.CN).toBe('TRAEFIK DEFAULT CERT');
    expect(answer.peer.subjectaltname).toMatch(
      /^DNS:[0-9a-f]{32}\.[0-9a-f]{32}\.traefik\.default$/,
    );
    expect(answer.status).toBe(404);
    expect(answer.body).toBe('404 page not found\n');
    expect(answer.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(answer.headers['server']).toBeUndefined();
  });

  it('serves the Ingress secret by SNI and reaches Rancher /ping through class traefik', async () => {
    const vip = randomVip();
    const pki = await rancherPki();
    const front = await running(({ store }) => {
      addTraefik(store, { vip });
      addRancherBackend(store, true);
      addTlsSecret(store, rancherNamespace, 'tls-rancher-ingress', pki.server);
      addRancherIngress(store, { className: 'traefik' });
    });
    const ping = await serving(front, vip, '/ping', { ca: pki.ca.certPem });
    expect(ping.authorized).toBe(true);
    expect(ping.peer.subject.CN).toBe(rancherHost);
    expect(ping.status).toBe(200);
    expect(ping.body).toBe('pong');
    expect((await front.get(vip, '/nothing', { ca: pki.ca.certPem })).body).toBe(
      '404 page not found\n',
    );
  });

  it('serves the TLSStore default certificate for names no Ingress secret covers', async () => {
    const vip = randomVip();
    const pki = await rancherPki();
    const front = await running(({ store }) => {
      // The chart's TLSStore `default` names tls-rancher-ingress; the Ingress has no tls block.
      addTraefik(store, { vip });
      addRancherBackend(store, true);
      addTlsSecret(store, rancherNamespace, 'tls-rancher-ingress', pki.server);
      addIngress(store, 'rancher', { className: 'traefik' });
    });
    const other = await serving(front, vip, '/', { host: 'other.lab.test' });
    expect(other.peer.subject.CN).toBe(rancherHost);
    expect(other.status).toBe(404);
    const ping = await front.get(vip, '/ping', { ca: pki.ca.certPem });
    expect(ping.authorized).toBe(true);
    expect(ping.body).toBe('pong');
  });

  it('picks a certificate by its SANs, not by tls[].hosts', async () => {
    const vip = randomVip();
    const ca = await createCa({ commonName: 'SAN test CA' });
    const other = await issueCert(ca, {
      commonName: 'other.lab.test',
      dnsNames: ['other.lab.test'],
    });
    const front = await running(({ store }) => {
      addTraefik(store, { vip, values: installerValues('39.0.9', { tlsStore: null }) });
      addRancherBackend(store, true);
      addTlsSecret(store, rancherNamespace, 'other-cert', other);
      // The tls block claims rancher.lab.test, but the secret's certificate does not cover it.
      addIngress(store, 'rancher', { className: 'traefik', secretName: 'other-cert' });
    });
    const rancher = await serving(front, vip, '/ping');
    expect(rancher.peer.subject.CN).toBe('TRAEFIK DEFAULT CERT');
    expect(rancher.body).toBe('pong');
    const byName = await front.get(vip, '/', { host: 'other.lab.test', ca: ca.certPem });
    expect(byName.authorized).toBe(true);
    expect(byName.peer.subject.CN).toBe('other.lab.test');
  });

  it('answers 503 no available server when the backend has no ready endpoint', async () => {
    const vip = randomVip();
    const front = await running(({ store }) => {
      addTraefik(store, { vip });
      addRancherBackend(store, false);
      addRancherIngress(store, { className: 'traefik' });
    });
    const answer = await serving(front, vip, '/ping');
    expect(answer.status).toBe(503);
    expect(answer.body).toBe('no available server\n');
  });

  it('picks Ingresses as Traefik does: IngressClass controller, annotation, provider class', async () => {
    const vip = randomVip();
    const front = await running(({ store }) => {
      addTraefik(store, { vip, values: installerValues('39.0.9', { tlsStore: null }) });
      addRancherBackend(store, true);
      addIngress(store, 'by-class', { className: 'traefik', host: 'class.lab.test' });
      addIngress(store, 'by-annotation', { annotation: 'traefik', host: 'annotated.lab.test' });
      addIngress(store, 'no-class', { host: 'plain.lab.test' });
      addIngress(store, 'nginx', { className: 'nginx', host: 'nginx.lab.test' });
      addIngress(store, 'unknown-class', { className: 'missing', host: 'missing.lab.test' });
    });
    const status = async (host: string) => (await front.get(vip, '/ping', { host })).status;
    await serving(front, vip, '/ping');
    expect(await status('class.lab.test')).toBe(200);
    expect(await status('annotated.lab.test')).toBe(200);
    expect(await status('plain.lab.test')).toBe(200);
    expect(await status('nginx.lab.test')).toBe(404);
    expect(await status('missing.lab.test')).toBe(404);
  });

  it('with providers.kubernetesIngress.ingressClass set, class-less Ingresses are not picked', async () => {
    const vip = randomVip();
    const values = installerValues('39.0.9', {
      tlsStore: null,
      providers: { kubernetesIngress: { ingressClass: 'traefik' } },
    });
    const front = await running(({ store }) => {
      const { workload } = addTraefik(store, { vip, values });
      expect(argsOf(workload)).toContain('--providers.kubernetesingress.ingressClass=traefik');
      addRancherBackend(store, true);
      addIngress(store, 'by-class', { className: 'traefik', host: 'class.lab.test' });
      addIngress(store, 'no-class', { host: 'plain.lab.test' });
    });
    await serving(front, vip, '/ping', { host: 'class.lab.test' });
    expect((await front.get(vip, '/ping', { host: 'class.lab.test' })).status).toBe(200);
    expect((await front.get(vip, '/ping', { host: 'plain.lab.test' })).status).toBe(404);
  });

  it('runs beside ingress-nginx: each VIP serves its own class, and follows a class move', async () => {
    const nginxVip = randomVip();
    const traefikVip = randomVip();
    const pki = await rancherPki();
    const front = await running(({ store }) => {
      addControllerService(store, nginxVip);
      addControllerPod(store, true);
      addTraefik(store, { vip: traefikVip, values: installerValues('39.0.9', { tlsStore: null }) });
      addRancherBackend(store, true);
      addTlsSecret(store, rancherNamespace, 'tls-rancher-ingress', pki.server);
      addRancherIngress(store, { className: 'nginx' });
    });
    const viaNginx = await serving(front, nginxVip, '/ping', { ca: pki.ca.certPem });
    expect(viaNginx.body).toBe('pong');
    expect(viaNginx.headers['server']).toBe('nginx');
    const viaTraefik = await serving(front, traefikVip, '/ping');
    expect(viaTraefik.status).toBe(404);
    expect(viaTraefik.peer.subject.CN).toBe('TRAEFIK DEFAULT CERT');

    // The migration: the Ingress moves to class traefik (annotation kept for NCP).
    const ingress = front.store.mustGet('networking.k8s.io/ingresses', rancherNamespace, 'rancher');
    front.store.update('networking.k8s.io/ingresses', {
      ...ingress,
      metadata: { ...ingress.metadata, annotations: { 'kubernetes.io/ingress.class': 'traefik' } },
      spec: { ...ingress.spec, ingressClassName: 'traefik' },
    } as KubeObject);
    const moved = await front.get(traefikVip, '/ping', { ca: pki.ca.certPem });
    expect(moved.authorized).toBe(true);
    expect(moved.body).toBe('pong');
    const old = await front.get(nginxVip, '/ping');
    expect(old.status).toBe(404);
    expect(old.peer.subject.CN).toBe('Kubernetes Ingress Controller Fake Certificate');
  });
});

describe("Traefik's web entry point", () => {
  async function onWeb(
    args: string[],
    method = 'GET',
  ): Promise<http.IncomingMessage & { body: string }> {
    const { store } = createFixtureLab();
    const config = parseTraefikArgs(args);
    const server = http.createServer(
      (req, res) =>
        void handleTraefikRequest(
          {
            store,
            config,
            ingresses: [],
            entryPoint: 'web',
            secure: false,
            rancher: () => Promise.reject(new Error('no Rancher route in this test')),
          },
          req,
          res,
        ),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      return await new Promise((resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port,
            path: '/dashboard?x=1',
            method,
            headers: { Host: `${rancherHost}:80` },
          },
          (res) => {
            let body = '';
            res.on('data', (c: Buffer) => (body += c.toString()));
            res.on('end', () => resolve(Object.assign(res, { body })));
          },
        );
        req.on('error', reject);
        req.end();
      });
    } finally {
      server.close();
    }
  }

  it('redirects everything to https, permanently, dropping port 443', async () => {
    const args = [
      '--entryPoints.web.http.redirections.entryPoint.to=:443',
      '--entryPoints.web.http.redirections.entryPoint.scheme=https',
      '--entryPoints.web.http.redirections.entryPoint.permanent=true',
    ];
    const get = await onWeb(args);
    expect(get.statusCode).toBe(301);
    expect(get.headers.location).toBe(`https://${rancherHost}/dashboard?x=1`);
    expect(get.body).toBe('Moved Permanently');
    expect((await onWeb(args, 'POST')).statusCode).toBe(308);
  });

  it('without a redirect, routes plain HTTP (404 here: no Ingress)', async () => {
    const answer = await onWeb([]);
    expect(answer.statusCode).toBe(404);
    expect(answer.body).toBe('404 page not found\n');
  });
});
