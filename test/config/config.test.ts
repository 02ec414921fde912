import { describe, expect, it } from 'vitest';
import { rancherUrl, tlsSecretName } from '../../source/config/config.js';
import { parseAnswers } from '../../source/config/load-answers.js';
import { noEnv, walkthroughAnswers } from './answers-fixtures.js';

describe('config helpers', () => {
  const config = parseAnswers(walkthroughAnswers(), '/answers', noEnv);

  it('uses the chart’s default TLS secret name, so its own Ingress finds the secret', () => {
    expect(tlsSecretName(config)).toBe('tls-rancher-ingress');
  });

  it('gives the Rancher URL', () => {
    expect(rancherUrl(config)).toBe('https://czrancherblog.sovsystems.com');
  });
});
