import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RancherHttpApi } from '../../source/systems/rancher-api.js';
import { RancherApiError } from '../../source/systems/rancher-api-types.js';
import { abortableSleep } from '../../source/systems/rancher-retry.js';
import type { RancherHttp, RancherHttpOptions } from '../../source/systems/rancher-http.js';
import { createCa } from '../../source/lab/pki.js';
import { startHttpsStub, type HttpsStub, type SeenRequest } from '../helpers/https-stub.js';

const token = 'token-abc12:x8v2kq9p7mfsl4cdt5wzr6nbgh2jq8svxk4lm7tpc9rdf2hw5bqn';
const regToken = 'q7w8e9r0t1y2u3i4o5p6a7s8d9f0g1h2j3k4l5z6x7c8v9b0n1m2q3';

let stub: HttpsStub;
let http: RancherHttp | undefined;
let sleeps: number[];

beforeAll(async () => {
  stub = await startHttpsStub();
});
afterAll(() => stub.close());
afterEach(() => {
  http?.close();
  http = undefined;
  stub.seen.length = 0;
});

/** Waits are recorded and instant; the jitter is fixed at half the ceiling. */
function client(options: Partial<RancherHttpOptions> = {}): RancherHttpApi {
  sleeps = [];
  const made = RancherHttpApi.withToken({
    url: stub.url,
    caPem: stub.ca.certPem,
    address: '127.0.0.1',
    token,
    random: () => 0.5,
    sleep: (ms, signal) => {
      sleeps.push(ms);
      signal?.throwIfAborted();
      return Promise.resolve();
    },
    ...options,
  });
  http = made.http;
  return made.api;
}

function cluster(id: string, name: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    type: 'cluster',
    name,
    state: 'active',
    labels: { site: `${name}-site` },
    driver: 'imported',
    conditions: [{ type: 'Ready', status: 'True', lastUpdateTime: '' }],
    version: { gitVersion: 'v1.30.4', major: '1', minor: '30' },
    links: { self: `${stub.url}/v3/clusters/${id}` },
    actions: {},
    ...extra,
  };
}

function collection(data: unknown[], next?: string) {
  return {
    type: 'collection',
    resourceType: 'cluster',
    data,
    ...(next ? { pagination: { next } } : {}),
  };
}

const paths = () => stub.seen.map((r: SeenRequest) => `${r.method} ${r.url}`);

describe('RancherHttpApi', () => {
  it('sends the Bearer token, reads a paginated collection and counts its calls', async () => {
    stub.handle((r) =>
      r.url === '/v3/clusters'
        ? {
            status: 200,
            body: collection(
              [cluster('local', 'local', { driver: 'k3s' })],
              `${stub.url}/v3/clusters?marker=p2`,
            ),
          }
        : { status: 200, body: collection([cluster('c-m4x7q', 'edge-001', { conditions: [] })]) },
    );
    const api = client();
    expect(await api.clusters()).toEqual([
      {
        id: 'local',
        name: 'local',
        state: 'active',
        labels: { site: 'local-site' },
        kubernetesVersion: 'v1.30.4',
        driver: 'k3s',
        conditions: [{ type: 'Ready', status: 'True' }],
      },
      {
        id: 'c-m4x7q',
        name: 'edge-001',
        state: 'active',
        labels: { site: 'edge-001-site' },
        kubernetesVersion: 'v1.30.4',
        driver: 'imported',
        conditions: [],
      },
    ]);
    expect(paths()).toEqual(['GET /v3/clusters', 'GET /v3/clusters?marker=p2']);
    expect(stub.seen[0]?.headers.authorization).toBe(`Bearer ${token}`);
    expect(stub.seen[0]?.headers.host).toBe(new URL(stub.url).host);
    expect(api.calls).toBe(2);
  });

  it('finds a cluster by its exact name, and reads one by id (404: none)', async () => {
    stub.handle((r) =>
      r.url.startsWith('/v3/clusters?name=')
        ? {
            status: 200,
            body: collection([cluster('c-1', 'Edge-001'), cluster('c-2', 'edge-001')]),
          }
        : {
            status: 404,
            body: {
              type: 'error',
              status: '404',
              code: 'NotFound',
              message: 'clusters.management.cattle.io "c-9" not found',
            },
          },
    );
    const api = client();
    expect((await api.clusterNamed('edge-001'))?.id).toBe('c-2');
    expect(await api.cluster('c-9')).toBeUndefined();
    expect(paths()).toEqual(['GET /v3/clusters?name=edge-001', 'GET /v3/clusters/c-9']);
  });

  it('creates an imported cluster with its labels', async () => {
    stub.handle(() => ({
      status: 201,
      body: cluster('c-new01', 'edge-002', { state: 'pending', labels: { site: 'store-2' } }),
    }));
    const made = await client().createCluster('edge-002', { site: 'store-2' });
    expect(made).toMatchObject({ id: 'c-new01', name: 'edge-002', state: 'pending' });
    expect(stub.seen[0]?.method).toBe('POST');
    expect(JSON.parse(stub.seen[0]?.body ?? '')).toEqual({
      type: 'cluster',
      name: 'edge-002',
      labels: { site: 'store-2' },
    });
    expect(stub.seen[0]?.headers['content-type']).toBe('application/json');
  });

  it('does not create twice when a create fails with a 503: it looks the name up first', async () => {
    stub.handle((r) =>
      r.method === 'POST'
        ? { status: 503, body: { type: 'error', message: 'etcd leader changed' } }
        : { status: 200, body: collection([cluster('c-made1', 'edge-003', { state: 'pending' })]) },
    );
    const made = await client().createCluster('edge-003', {});
    expect(made.id).toBe('c-made1');
    expect(paths()).toEqual(['POST /v3/clusters', 'GET /v3/clusters?name=edge-003']);
  });

  it('creates a registration token and polls until Rancher fills it in', async () => {
    let reads = 0;
    const filled = {
      id: 'c-m4x7q:crt-x1',
      type: 'clusterRegistrationToken',
      clusterId: 'c-m4x7q',
      token: regToken,
      manifestUrl: `https://rancher.example.com/v3/import/${regToken}_c-m4x7q.yaml`,
      command: `kubectl apply -f https://rancher.example.com/v3/import/${regToken}_c-m4x7q.yaml`,
    };
    stub.handle((r) => {
      if (r.method === 'GET' && r.url.startsWith('/v3/clusterregistrationtokens?'))
        return { status: 200, body: collection([]) };
      if (r.method === 'POST')
        return { status: 201, body: { ...filled, token: '', manifestUrl: '', command: '' } };
      reads++;
      return {
        status: 200,
        body: reads < 3 ? { ...filled, token: '', manifestUrl: '', command: '' } : filled,
      };
    });
    const api = client();
    const registration = await api.registration('c-m4x7q');
    expect(registration).toEqual({
      id: 'c-m4x7q:crt-x1',
      clusterId: 'c-m4x7q',
      token: regToken,
      manifestUrl: filled.manifestUrl,
      command: filled.command,
    });
    expect(paths()).toEqual([
      'GET /v3/clusterregistrationtokens?clusterId=c-m4x7q',
      'POST /v3/clusterregistrationtokens',
      'GET /v3/clusterregistrationtokens/c-m4x7q%3Acrt-x1',
      'GET /v3/clusterregistrationtokens/c-m4x7q%3Acrt-x1',
      'GET /v3/clusterregistrationtokens/c-m4x7q%3Acrt-x1',
    ]);
    expect(JSON.parse(stub.seen[1]?.body ?? '')).toEqual({
      type: 'clusterRegistrationToken',
      clusterId: 'c-m4x7q',
    });
    expect(sleeps).toEqual([1000, 1000, 1000]);
    expect(api.calls).toBe(5);
  });

  it('takes an existing registration with its token, and fetches its manifest from our server without the API token', async () => {
    const manifestUrl = `https://rancher.example.com/v3/import/${regToken}_c-m4x7q.yaml`;
    stub.handle((r) =>
      r.url.startsWith('/v3/import/')
        ? {
            status: 200,
            headers: { 'Content-Type': 'application/yaml' },
            body: 'apiVersion: v1\nkind: Namespace\n',
          }
        : {
            status: 200,
            body: collection([
              {
                id: 'c-m4x7q:old',
                clusterId: 'c-m4x7q',
                token: regToken,
                manifestUrl,
                command: '',
              },
            ]),
          },
    );
    const api = client();
    const registration = await api.registration('c-m4x7q');
    expect(registration.command).toBe(`kubectl apply -f ${manifestUrl}`);
    expect(await api.manifest(registration)).toBe('apiVersion: v1\nkind: Namespace\n');
    expect(paths()).toEqual([
      'GET /v3/clusterregistrationtokens?clusterId=c-m4x7q',
      `GET /v3/import/${regToken}_c-m4x7q.yaml`,
    ]);
    expect(stub.seen[1]?.headers.authorization).toBeUndefined();
  });

  it('gives up polling a registration Rancher never fills in, in one line', async () => {
    stub.handle((r) =>
      r.method === 'GET' && r.url.includes('?')
        ? {
            status: 200,
            body: collection([{ id: 'c-1:t', clusterId: 'c-1', token: '', manifestUrl: '' }]),
          }
        : { status: 200, body: { id: 'c-1:t', clusterId: 'c-1', token: '', manifestUrl: '' } },
    );
    const api = RancherHttpApi.withToken({
      url: stub.url,
      caPem: stub.ca.certPem,
      address: '127.0.0.1',
      token,
      registrationPolls: 3,
      registrationPollMs: 500,
      sleep: () => Promise.resolve(),
    });
    http = api.http;
    await expect(api.api.registration('c-1')).rejects.toThrow(
      "Rancher did not fill in the registration token of cluster c-1 within 2 s; check Rancher's logs (the clusterregistrationtoken controller) and run again",
    );
    expect(stub.seen.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('waits as long as a 429 Retry-After says (seconds or an HTTP date, capped), then succeeds', async () => {
    const answers = [
      { status: 429, headers: { 'Retry-After': '3' } },
      {
        status: 429,
        headers: { 'Retry-After': new Date(Date.UTC(2030, 0, 1, 0, 0, 7)).toUTCString() },
      },
      { status: 429, headers: { 'Retry-After': '86400' } },
      { status: 429 },
    ];
    stub.handle(() => answers.shift() ?? { status: 200, body: collection([]) });
    const api = client({ now: () => Date.UTC(2030, 0, 1, 0, 0, 0) });
    expect(await api.clusters()).toEqual([]);
    // 3 s; 7 s to the date; a day cut to 60 s; no header: the backoff (4th attempt, half of 4 s).
    expect(sleeps).toEqual([3000, 7000, 60_000, 2000]);
    expect(api.calls).toBe(5);
  });

  it('rides out a burst of 503s and a dropped connection with backoff and jitter', async () => {
    const answers: ({ status: number } | 'hang-up')[] = [
      { status: 503 },
      'hang-up',
      { status: 502 },
    ];
    stub.handle(
      () => answers.shift() ?? { status: 200, body: collection([cluster('c-1', 'edge-001')]) },
    );
    const api = client();
    expect(await api.clusters()).toHaveLength(1);
    expect(sleeps).toEqual([250, 500, 1000]);
    expect(api.calls).toBe(4);
  });

  it('stops after the last attempt with a line that says what to do', async () => {
    stub.handle(() => ({
      status: 503,
      body: {
        type: 'error',
        status: '503',
        message: 'the server is currently unable to handle the request',
      },
    }));
    const api = client({ retry: { maxAttempts: 3 } });
    const error = await api.clusters().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RancherApiError);
    expect(error).toMatchObject({
      message:
        "Rancher answered 503: the server is currently unable to handle the request while listing clusters (3 tries); check Rancher's pods (kubectl -n cattle-system get pods) and try again",
      status: 503,
      transient: true,
    });
    expect(api.calls).toBe(3);
  });

  it('names RANCHER_TOKEN on a 401 and never shows the token', async () => {
    stub.handle(() => ({
      status: 401,
      body: { type: 'error', status: '401', message: `must authenticate ${token}` },
    }));
    const api = client();
    const error = (await api.clusters().catch((e: unknown) => e)) as RancherApiError;
    expect(error.message).toBe(
      'Rancher refused the API token (401 Unauthorized) while listing clusters; set RANCHER_TOKEN to a valid API token (Rancher: Account & API Keys), or unset it to log in with the admin password',
    );
    expect(error.transient).toBe(false);
    expect(api.calls).toBe(1);
  });

  it('says what a 403 needs and redacts what Rancher said', async () => {
    stub.handle(() => ({
      status: 403,
      body: {
        type: 'error',
        message: `clusters.management.cattle.io is forbidden: User "u-abc" cannot create; ${token}`,
      },
    }));
    const error = (await client()
      .createCluster('edge-1', {})
      .catch((e: unknown) => e)) as Error;
    expect(error.message).toBe(
      'Rancher denied creating cluster edge-1 (403 Forbidden: clusters.management.cattle.io is forbidden: User "u-abc" cannot create; token-abc12:<redacted>); use the token of a user allowed to manage clusters (an administrator)',
    );
  });

  it('gives up at once when the abort comes during a backoff', async () => {
    stub.handle(() => ({ status: 503 }));
    const controller = new AbortController();
    const api = RancherHttpApi.withToken({
      url: stub.url,
      caPem: stub.ca.certPem,
      address: '127.0.0.1',
      token,
      random: () => 1,
      retry: { baseDelayMs: 3_600_000, maxDelayMs: 3_600_000 },
      // The real sleep: the abort (while it waits an hour) must end it at once.
      sleep: (ms, signal) => {
        const waiting = abortableSleep(ms, signal);
        controller.abort(new Error('stopped by the user'));
        return waiting;
      },
    });
    http = api.http;
    await expect(api.api.clusters(controller.signal)).rejects.toThrow('stopped by the user');
    expect(api.api.calls).toBe(1);
  });

  it('deletes a cluster, a missing one included', async () => {
    stub.handle((r) => ({ status: r.url.endsWith('c-gone') ? 404 : 200, body: {} }));
    const api = client();
    await api.deleteCluster('c-1');
    await api.deleteCluster('c-gone');
    expect(paths()).toEqual(['DELETE /v3/clusters/c-1', 'DELETE /v3/clusters/c-gone']);
  });

  it('says the CA does not verify the server, without retrying', async () => {
    const other = await createCa({ commonName: 'some other CA' });
    const api = client({ caPem: other.certPem });
    const error = (await api.clusters().catch((e: unknown) => e)) as RancherApiError;
    expect(error.message).toMatch(
      /^the certificate of rancher\.stub\.test does not verify against the Rancher CA \(.+\); give the CA that signed Rancher's certificate \(the install's cacerts\.pem, or --rancher-ca\)$/,
    );
    expect(error.transient).toBe(false);
    expect(api.calls).toBe(1);
  });

  it('says it cannot connect, after its retries', async () => {
    const api = client({ url: 'https://rancher.stub.test:1', retry: { maxAttempts: 2 } });
    const error = (await api.clusters().catch((e: unknown) => e)) as RancherApiError;
    expect(error.message).toBe(
      'cannot connect to rancher.stub.test:1 while listing clusters (ECONNREFUSED); check that Rancher is up and that this machine reaches it (load balancer, firewall)',
    );
    expect(error).toMatchObject({ status: 0, transient: true });
    expect(sleeps).toHaveLength(1);
  });
});
