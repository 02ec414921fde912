import https from 'node:https';
import { afterEach, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { startIngressFront } from '../../../source/lab/ingress/front.js';
import type { KubeObject } from '../../../source/lab/kube/object.js';
import {
  addCaSecret,
  addControllerPod,
  addControllerService,
  addRancherBackend,
  addRancherIngress,
  addTlsSecret,
  createFixtureLab,
  freePort,
  rancherHost,
  rancherNamespace,
  rancherPki,
  randomVip,
  waitFor,
} from '../helpers/front-fixtures.js';
import { addTraefik } from '../helpers/traefik-fixtures.js';
import { adminPassword, seedRancher, serverUrl } from './rancher-fixture.js';

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read JSON freely
  json: any;
}

type Client = (
  method: string,
  path: string,
  options?: { token?: string; body?: unknown },
) => Promise<Reply>;

/** An HTTPS client as the installer's: SNI and Host the Rancher name, the CA pinned. */
function client(vip: string, port: number, ca: string): Client {
  return (method, path, options = {}) =>
    new Promise((resolve, reject) => {
      const body = options.body === undefined ? undefined : JSON.stringify(options.body);
      const req = https.request(
        {
          host: vip,
          port,
          path,
          method,
          servername: rancherHost,
          ca,
          agent: false,
          headers: {
            Host: rancherHost,
            Accept: 'application/json',
            ...(body ? { 'Content-Type': 'application/json' } : {}),
            ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => {
            let json: unknown;
            try {
              json = text ? JSON.parse(text) : undefined;
            } catch {
              json = undefined;
            }
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, json });
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
}

async function frontWithRancher(controller: 'ingress-nginx' | 'traefik') {
  const port = await freePort();
  const vip = randomVip();
  const pki = await rancherPki();
  const fixture = createFixtureLab({ ingressHttpsPort: port });
  const { store } = fixture;
  if (controller === 'traefik') addTraefik(store, { vip });
  else {
    addControllerService(store, vip);
    addControllerPod(store, true);
  }
  addRancherBackend(store, true);
  addTlsSecret(store, rancherNamespace, 'tls-rancher-ingress', pki.server);
  addCaSecret(store, pki.ca.certPem);
  seedRancher(store);
  addRancherIngress(store, controller === 'traefik' ? { className: 'traefik' } : {});
  stops.push(startIngressFront(fixture.lab, fixture.cluster));
  const call = client(vip, port, pki.ca.certPem);
  await waitFor(() => call('GET', '/ping').then((r) => r.body === 'pong'), 'the front');
  return { fixture, call };
}

describe.each(['ingress-nginx', 'traefik'] as const)(
  "Rancher's management API through the %s HTTPS front",
  (controller) => {
    it('login → create cluster → registration → manifest → delete; 401 and 429', async () => {
      const { fixture, call } = await frontWithRancher(controller);
      const unauth = await call('GET', '/v3/clusters');
      expect(unauth.status).toBe(401);
      expect(unauth.json).toEqual({ type: 'error', status: '401', message: 'must authenticate' });

      const login = await call('POST', '/v3-public/localProviders/local?action=login', {
        body: { username: 'admin', password: adminPassword, responseType: 'json', ttl: 57600000 },
      });
      expect(login.status).toBe(201);
      const token = login.json.token as string;

      const created = await call('POST', '/v3/clusters', {
        token,
        body: { type: 'cluster', name: 'edge-001', labels: { site: 'store-001' } },
      });
      expect(created.status).toBe(201);
      const id = created.json.id as string;
      const byName = await call('GET', '/v3/clusters?name=edge-001', { token });
      expect(byName.json.data.map((c: { id: string }) => c.id)).toEqual([id]);

      const crt = await waitFor(async () => {
        const r = await call('GET', `/v3/clusterregistrationtokens?clusterId=${id}`, { token });
        return r.json.data.find((c: { token: string }) => c.token);
      }, 'the registration token');
      expect(crt.manifestUrl).toBe(`${serverUrl}/v3/import/${crt.token}_${id}.yaml`);

      const manifest = await call('GET', new URL(crt.manifestUrl as string).pathname);
      expect(manifest.status).toBe(200);
      const objects = parseAllDocuments(manifest.body)
        .map((d) => d.toJS() as KubeObject | null)
        .filter((o): o is KubeObject => o !== null);
      const agent = objects.find((o) => o.kind === 'Deployment')!;
      expect(agent.metadata.name).toBe('cattle-cluster-agent');
      const bad = await call('GET', `/v3/import/${'x'.repeat(54)}_${id}.yaml`);
      expect(bad.status).toBe(400);

      fixture.lab.faults.set({ rancherApi429: 1 });
      const limited = await call('GET', `/v3/clusters/${id}`, { token });
      expect(limited.status).toBe(429);
      expect(limited.headers['retry-after']).toBe('1');

      const deleted = await call('DELETE', `/v3/clusters/${id}`, { token });
      expect(deleted.status).toBe(200);
      expect((await call('GET', `/v3/clusters/${id}`, { token })).status).toBe(404);
      // Rancher's objects are in the cluster's store, as kubectl would see them.
      expect(fixture.store.get('management.cattle.io/clusters', undefined, id)).toBeUndefined();
    });
  },
);
