import { describe, expect, it } from 'vitest';
import type { PermanentError } from '../../source/systems/errors.js';
import { isTransient } from '../../source/systems/errors.js';
import { helmFailure } from '../../source/systems/helm-errors.js';

// Wording measured with real helm 3.18.0 and 4.1.4 against `lab up --oidc`.
const server = 'https://127.156.0.10:8443';
const issuer = 'https://127.156.2.1:8443/oauth/token';
const untrusted = (k: string) =>
  `Error: ${k}ubernetes cluster unreachable: Get "${server}/version": Get "${issuer}/.well-known/openid-configuration": tls: failed to verify certificate: x509: certificate signed by unknown authority\n`;

describe('helm failures of an OIDC kubeconfig user', () => {
  it('an untrusted PKS API is permanent and names pks.caCert (Helm 3 and 4 wording)', () => {
    for (const k of ['K', 'k']) {
      const error = helmFailure({ stdout: '', stderr: untrusted(k) }, { args: ['list'] });
      expect(isTransient(error)).toBe(false);
      expect((error as PermanentError).remedy).toContain('pks.caCert');
    }
  });

  it('a refused refresh or token is permanent and names the password variable', () => {
    for (const stderr of [
      `Error: Kubernetes cluster unreachable: Get "${server}/version": failed to refresh token: oauth2: "invalid_token" "Invalid refresh token expired at Tue Dec 01 15:26:49 UTC 2026"\n`,
      'Error: Kubernetes cluster unreachable: the server has asked for the client to provide credentials\n',
    ]) {
      const error = helmFailure({ stdout: '', stderr }, { args: ['list'] });
      expect(isTransient(error)).toBe(false);
      expect((error as PermanentError).remedy).toContain('TKGI_USER_PASSWORD');
    }
  });

  it('a cluster that is really unreachable is still retried', () => {
    const stderr = `Error: Kubernetes cluster unreachable: Get "${server}/version": dial tcp 127.156.0.10:8443: connect: connection refused\n`;
    expect(isTransient(helmFailure({ stdout: '', stderr }, { args: ['list'] }))).toBe(true);
  });
});
