import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KubeConfig, VersionApi } from '@kubernetes/client-node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse, parseDocument } from 'yaml';
import { runFakeCli } from '../../source/lab/fake-cli.js';
import { labUserPassword, pksApiCaPath } from '../../source/lab/lab.js';
import { isTransient, PermanentError } from '../../source/systems/errors.js';
import { Kube } from '../../source/systems/kube.js';
import { ResilientWatch } from '../../source/systems/kube-watch.js';
import { tokenState } from '../../source/systems/oidc-token.js';
import { waitFor } from '../helpers/wait-for.js';
import { labShimBuilt, startLab, type LabFixture } from './lab-fixture.js';

// The installer's own OIDC renewal (client-node 1.4 cannot refresh), against the lab's UAA.
let fx: LabFixture;
let kubeconfig: string;

type OidcConfig = Record<string, string>;

function userConfig(): OidcConfig {
  const doc = parse(readFileSync(kubeconfig, 'utf8')) as {
    users: { user: { 'auth-provider': { config: OidcConfig } } }[];
  };
  return doc.users[0]!.user['auth-provider'].config;
}

function expOf(jwt: string): number {
  return (JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as { exp: number })
    .exp;
}

async function getCredentials(): Promise<void> {
  const r = await runFakeCli(fx.lab, {
    tool: 'pks',
    argv: ['get-credentials', 'c1'],
    cwd: fx.dir,
    env: { KUBECONFIG: kubeconfig, PKS_USER_PASSWORD: labUserPassword },
  });
  expect(r.exitCode, r.stderr).toBe(0);
}

async function untilExpired(): Promise<void> {
  const exp = expOf(userConfig()['id-token']!);
  await waitFor(() => Date.now() / 1000 > exp, 'the ID token to expire', { intervalMs: 100 });
}

function refreshGrants(): number {
  return readFileSync(join(fx.dir, 'audit.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.includes('"kind":"oidc"') && l.includes('"status":200')).length;
}

const caPem = () => readFileSync(pksApiCaPath(fx.dir), 'utf8');

beforeAll(async () => {
  // 300 simulated seconds at 0.01: 3 s ID tokens.
  fx = await startLab({ timescale: 0.01, oidc: { idTokenSeconds: 300 } });
  kubeconfig = join(fx.dir, 'kubeconfig');
  const created = await runFakeCli(fx.lab, {
    tool: 'pks',
    argv: ['create-cluster', 'c1', '-e', 'c1.lab.test', '-p', 'rancher'],
    cwd: fx.dir,
    env: {},
  });
  expect(created.exitCode, created.stderr).toBe(0);
  await fx.lab.pks.idle();
});

afterAll(async () => {
  await fx?.stop();
});

beforeEach(async () => {
  fx.lab.faults.set({});
  await getCredentials();
});

describe('tokenState', () => {
  const jwt = (claims: object) =>
    `h.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.s`;
  const now = 1_000_000_000_000;
  const t = now / 1000;

  it("renews client-go's 10 s early, or a third of a short token's life", () => {
    expect(tokenState(jwt({ iat: t - 100, exp: t + 600 }), 0, now)).toBe('fresh');
    expect(tokenState(jwt({ iat: t - 590, exp: t + 9 }), 0, now)).toBe('expiring');
    expect(tokenState(jwt({ iat: t - 1, exp: t + 2 }), 0, now)).toBe('fresh');
    expect(tokenState(jwt({ iat: t - 2, exp: t + 0.9 }), 0, now)).toBe('expiring');
    expect(tokenState(jwt({ iat: t - 600, exp: t }), 0, now)).toBe('expired');
  });

  it('asks for more when a caller needs the token for longer (helm)', () => {
    expect(tokenState(jwt({ iat: t - 100, exp: t + 30 }), 40, now)).toBe('expiring');
    expect(tokenState(jwt({ iat: t - 100, exp: t + 50 }), 40, now)).toBe('fresh');
  });

  it('treats an unreadable token as expired', () => {
    expect(tokenState(undefined, 0, now)).toBe('expired');
    expect(tokenState('not-a-jwt', 0, now)).toBe('expired');
  });
});

describe.skipIf(!labShimBuilt)('Kube with an OIDC kubeconfig user', () => {
  it('client-node alone cannot refresh: why the installer does it itself', async () => {
    await untilExpired();
    const kc = new KubeConfig();
    kc.loadFromFile(kubeconfig);
    const error = await kc
      .makeApiClient(VersionApi)
      .getCode()
      .catch((e: unknown) => e);
    expect(String(error)).toContain('"server" must be an instance of URL');
  });

  it('sends the ID token as a bearer token and reads the cluster', async () => {
    const kube = Kube.load({ kubeconfig, oidc: { caPem } });
    expect(kube.config.getCurrentUser()?.authProvider).toBeUndefined();
    expect(await kube.version()).toBe('v1.31.4');
    // Only the install (shareCa) adds the CA to the kubeconfig; preflight leaves it as TKGI wrote it.
    expect(userConfig()['idp-certificate-authority-data']).toBeUndefined();
  });

  it('refreshes an expired token through the issuer with the PKS API CA, into the kubeconfig', async () => {
    const kube = Kube.load({ kubeconfig, oidc: { caPem, shareCa: true } });
    // The CA goes to the kubeconfig user at once, for the helm and kubectl we run.
    expect(userConfig()['idp-certificate-authority-data']).toBe(
      Buffer.from(caPem()).toString('base64'),
    );
    const before = userConfig()['id-token'];
    const grants = refreshGrants();
    await untilExpired();
    expect(await kube.version()).toBe('v1.31.4');
    expect(userConfig()['id-token']).not.toBe(before);
    expect(refreshGrants()).toBe(grants + 1);
    expect(kube.config.getCurrentUser()?.token).toBe(userConfig()['id-token']);
  });

  it('refreshes once for calls made together (and for a second Kube on the same file)', async () => {
    const kube = Kube.load({ kubeconfig, oidc: { caPem } });
    const ui = Kube.load({ kubeconfig, oidc: { caPem } });
    await untilExpired();
    const grants = refreshGrants();
    await Promise.all([
      kube.version(),
      kube.list('v1', 'Namespace'),
      ui.list('v1', 'Pod', { namespace: 'default' }),
    ]);
    expect(refreshGrants()).toBe(grants + 1);
  });

  it('without the CA and without get-credentials: one permanent error naming what is missing', async () => {
    const kube = Kube.load({ kubeconfig });
    await untilExpired();
    const error = await kube.version().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentError);
    expect(isTransient(error)).toBe(false);
    expect((error as PermanentError).message).toMatch(
      /OIDC token ran out \(or was refused\) and could not be refreshed: GET https:\/\/.*\/oauth\/token\/\.well-known\/openid-configuration: /,
    );
    expect((error as PermanentError).remedy).toContain('pks.caCert');
    expect((error as PermanentError).remedy).toContain('TKGI_USER_PASSWORD');
  });

  it('without the CA, runs get-credentials again when it may', async () => {
    let calls = 0;
    const kube = Kube.load({
      kubeconfig,
      oidc: {
        reauthenticate: async () => {
          calls++;
          await getCredentials();
        },
      },
    });
    await untilExpired();
    expect(await kube.version()).toBe('v1.31.4');
    expect(calls).toBe(1);
  });

  it("before helm runs: renews a token inside client-go's own margin, with get-credentials if need be", async () => {
    let calls = 0;
    const kube = Kube.load({
      kubeconfig,
      oidc: {
        reauthenticate: async () => {
          calls++;
          await getCredentials();
        },
      },
    });
    const before = userConfig()['id-token'];
    // A 3 s lab token is never good for helm's 10 s margin: without the CA, get-credentials.
    await kube.ensureFresh(40);
    expect(calls).toBe(1);
    expect(kube.config.getCurrentUser()?.token).not.toBe(before);
  });

  it('takes a newer token someone else wrote (helm, kubectl, the other Kube) without asking UAA', async () => {
    const kube = Kube.load({ kubeconfig });
    await untilExpired();
    await getCredentials();
    const grants = refreshGrants();
    expect(await kube.version()).toBe('v1.31.4');
    expect(refreshGrants()).toBe(grants);
  });

  it('a 401 for a token that looks valid renews it; refused refresh tokens fall back to get-credentials', async () => {
    // A long-lived lab token would do; here the fault makes the current ones invalid.
    let calls = 0;
    const kube = Kube.load({
      kubeconfig,
      oidc: {
        caPem,
        reauthenticate: async () => {
          calls++;
          await getCredentials();
        },
      },
    });
    fx.lab.faults.set({ oidcTokensExpired: true });
    expect(await kube.get({ apiVersion: 'v1', kind: 'Namespace', name: 'default' })).toBeDefined();
    expect(calls).toBe(1);
  });

  it('with nothing that can renew, a refused token is a permanent error, never retried', async () => {
    const kube = Kube.load({ kubeconfig, oidc: { caPem } });
    fx.lab.faults.set({ oidcTokensExpired: true });
    const error = await kube
      .get({ apiVersion: 'v1', kind: 'Namespace', name: 'default' })
      .catch((e: unknown) => e);
    expect(isTransient(error)).toBe(false);
    expect((error as PermanentError).message).toContain('Invalid refresh token expired at');
    expect((error as PermanentError).remedy).toContain('TKGI_USER_PASSWORD');
  });

  it('keeps a watch going across a renewal (the UI panels)', async () => {
    const kube = Kube.load({ kubeconfig, oidc: { caPem } });
    const names: string[] = [];
    const pods = new ResilientWatch(kube, {
      apiVersion: 'v1',
      kind: 'Pod',
      namespace: 'default',
      quietMs: 500,
      onChange: (items) => names.splice(0, names.length, ...items.map((i) => i.metadata!.name!)),
    }).start();
    try {
      await untilExpired();
      // The watch is cut and re-lists with an expired token: the Kube renews it first.
      fx.lab.faults.set({ dropWatchesEverySeconds: 0 });
      const store = fx.lab.cluster('c1')!.store;
      store.create('pods', {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'after-renewal', namespace: 'default' },
        spec: { containers: [{ name: 'c', image: 'x' }] },
      });
      await waitFor(() => names.includes('after-renewal'), 'the watch to see the new pod', {
        timeoutMs: 15_000,
      });
      expect(tokenState(kube.config.getCurrentUser()?.token)).not.toBe('expired');
    } finally {
      pods.stop();
    }
  });
});

describe.skipIf(!labShimBuilt)('kubeconfig edits', () => {
  it('changes only the tokens of the user, keeping the rest of the file', async () => {
    const doc = parseDocument(readFileSync(kubeconfig, 'utf8'));
    doc.commentBefore = ' kept by the refresh';
    writeFileSync(kubeconfig, doc.toString());
    const kube = Kube.load({ kubeconfig, oidc: { caPem } });
    await untilExpired();
    await kube.version();
    const text = readFileSync(kubeconfig, 'utf8');
    expect(text.startsWith('# kept by the refresh')).toBe(true);
    expect(userConfig()['client-id']).toBe('pks_cluster_client');
  });
});
