import { describe, expect, it } from 'vitest';
import { waitFor } from '../../helpers/wait-for.js';
import {
  adminPassword,
  rancherFixture,
  serverUrl,
  type RancherFixture,
} from './rancher-fixture.js';

const tokenPattern = /^token-[a-z0-9]{5}:[a-z0-9]{54}$/;
const login = '/v3-public/localProviders/local?action=login';

function createCluster(f: RancherFixture, token: string, name: string, labels = {}) {
  return f.call('POST', '/v3/clusters', { token, body: { type: 'cluster', name, labels } });
}

function namespaces(f: RancherFixture): string[] {
  return f.store.list('namespaces').map((n) => n.metadata.name);
}

describe('login and tokens', () => {
  it('logs the admin in with the bootstrap password: 201 with a session token and its expiry', () => {
    const f = rancherFixture();
    const r = f.call('POST', login, {
      body: { username: 'admin', password: adminPassword, responseType: 'json', ttl: 1000 },
    });
    expect(r.status).toBe(201);
    expect(Object.keys(r.json).sort()).toEqual(['baseType', 'expiresAt', 'id', 'token', 'type']);
    expect(r.json.token).toMatch(tokenPattern);
    expect(r.json.token.startsWith(`${r.json.id}:`)).toBe(true);
    expect(r.json).toMatchObject({ baseType: 'token', type: 'token' });
    // The ttl asked for gives way to auth-user-session-ttl-minutes (960 minutes).
    const stored = f.store.mustGet('management.cattle.io/tokens', undefined, r.json.id);
    expect(stored.ttl).toBe(960 * 60 * 1000);
    expect(Date.parse(r.json.expiresAt) - Date.parse(stored.metadata.creationTimestamp!)).toBe(
      960 * 60 * 1000,
    );
    // Stored hashed: the secret part is nowhere in the object.
    const key = (r.json.token as string).split(':')[1]!;
    expect(JSON.stringify(stored)).not.toContain(key);
    expect(stored.metadata.annotations?.['authn.management.cattle.io/token-hashed']).toBe('true');
    expect(stored.metadata.labels?.['authn.management.cattle.io/kind']).toBe('session');
  });

  it('answers responseType cookie with the R_SESS cookie, which authenticates', () => {
    const f = rancherFixture();
    const r = f.call('POST', login, {
      body: { username: 'admin', password: adminPassword, responseType: 'cookie' },
    });
    expect(r.status).toBe(200);
    const cookie = r.headers?.['Set-Cookie'] ?? '';
    expect(cookie).toMatch(/^R_SESS=token-[a-z0-9]{5}:[a-z0-9]{54}; Path=\/; HttpOnly; Secure$/);
    const viaCookie = f.call('GET', '/v3/clusters', {
      headers: { cookie: cookie.split(';')[0]! },
    });
    expect(viaCookie.status).toBe(200);
  });

  it('refuses a wrong password or user with 401 "authentication failed"', () => {
    const f = rancherFixture();
    for (const body of [
      { username: 'admin', password: 'nope' },
      { username: 'root', password: adminPassword },
    ]) {
      const r = f.call('POST', login, { body });
      expect(r.status).toBe(401);
      expect(r.json).toEqual({
        baseType: 'error',
        code: 'Unauthorized',
        message: 'authentication failed',
        status: 401,
        type: 'error',
      });
    }
    expect(f.store.list('management.cattle.io/tokens')).toEqual([]);
  });

  it('answers 401 "must authenticate" without a valid token, and takes Bearer and Basic', () => {
    const f = rancherFixture();
    const none = f.call('GET', '/v3/clusters');
    expect(none.status).toBe(401);
    expect(none.json).toEqual({ type: 'error', status: '401', message: 'must authenticate' });
    const token = f.login();
    const wrongKey = token.replace(/:.*/, ':' + 'b'.repeat(54));
    expect(f.call('GET', '/v3/clusters', { token: wrongKey }).status).toBe(401);
    expect(f.call('GET', '/v3/clusters', { token }).status).toBe(200);
    // Basic: access key as user, secret key as password (token_util.go, base64 URL encoding).
    const basic = Buffer.from(token).toString('base64url');
    const viaBasic = f.call('GET', '/v3/clusters', {
      headers: { authorization: `Basic ${basic}` },
    });
    expect(viaBasic.status).toBe(200);
  });

  it('keeps a login token from deleting itself, logs out, and makes API keys', () => {
    const f = rancherFixture();
    const token = f.login();
    const id = token.split(':')[0]!;
    const self = f.call('DELETE', `/v3/tokens/${id}`, { token });
    expect(self.status).toBe(400);
    expect(self.json.message).toBe('Cannot delete token for current session. Use logout instead');
    const key = f.call('POST', '/v3/tokens', { token, body: { description: 'fleet import' } });
    expect(key.status).toBe(201);
    expect(key.json.token).toMatch(tokenPattern);
    expect(key.json.isDerived).toBe(true);
    expect(f.call('GET', '/v3/clusters', { token: key.json.token }).status).toBe(200);
    expect(f.call('DELETE', `/v3/tokens/${key.json.id}`, { token }).status).toBe(204);
    expect(f.call('GET', '/v3/clusters', { token: key.json.token }).status).toBe(401);
    expect(f.call('POST', '/v3/tokens?action=logout', { token }).status).toBe(200);
    expect(f.call('GET', '/v3/clusters', { token }).status).toBe(401);
  });
});

describe('v3 clusters', () => {
  it('creates an imported cluster c-xxxxx, pending, with its namespaces, projects and default token', async () => {
    const f = rancherFixture();
    const token = f.login();
    const before = namespaces(f);
    const r = createCluster(f, token, 'edge-001', { site: 'store-001', region: 'emea' });
    expect(r.status).toBe(201);
    const id = r.json.id as string;
    expect(id).toMatch(/^c-[a-z0-9]{5}$/);
    expect(r.json).toMatchObject({
      type: 'cluster',
      baseType: 'cluster',
      name: 'edge-001',
      driver: 'imported',
      state: 'pending',
      transitioning: 'yes',
      labels: { site: 'store-001', region: 'emea' },
      fleetWorkspaceName: 'fleet-default',
      links: { self: `${serverUrl}/v3/clusters/${id}` },
    });
    // kubectl against the Rancher cluster sees the same object.
    const stored = f.store.mustGet('management.cattle.io/clusters', undefined, id);
    expect(stored.spec.displayName).toBe('edge-001');
    // The cluster namespace and one backing namespace per project (Default, System).
    const added = namespaces(f).filter((n) => !before.includes(n));
    expect(added).toHaveLength(3);
    expect(added).toContain(id);
    const projects = f.store.list('management.cattle.io/projects', { namespace: id });
    expect(projects.map((p) => p.spec.displayName).sort()).toEqual(['Default', 'System']);
    expect(
      f.store.get('management.cattle.io/clusterregistrationtokens', id, 'default-token'),
    ).toBeDefined();
    const waiting = await waitFor(() => {
      const c = f.call('GET', `/v3/clusters/${id}`, { token });
      return c.json.state === 'waiting' && c.json;
    }, 'the cluster to wait for its agent');
    expect(waiting.transitioningMessage).toBe('Waiting for API to be available');
  });

  it('lists clusters as a collection, filters by name, refuses duplicate names in any case', () => {
    const f = rancherFixture();
    const token = f.login();
    createCluster(f, token, 'edge-001');
    createCluster(f, token, 'edge-002');
    const all = f.call('GET', '/v3/clusters', { token });
    expect(all.json).toMatchObject({ type: 'collection', resourceType: 'cluster' });
    expect(all.json.data.map((c: { name: string }) => c.name).sort()).toEqual([
      'edge-001',
      'edge-002',
      'local',
    ]);
    const one = f.call('GET', '/v3/clusters?name=edge-002', { token });
    expect(one.json.data).toHaveLength(1);
    expect(one.json.data[0].name).toBe('edge-002');
    expect(f.call('GET', '/v3/clusters?name=nope', { token }).json.data).toEqual([]);
    const dup = createCluster(f, token, 'EDGE-001');
    expect(dup.status).toBe(422);
    expect(dup.json).toMatchObject({ code: 'NotUnique', fieldName: 'Cluster name', status: 422 });
    const missing = f.call('POST', '/v3/clusters', { token, body: { type: 'cluster' } });
    expect(missing.status).toBe(422);
    expect(missing.json.code).toBe('MissingRequired');
  });

  it('deletes a cluster: 200, then 404, and its namespaces go', async () => {
    const f = rancherFixture();
    const token = f.login();
    const id = createCluster(f, token, 'edge-001').json.id as string;
    const gone = f.call('DELETE', `/v3/clusters/${id}`, { token });
    expect(gone.status).toBe(200);
    expect(gone.json.state).toBe('removing');
    const after = f.call('GET', `/v3/clusters/${id}`, { token });
    expect(after.status).toBe(404);
    expect(after.json).toMatchObject({ type: 'error', code: 'NotFound', status: 404 });
    await waitFor(
      () => !namespaces(f).some((n) => n.startsWith(id)),
      'the cluster namespaces to terminate',
    );
    expect(f.call('DELETE', '/v3/clusters/local', { token }).status).toBe(403);
  });
});

describe('cluster registration tokens', () => {
  it('fills token, manifestUrl, command and insecureCommand once the controller issued the token', async () => {
    const f = rancherFixture();
    const token = f.login();
    const id = createCluster(f, token, 'edge-001').json.id as string;
    const crt = await waitFor(() => {
      const list = f.call('GET', `/v3/clusterregistrationtokens?clusterId=${id}`, { token });
      return list.json.data.find((c: { token: string }) => c.token);
    }, 'the default token');
    expect(crt.id).toBe(`${id}:default-token`);
    expect(crt.clusterId).toBe(id);
    expect(crt.token).toMatch(/^[a-z0-9]{54}$/);
    const url = `${serverUrl}/v3/import/${crt.token}_${id}.yaml`;
    expect(crt.manifestUrl).toBe(url);
    expect(crt.command).toBe(`kubectl apply -f ${url}`);
    expect(crt.insecureCommand).toBe(`curl --insecure -sfL ${url} | kubectl apply -f -`);
    // The token lives in a Secret beside the CRT (v2.13 token_secret.go).
    expect(crt.tokenSecretName).toBe('crt-token-default-token');
    expect(f.store.get('secrets', id, 'crt-token-default-token')).toBeDefined();
    // The same through the cluster's clusterRegistrationTokens link.
    const link = f.call('GET', `/v3/clusters/${id}/clusterregistrationtokens`, { token });
    expect(link.json.data.map((c: { id: string }) => c.id)).toEqual([crt.id]);
  });

  it('creates another token on POST: empty at first, issued shortly after', async () => {
    const f = rancherFixture();
    const token = f.login();
    const id = createCluster(f, token, 'edge-001').json.id as string;
    const r = f.call('POST', '/v3/clusterregistrationtokens', {
      token,
      body: { type: 'clusterRegistrationToken', clusterId: id },
    });
    expect(r.status).toBe(201);
    expect(r.json.token).toBe('');
    expect(r.json.manifestUrl).toBe('');
    await waitFor(
      () => f.call('GET', `/v3/clusterregistrationtokens/${r.json.id}`, { token }).json.token,
      'the new token',
    );
    const bad = f.call('POST', '/v3/clusterregistrationtokens', {
      token,
      body: { clusterId: 'c-nope1' },
    });
    expect(bad.status).toBe(422);
  });

  it('leaves the URLs empty while server-url is empty (status.go getURL)', async () => {
    const f = rancherFixture();
    const url = f.store.mustGet('management.cattle.io/settings', undefined, 'server-url');
    f.store.update('management.cattle.io/settings', { ...url, value: '' });
    const token = f.login();
    const id = createCluster(f, token, 'edge-001').json.id as string;
    const crt = await waitFor(
      () =>
        f
          .call('GET', `/v3/clusterregistrationtokens?clusterId=${id}`, { token })
          .json.data.find((c: { token: string }) => c.token),
      'the token',
    );
    expect(crt.manifestUrl).toBe('');
    expect(crt.command).toBe('');
  });
});

describe('faults', () => {
  it('answers 429 with Retry-After for rancherApi429 calls, then 503 for rancherApi5xx, then normally', () => {
    const f = rancherFixture();
    const token = f.login();
    f.faults.set({ rancherApi429: 2, rancherApi5xx: 1 });
    const first = f.call('GET', '/v3/clusters', { token });
    expect(first.status).toBe(429);
    expect(first.headers).toEqual({ 'Retry-After': '1' });
    expect(f.call('GET', '/v3/clusters', { token }).status).toBe(429);
    const third = f.call('GET', '/v3/clusters', { token });
    expect(third.status).toBe(503);
    expect(f.call('GET', '/v3/clusters', { token }).status).toBe(200);
  });
});
