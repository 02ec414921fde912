import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startIngressFront } from '../../../source/lab/ingress/front.js';
import {
  addCaSecret,
  addControllerPod,
  addControllerService,
  addRancherBackend,
  addRancherIngress,
  addTlsSecret,
  createFixtureLab,
  deleteControllerService,
  freePort,
  httpsGet,
  rancherHost,
  rancherNamespace,
  rancherPki,
  randomVip,
  setLoadBalancerIp,
  waitFor,
  type FixtureLab,
  type HttpsGet,
} from '../helpers/front-fixtures.js';

const fakeCn = 'Kubernetes Ingress Controller Fake Certificate';

interface Running extends FixtureLab {
  vip: string;
  port: number;
  stop: () => Promise<void>;
  get(path: string, extra?: Partial<HttpsGet>): ReturnType<typeof httpsGet>;
}

const stops: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

/** A front over a cluster with a ready controller; `seed` adds what each test needs. */
async function running(seed: (f: FixtureLab) => void, port?: number): Promise<Running> {
  const httpsPort = port ?? (await freePort());
  const fixture = createFixtureLab({ ingressHttpsPort: httpsPort });
  const vip = randomVip();
  addControllerService(fixture.store, vip);
  seed(fixture);
  const stop = startIngressFront(fixture.lab, fixture.cluster);
  stops.push(stop);
  const get = (path: string, extra: Partial<HttpsGet> = {}) =>
    httpsGet({ vip, port: httpsPort, host: rancherHost, path, ...extra });
  return { ...fixture, vip, port: httpsPort, stop, get };
}

/** Retries while the listener is still coming up (connection refused). */
function whenServing(front: Running, path: string, extra: Partial<HttpsGet> = {}) {
  return waitFor(() => front.get(path, extra), `${front.vip}:${front.port} to serve`);
}

function connectionError(front: Running): Promise<string | undefined> {
  return front.get('/ping').then(
    () => undefined,
    (error: NodeJS.ErrnoException) => error.code,
  );
}

describe('ingress HTTPS front', () => {
  it('serves the fake certificate when the TLS secret is missing', async () => {
    const front = await running(({ store }) => {
      addControllerPod(store, true);
      addRancherBackend(store, true);
      addRancherIngress(store, { secretName: 'no-such-secret' });
    });
    const answer = await whenServing(front, '/ping');
    expect(answer.peer.subject.CN).toBe(fakeCn);
    expect(answer.peer.subject.O).toBe('Acme Co');
    expect(answer.peer.subjectaltname).toBe('DNS:ingress.local');
    expect(answer.body).toBe('pong');
    expect(front.logs.some((l) => l.includes('no-such-secret') && l.includes('fake'))).toBe(true);
  });

  it('serves the Ingress secret by SNI, verified by the CA, and answers as Rancher', async () => {
    const pki = await rancherPki();
    const front = await running(({ store }) => {
      addControllerPod(store, true);
      addRancherBackend(store, true);
      addTlsSecret(store, rancherNamespace, 'tls-rancher-ingress', pki.server);
      addCaSecret(store, pki.ca.certPem);
      // What a Rancher pod publishes as it starts (lab/controllers/rancher.ts): /cacerts serves it.
      store.create('management.cattle.io/settings', {
        apiVersion: 'management.cattle.io/v3',
        kind: 'Setting',
        metadata: { name: 'cacerts' },
        value: pki.ca.certPem,
      });
      addRancherIngress(store);
    });
    const ping = await whenServing(front, '/ping', { ca: pki.ca.certPem });
    expect(ping.authorized).toBe(true);
    expect(ping.peer.subject.CN).toBe(rancherHost);
    expect(ping.status).toBe(200);
    expect(ping.body).toBe('pong');
    expect(ping.headers['server']).toBe('nginx');
    expect((await front.get('/healthz', { ca: pki.ca.certPem })).body).toBe('ok');
    expect((await front.get('/cacerts', { ca: pki.ca.certPem })).body).toBe(pki.ca.certPem);
    expect((await front.get('/', { ca: pki.ca.certPem })).body).toContain('Rancher');
    expect((await front.get('/nothing', { ca: pki.ca.certPem })).status).toBe(404);
  });

  it('picks up a TLS secret created after the first handshake', async () => {
    const pki = await rancherPki();
    const front = await running(({ store }) => {
      addControllerPod(store, true);
      addRancherBackend(store, true);
      addRancherIngress(store);
    });
    expect((await whenServing(front, '/ping')).peer.subject.CN).toBe(fakeCn);
    addTlsSecret(front.store, rancherNamespace, 'tls-rancher-ingress', pki.server);
    expect((await front.get('/ping', { ca: pki.ca.certPem })).authorized).toBe(true);
  });

  it('serves the fake certificate when the secret does not cover the host', async () => {
    const pki = await rancherPki();
    const front = await running(({ store }) => {
      addControllerPod(store, true);
      addRancherBackend(store, true);
      addTlsSecret(store, rancherNamespace, 'tls-rancher-ingress', pki.server);
      addRancherIngress(store, { host: 'other.lab.test' });
    });
    const answer = await whenServing(front, '/ping', { host: 'other.lab.test' });
    expect(answer.peer.subject.CN).toBe(fakeCn);
  });

  it('answers 503 when the backend has no ready endpoints', async () => {
    const front = await running(({ store }) => {
      addControllerPod(store, true);
      addRancherBackend(store, false);
      addRancherIngress(store);
    });
    const answer = await whenServing(front, '/ping');
    expect(answer.status).toBe(503);
    expect(answer.body).toContain('<title>503 Service Temporarily Unavailable</title>');
  });

  it('ignores an Ingress without a class: 404 from the default backend', async () => {
    const front = await running(({ store }) => {
      addControllerPod(store, true);
      addRancherBackend(store, true);
      addRancherIngress(store, { className: null });
    });
    const answer = await whenServing(front, '/ping');
    expect(answer.status).toBe(404);
    expect(answer.body).toContain('<center><h1>404 Not Found</h1></center>');
    expect(answer.peer.subject.CN).toBe(fakeCn);
  });

  it('answers 404 for a host no Ingress names', async () => {
    const front = await running(({ store }) => {
      addControllerPod(store, true);
      addRancherBackend(store, true);
      addRancherIngress(store);
    });
    const answer = await whenServing(front, '/ping', { host: 'unknown.lab.test' });
    expect(answer.status).toBe(404);
    expect(answer.body).toContain('nginx');
  });

  it('resets connections while no controller pod is Ready', async () => {
    const front = await running(({ store }) => {
      addControllerPod(store, false);
      addRancherBackend(store, true);
      addRancherIngress(store);
    });
    // Refused while the listener comes up, then reset once it is there.
    await waitFor(async () => (await connectionError(front)) === 'ECONNRESET', 'a reset');
    const pod = front.store.mustGet('pods', 'ingress-nginx', 'ingress-nginx-controller-abcde');
    pod.status.conditions = [{ type: 'Ready', status: 'True' }];
    front.store.update('pods', pod, { subresource: 'status', force: true });
    expect((await front.get('/ping')).body).toBe('pong');
  });

  it('closes when the Service is deleted and moves when its IP changes', async () => {
    const front = await running(({ store }) => {
      addControllerPod(store, true);
      addRancherBackend(store, true);
      addRancherIngress(store);
    });
    await whenServing(front, '/ping');
    const moved = randomVip();
    setLoadBalancerIp(front.store, moved);
    await waitFor(async () => (await connectionError(front)) === 'ECONNREFUSED', 'old VIP closed');
    expect((await whenServing(front, '/ping', { vip: moved })).body).toBe('pong');

    deleteControllerService(front.store);
    const gone = { ...front, vip: moved };
    await waitFor(async () => (await connectionError(gone)) === 'ECONNREFUSED', 'listener closed');
  });

  it('stops listening when stopped', async () => {
    const front = await running(({ store }) => addControllerPod(store, true));
    await whenServing(front, '/');
    await front.stop();
    expect(await connectionError(front)).toBe('ECONNREFUSED');
  });

  it.skipIf(!existsSync('/usr/bin/curl'))('works with curl --cacert --resolve', async () => {
    const pki = await rancherPki();
    const front = await running(({ store }) => {
      addControllerPod(store, true);
      addRancherBackend(store, true);
      addTlsSecret(store, rancherNamespace, 'tls-rancher-ingress', pki.server);
      addRancherIngress(store);
    });
    await whenServing(front, '/ping');
    const dir = mkdtempSync(join(tmpdir(), 'front-'));
    try {
      writeFileSync(join(dir, 'ca.pem'), pki.ca.certPem);
      const out = await new Promise<string>((resolve, reject) =>
        execFile(
          'curl',
          [
            '-sS',
            '--noproxy',
            '*',
            '--cacert',
            join(dir, 'ca.pem'),
            '--resolve',
            `${rancherHost}:${front.port}:${front.vip}`,
            `https://${rancherHost}:${front.port}/ping`,
          ],
          (error, stdout, stderr) => (error ? reject(new Error(stderr)) : resolve(stdout)),
        ),
      );
      expect(out).toBe('pong');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const root = process.getuid?.() === 0;
  it.skipIf(!root)('on port 443 also answers HTTP on 80 with a 308 to HTTPS', async () => {
    const front = await running(({ store }) => {
      addControllerPod(store, true);
      addRancherBackend(store, true);
      addRancherIngress(store);
    }, 443);
    await whenServing(front, '/ping');
    const answer = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const req = http.request(
        {
          host: front.vip,
          port: 80,
          path: '/ping?x=1',
          headers: { Host: rancherHost },
          agent: false,
        },
        resolve,
      );
      req.on('error', reject);
      req.end();
    });
    answer.resume();
    expect(answer.statusCode).toBe(308);
    expect(answer.headers.location).toBe(`https://${rancherHost}/ping?x=1`);
  });
});
