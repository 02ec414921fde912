import { describe, expect, it } from 'vitest';
import {
  assertNoSecrets,
  isSecretKeyName,
  omitSecretKeys,
  SecretLeakError,
} from '../../source/session/secret-guard.js';
import { fakePem } from '../helpers/fake-pem.js';

describe('secret guard', () => {
  it.each([
    'password',
    'bootstrapPassword',
    'token',
    'apiKey',
    'clientSecret',
    'privateKey',
    'passphrase',
  ])('%s is a secret key name', (key) => expect(isSecretKeyName(key)).toBe(true));

  it.each([
    'secretName',
    'keyFile',
    'tokenFile',
    'privateKeyPath',
    'hostname',
    'caFile',
    'tlsSource',
  ])('%s is not (it points at a secret or is harmless)', (key) =>
    expect(isSecretKeyName(key)).toBe(false),
  );

  it('accepts file paths and names', () => {
    expect(() =>
      assertNoSecrets(
        { tls: { keyFile: '/x/tls.key', secretName: 'tls-rancher-ingress' } },
        'answers',
      ),
    ).not.toThrow();
  });

  it('rejects base64 PEM, JWTs and bearer tokens anywhere', () => {
    const b64 = Buffer.from(fakePem('PRIVATE KEY', 'x')).toString('base64');
    for (const value of [b64, 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig', 'Bearer abcdefghijkl'])
      expect(() => assertNoSecrets({ note: [value] }, 'facts')).toThrow(SecretLeakError);
  });

  it('rejects Rancher API tokens and registration URLs, accepts their redacted forms', () => {
    const secret = 'x8v2kq9p7mfsl4cdt5wzr6nbgh2jq8svxk4lm7tpc9rdf2hw5bqn';
    for (const value of [
      `failed with token-abc12:${secret}`,
      `https://rancher.lab.test/v3/import/${secret}_c-m4x7q.yaml`,
    ])
      expect(() => assertNoSecrets({ note: value }, 'facts')).toThrow(SecretLeakError);
    for (const value of [
      'token-abc12:<redacted>',
      'https://rancher.lab.test/v3/import/<redacted>_c-m4x7q.yaml',
      'cluster c-m4x7q, token token-abc12',
    ])
      expect(() => assertNoSecrets({ note: value }, 'facts')).not.toThrow();
  });

  it('omitSecretKeys drops secret keys deeply and keeps the rest', () => {
    const config = {
      rancher: { hostname: 'h', bootstrapPassword: 'x' },
      pks: [{ user: 'u', password: 'p' }],
    };
    expect(omitSecretKeys(config)).toEqual({ rancher: { hostname: 'h' }, pks: [{ user: 'u' }] });
    expect(config.rancher.bootstrapPassword).toBe('x'); // a copy, the input is untouched
  });
});
