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

  it('omitSecretKeys drops secret keys deeply and keeps the rest', () => {
    const config = {
      rancher: { hostname: 'h', bootstrapPassword: 'x' },
      pks: [{ user: 'u', password: 'p' }],
    };
    expect(omitSecretKeys(config)).toEqual({ rancher: { hostname: 'h' }, pks: [{ user: 'u' }] });
    expect(config.rancher.bootstrapPassword).toBe('x'); // a copy, the input is untouched
  });
});
