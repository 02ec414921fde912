import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rancherAccess, type RancherAccess } from '../../source/systems/rancher-access.js';
import { startHttpsStub, type HttpsStub } from '../helpers/https-stub.js';

const apiToken = 'token-abc12:x8v2kq9p7mfsl4cdt5wzr6nbgh2jq8svxk4lm7tpc9rdf2hw5bqn';
const loginToken = 'token-zz9yx:m2n3b4v5c6x7z8l9k0j1h2g3f4d5s6a7p8o9i0u1y2t3r4e5w6q7';
const password = 'Adm1n-Passw0rd!';

let stub: HttpsStub;
let access: RancherAccess | undefined;

beforeAll(async () => {
  stub = await startHttpsStub();
  stub.handle((r) => {
    if (r.url === '/v3-public/localProviders/local?action=login') {
      const body = JSON.parse(r.body) as { password?: string };
      return body.password === password
        ? {
            status: 201,
            body: {
              token: loginToken,
              id: 'token-zz9yx',
              type: 'token',
              baseType: 'token',
              expiresAt: '',
            },
          }
        : {
            status: 401,
            body: {
              type: 'error',
              status: '401',
              code: 'Unauthorized',
              message: 'authentication failed',
            },
          };
    }
    if (r.url === '/v3/tokens?action=logout') return { status: 200, body: {} };
    return { status: 200, body: { type: 'collection', data: [] } };
  });
});
afterAll(() => stub.close());
afterEach(async () => {
  await access?.close();
  access = undefined;
  stub.seen.length = 0;
});

const base = () => ({ url: stub.url, caPem: stub.ca.certPem, address: '127.0.0.1' });

describe('rancherAccess', () => {
  it('uses RANCHER_TOKEN as it is, and close() deletes nothing', async () => {
    access = await rancherAccess({
      ...base(),
      env: { RANCHER_TOKEN: apiToken, RANCHER_PASSWORD: password },
    });
    expect(access.how).toBe('token');
    await access.api.clusters();
    await access.close();
    access = undefined;
    expect(stub.seen.map((r) => [r.method, r.url, r.headers.authorization])).toEqual([
      ['GET', '/v3/clusters', `Bearer ${apiToken}`],
    ]);
  });

  it('logs in with RANCHER_PASSWORD for a 2-hour token, uses it, and logs it out on close', async () => {
    access = await rancherAccess({ ...base(), env: { RANCHER_PASSWORD: password } });
    expect(access.how).toBe('login');
    await access.api.clusters();
    await access.close();
    access = undefined;
    const [login, list, logout] = stub.seen;
    expect(login?.headers.authorization).toBeUndefined();
    expect(JSON.parse(login?.body ?? '')).toEqual({
      username: 'admin',
      password,
      responseType: 'json',
      ttl: 7_200_000,
      description: 'rancher-pks-tui import (short-lived)',
    });
    expect([list?.method, list?.url, list?.headers.authorization]).toEqual([
      'GET',
      '/v3/clusters',
      `Bearer ${loginToken}`,
    ]);
    expect([logout?.method, logout?.url, logout?.headers.authorization]).toEqual([
      'POST',
      '/v3/tokens?action=logout',
      `Bearer ${loginToken}`,
    ]);
  });

  it('asks for the password when no variable gives one', async () => {
    const asked: string[] = [];
    access = await rancherAccess({
      ...base(),
      env: {},
      askPassword: () => {
        asked.push('asked');
        return Promise.resolve(password);
      },
    });
    expect(asked).toEqual(['asked']);
    expect(access.how).toBe('login');
  });

  it('says a refused password in one line that holds no password', async () => {
    const error = (await rancherAccess({
      ...base(),
      env: { RANCHER_PASSWORD: 'wrong-pass' },
    }).catch((e: unknown) => e)) as Error;
    expect(error.message).toBe(
      'Rancher refused the login of admin (401); check the admin password (RANCHER_PASSWORD, or type it again), or set RANCHER_TOKEN',
    );
    expect(stub.seen).toHaveLength(1);
  });

  it('says which variables to set when there is no way to get a token', async () => {
    await expect(rancherAccess({ ...base(), env: {} })).rejects.toThrow(
      'no Rancher credentials; set RANCHER_TOKEN to an API token, or RANCHER_PASSWORD to the admin password (or run in a terminal to be asked)',
    );
    expect(stub.seen).toEqual([]);
  });
});
