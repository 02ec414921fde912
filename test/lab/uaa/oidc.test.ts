import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, parseDocument } from 'yaml';
import { runFakeCli } from '../../../source/lab/fake-cli.js';
import { labUserPassword, pksApiCaPath } from '../../../source/lab/lab.js';
import { waitFor } from '../../helpers/wait-for.js';
import { labShimBuilt, startLab, type LabFixture } from '../../systems/lab-fixture.js';

// `lab up --oidc`: get-credentials needs the password, ID tokens expire, the PKS API's
// UAA refreshes them behind its own CA; real kubectl judges the lab.
let fx: LabFixture;
let kubeconfig: string;

interface OidcConfig {
  'client-id': string;
  cluster_client_secret: string;
  'id-token': string;
  'refresh-token': string;
  'idp-issuer-url': string;
  'idp-certificate-authority-data'?: string;
}

function pks(argv: string[], env: Record<string, string> = {}, stdin?: string) {
  return runFakeCli(fx.lab, {
    tool: 'pks',
    argv,
    cwd: fx.dir,
    env: { KUBECONFIG: kubeconfig, HOME: fx.dir, ...env },
    ...(stdin !== undefined ? { stdin } : {}),
  });
}

function helm(argv: string[]) {
  return runFakeCli(fx.lab, {
    tool: 'helm',
    argv,
    cwd: fx.dir,
    env: { KUBECONFIG: kubeconfig, HOME: fx.dir },
  });
}

function oidcConfig(): OidcConfig {
  const doc = parse(readFileSync(kubeconfig, 'utf8')) as {
    users: { name: string; user: { 'auth-provider': { name: string; config: OidcConfig } } }[];
  };
  expect(doc.users[0]!.user['auth-provider'].name).toBe('oidc');
  return doc.users[0]!.user['auth-provider'].config;
}

function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<
    string,
    unknown
  >;
}

function setIdpCa(): void {
  const doc = parseDocument(readFileSync(kubeconfig, 'utf8'));
  const ca = readFileSync(pksApiCaPath(fx.dir)).toString('base64');
  doc.setIn(['users', 0, 'user', 'auth-provider', 'config', 'idp-certificate-authority-data'], ca);
  writeFileSync(kubeconfig, doc.toString());
}

async function untilExpired(): Promise<void> {
  const exp = claimsOf(oidcConfig()['id-token']).exp as number;
  await waitFor(() => Date.now() / 1000 > exp, 'the ID token to expire', { intervalMs: 100 });
}

function kubectl(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('kubectl', args, { env: { ...process.env, KUBECONFIG: kubeconfig } }, (e, out, err) =>
      resolve({
        code: e ? (typeof e.code === 'number' ? e.code : 1) : 0,
        stdout: out,
        stderr: err,
      }),
    );
  });
}

function https(
  url: string,
  options: { method?: string; body?: string; headers?: Record<string, string>; ca?: string } = {},
): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: options.method ?? 'GET',
        ca: options.ca ?? readFileSync(pksApiCaPath(fx.dir), 'utf8'),
        headers: options.headers ?? {},
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            json: JSON.parse(text) as Record<string, unknown>,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

async function freshCredentials(): Promise<void> {
  const r = await pks(['get-credentials', 'c1'], { PKS_USER_PASSWORD: labUserPassword });
  expect(r.exitCode, r.stderr).toBe(0);
}

beforeAll(async () => {
  // 300 simulated seconds at 0.01: a 3 s token (kubectl, with its 10 s margin, always refreshes).
  fx = await startLab({ timescale: 0.01, oidc: { idTokenSeconds: 300 } });
  kubeconfig = join(fx.dir, 'kubeconfig');
  const created = await pks(['create-cluster', 'c1', '-e', 'c1.lab.test', '-p', 'rancher']);
  expect(created.exitCode, created.stderr).toBe(0);
  await fx.lab.pks.idle();
});

afterAll(async () => {
  await fx?.stop();
});

describe.skipIf(!labShimBuilt)('lab --oidc', () => {
  it('get-credentials fails without a password (stdin closed) and with a wrong one', async () => {
    const none = await pks(['get-credentials', 'c1'], {}, '');
    expect(none.exitCode).toBe(1);
    expect(none.stdout).toContain('Password: ');
    expect(none.stderr).toBe('Error: EOF\n');
    const wrong = await pks(['get-credentials', 'c1'], { TKGI_USER_PASSWORD: 'nope' });
    expect(wrong.exitCode).toBe(1);
    expect(wrong.stderr).toContain('Bad credentials');
  });

  it('takes the password from PKS_USER_PASSWORD, TKGI_USER_PASSWORD or the prompt', async () => {
    for (const [env, stdin] of [
      [{ PKS_USER_PASSWORD: labUserPassword }, undefined],
      [{ TKGI_USER_PASSWORD: labUserPassword }, undefined],
      [{}, `${labUserPassword}\n`],
    ] as const) {
      const r = await pks(['get-credentials', 'c1'], env, stdin);
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.stdout).toContain('Context set for cluster c1.');
      expect(r.stdout.includes('Password: ')).toBe(stdin !== undefined);
    }
  });

  it('writes the OIDC user TKGI writes, with tokens for pks_cluster_client', async () => {
    await freshCredentials();
    const config = oidcConfig();
    expect(Object.keys(config).sort()).toEqual([
      'client-id',
      'cluster_client_secret',
      'id-token',
      'idp-issuer-url',
      'refresh-token',
    ]);
    expect(config['client-id']).toBe('pks_cluster_client');
    expect(config.cluster_client_secret).toBe('');
    expect(config['idp-issuer-url']).toMatch(/^https:\/\/127\.\d+\.2\.1:\d+\/oauth\/token$/);
    const claims = claimsOf(config['id-token']);
    expect(claims).toMatchObject({
      iss: config['idp-issuer-url'],
      aud: ['pks_cluster_client'],
      user_name: 'admin',
    });
    expect(typeof claims.exp).toBe('number');
  });

  it('serves discovery under the issuer, and refreshes for the public client (Basic or form)', async () => {
    await freshCredentials();
    const config = oidcConfig();
    const discovery = await https(`${config['idp-issuer-url']}/.well-known/openid-configuration`);
    expect(discovery.json.issuer).toBe(config['idp-issuer-url']);
    const tokenUrl = discovery.json.token_endpoint as string;
    const form = `grant_type=refresh_token&refresh_token=${config['refresh-token']}`;
    const headers = { 'Content-Type': 'application/x-www-form-urlencoded' };
    const basic = await https(tokenUrl, {
      method: 'POST',
      body: form,
      headers: { ...headers, Authorization: `Basic ${btoa('pks_cluster_client:')}` },
    });
    expect(basic.status).toBe(200);
    expect(claimsOf(basic.json.id_token as string).iss).toBe(config['idp-issuer-url']);
    const post = await https(tokenUrl, {
      method: 'POST',
      body: `${form}&client_id=pks_cluster_client&client_secret=`,
      headers,
    });
    expect(post.status).toBe(200);
    const other = await https(tokenUrl, {
      method: 'POST',
      body: `${form}&client_id=someone_else`,
      headers,
    });
    expect(other).toMatchObject({ status: 401, json: { error: 'unauthorized' } });
  });

  it('the API server accepts a valid ID token and answers 401 Unauthorized once it expired', async () => {
    await freshCredentials();
    const runtime = fx.lab.cluster('c1')!;
    const get = (token: string) =>
      https(`${runtime.apiUrl}/api/v1/namespaces/default`, {
        headers: { Authorization: `Bearer ${token}` },
        ca: runtime.caPem,
      });
    const token = oidcConfig()['id-token'];
    expect((await get(token)).status).toBe(200);
    expect((await get(runtime.token)).status).toBe(200);
    expect((await get(oidcConfig()['refresh-token'])).status).toBe(401);
    await untilExpired();
    expect(await get(token)).toEqual({
      status: 401,
      json: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'Unauthorized',
        reason: 'Unauthorized',
        code: 401,
      },
    });
  });

  it('real kubectl refreshes an expired token through the issuer when the kubeconfig trusts the PKS API CA', async () => {
    await freshCredentials();
    setIdpCa();
    await untilExpired();
    const before = oidcConfig()['id-token'];
    const r = await kubectl('get', 'ns', 'default', '-o', 'name');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('namespace/default\n');
    // client-go persists the refreshed token back into the kubeconfig.
    expect(oidcConfig()['id-token']).not.toBe(before);
  });

  it('real kubectl fails without the CA: x509 on the issuer discovery', async () => {
    await freshCredentials();
    await untilExpired();
    const r = await kubectl('get', 'ns', 'default', '-o', 'name');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(
      `Get "${oidcConfig()['idp-issuer-url']}/.well-known/openid-configuration": tls: failed to verify certificate: x509: certificate signed by unknown authority`,
    );
  });

  it('fake helm fails like real helm 3.18 without the CA, refreshes and persists with it', async () => {
    await freshCredentials();
    await untilExpired();
    const server = fx.lab.cluster('c1')!.apiUrl;
    const issuer = oidcConfig()['idp-issuer-url'];
    const failed = await helm(['list', '-A']);
    expect(failed.stderr).toBe(
      `Error: Kubernetes cluster unreachable: Get "${server}/version": Get "${issuer}/.well-known/openid-configuration": tls: failed to verify certificate: x509: certificate signed by unknown authority\n`,
    );
    setIdpCa();
    const before = oidcConfig()['id-token'];
    const listed = await helm(['list', '-A']);
    expect(listed.stderr).toBe('');
    expect(listed.exitCode).toBe(0);
    expect(oidcConfig()['id-token']).not.toBe(before);
  });

  it('oidcTokensExpired: refresh is refused, a valid-looking token is 401 (kubectl and helm)', async () => {
    await freshCredentials();
    setIdpCa();
    fx.lab.faults.set({ oidcTokensExpired: true });
    try {
      const server = fx.lab.cluster('c1')!.apiUrl;
      const r = await helm(['list', '-A']);
      const refused = `Error: Kubernetes cluster unreachable: Get "${server}/version": failed to refresh token: oauth2: "invalid_token" "Invalid refresh token expired at `;
      const revoked =
        'Error: Kubernetes cluster unreachable: the server has asked for the client to provide credentials\n';
      // Which one depends on whether client-go still considers the ID token fresh.
      expect(r.stderr.startsWith(refused) || r.stderr === revoked, r.stderr).toBe(true);
      const k = await kubectl('get', 'ns');
      expect(k.stderr).toMatch(/Invalid refresh token expired at|Unauthorized/);
    } finally {
      fx.lab.faults.set({});
    }
    // New credentials work again.
    await freshCredentials();
    setIdpCa();
    expect((await kubectl('get', 'ns', 'default', '-o', 'name')).stdout).toBe(
      'namespace/default\n',
    );
  });
});
