import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFakeCli } from '../../source/lab/fake-cli.js';
import { labUserPassword } from '../../source/lab/lab.js';
import type { PermanentError } from '../../source/systems/errors.js';
import { isTransient } from '../../source/systems/errors.js';
import { Pks } from '../../source/systems/pks.js';
import {
  credentialsFailure,
  PasswordNeededError,
  PasswordRejectedError,
} from '../../source/systems/pks-password.js';
import { createSystems } from '../../source/systems/systems.js';
import { FakeBin } from './fake-bin.js';
import { labShimBuilt, startLab, type LabFixture } from './lab-fixture.js';

describe('credentialsFailure: what a failed get-credentials means', () => {
  const fail = (stderr: string, stdout = '', given = false) =>
    credentialsFailure('tkgi', 'c1', { stdout, stderr }, given);

  it('recognises "needs a password" broadly when none was given', () => {
    for (const [stderr, stdout] of [
      ['Error: EOF\n', '\nFetching credentials for cluster c1.\nPassword: \n'],
      ['Error: inappropriate ioctl for device\n', 'Password: '],
      ['Error: password is required\n', ''],
      ['Error: set PKS_USER_PASSWORD\n', ''],
    ]) {
      const error = fail(stderr!, stdout);
      expect(error).toBeInstanceOf(PasswordNeededError);
      expect(error.message).toBe(
        'tkgi get-credentials needs your PKS password (this TKGI uses OIDC): set TKGI_USER_PASSWORD (or PKS_USER_PASSWORD), or run in a terminal (without --yes) to be asked',
      );
      expect((error as PermanentError).remedy).toBe('');
    }
  });

  it('says a given password was not accepted', () => {
    const error = fail('Error: unauthorized: Bad credentials\n', 'Password: ********\n', true);
    expect(error).toBeInstanceOf(PasswordRejectedError);
    expect(error.message).toContain(
      'did not accept the PKS password: Error: unauthorized: Bad credentials',
    );
  });

  it('keeps other failures as they were: an expired PKS session, the network, a missing cluster', () => {
    const session = fail(
      "Error: You are not currently logged in. Please log in with 'tkgi login' and try again.\n",
    );
    expect(session).not.toBeInstanceOf(PasswordNeededError);
    expect((session as PermanentError).remedy).toContain('tkgi login');
    expect(
      isTransient(fail('Error: Get "https://api:9021/v1/clusters/c1": unexpected EOF\n')),
    ).toBe(true);
    expect(fail('Error: cluster c1 not found\n', '', true)).not.toBeInstanceOf(
      PasswordRejectedError,
    );
  });
});

describe('Pks.getCredentials with a password', () => {
  const bin = new FakeBin();
  afterAll(() => bin.cleanup());

  it('hands it to the child in TKGI_USER_PASSWORD and PKS_USER_PASSWORD only, never argv', async () => {
    const seen = join(bin.dir, 'env-seen');
    const tkgi = bin.write('tkgi', [
      {
        when: 'get-credentials c1',
        script: `printf '%s|%s' "$TKGI_USER_PASSWORD" "$PKS_USER_PASSWORD" > '${seen}'`,
        stdout: 'Context set for cluster c1.\n',
      },
    ]);
    await new Pks({ binary: tkgi }).getCredentials('c1', { password: 's3cret pass' });
    expect(readFileSync(seen, 'utf8')).toBe('s3cret pass|s3cret pass');
    expect(bin.calls('tkgi')).toEqual([['get-credentials', 'c1']]);
  });
});

describe.skipIf(!labShimBuilt)('systems.getCredentials against lab --oidc', () => {
  let fx: LabFixture;

  beforeAll(async () => {
    fx = await startLab({ oidc: true });
    const created = await runFakeCli(fx.lab, {
      tool: 'pks',
      argv: ['create-cluster', 'c1', '-e', 'c1.lab.test', '-p', 'rancher'],
      cwd: fx.dir,
      env: {},
    });
    expect(created.exitCode).toBe(0);
    await fx.lab.pks.idle();
  });
  afterAll(async () => {
    await fx?.stop();
  });

  function systems(
    env: Record<string, string | undefined>,
    ask?: () => Promise<string | undefined>,
    pksCaCert?: string,
  ) {
    const withoutPasswords = {
      ...fx.env,
      PKS_USER_PASSWORD: undefined,
      TKGI_USER_PASSWORD: undefined,
    };
    return createSystems({
      signal: new AbortController().signal,
      pksBinary: fx.bin('pks'),
      cluster: 'c1',
      dnsServers: [],
      env: { ...withoutPasswords, ...env },
      ...(ask ? { askPassword: ask } : {}),
      ...(pksCaCert ? { pksCaCert } : {}),
      reauthenticate: true,
    });
  }

  it('headless without a password: fails with the one line', async () => {
    const error = await systems({})
      .getCredentials()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PasswordNeededError);
  });

  it('takes the password from the environment', async () => {
    const s = systems({ TKGI_USER_PASSWORD: labUserPassword });
    await s.getCredentials();
    expect(await s.hasKubeContext('c1')).toBe(true);
  });

  it('asks when it is needed (a terminal), once, and keeps it in memory for later calls', async () => {
    let asked = 0;
    const s = systems({}, async () => {
      asked++;
      return labUserPassword;
    });
    await s.getCredentials();
    await s.getCredentials();
    expect(asked).toBe(1);
    expect(readFileSync(fx.env.KUBECONFIG!, 'utf8')).not.toContain(labUserPassword);
  });

  it('asks again when the password in the environment is wrong, and fails when nobody answers', async () => {
    let asked = 0;
    await systems({ PKS_USER_PASSWORD: 'wrong' }, async () => {
      asked++;
      return labUserPassword;
    }).getCredentials();
    expect(asked).toBe(1);
    const error = await systems({ PKS_USER_PASSWORD: 'wrong' })
      .getCredentials()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PasswordRejectedError);
    const unanswered = await systems({}, async () => undefined)
      .getCredentials()
      .catch((e: unknown) => e);
    expect(unanswered).toBeInstanceOf(PasswordNeededError);
  });

  it('an unreadable pks.caCert is one line naming the field, not "no context"', async () => {
    const s = systems(
      { TKGI_USER_PASSWORD: labUserPassword },
      undefined,
      '/nonexistent/pks-ca.pem',
    );
    await s.getCredentials();
    const error = await s.hasKubeContext('c1').catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'pks.caCert: cannot read /nonexistent/pks-ca.pem (file not found)',
    );
  });
});
