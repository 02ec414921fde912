import { homedir } from 'node:os';
import { describe, expect, it } from 'vitest';
import {
  answerFieldProblem,
  hostnamesProblem,
  resolveAnswerPath,
} from '../../../source/config/field-rules.js';
import { parseAnswers } from '../../../source/config/load-answers.js';

describe('answerFieldProblem', () => {
  it('words problems like the answers file does, field path first', () => {
    expect(answerFieldProblem('pks.cluster', '9lives')).toMatch(
      /^pks\.cluster: "9lives" is not a PKS cluster name/,
    );
    expect(answerFieldProblem('pks.externalHostname', 'https://api.example.com')).toMatch(
      /^pks\.externalHostname: .* is a URL; give the host name only/,
    );
    expect(answerFieldProblem('tls.caCerts', '/x/ca.crt')).toMatch(
      /^tls\.caCerts: the CA file must be named cacerts\.pem/,
    );
    expect(answerFieldProblem('rancher.hostname', '10.0.0.1')).toMatch(/is an IP address/);
    expect(answerFieldProblem('rancher.replicas', 0)).toMatch(/at least 1/);
  });

  it('accepts good values', () => {
    expect(answerFieldProblem('pks.cluster', 'rancher-ha')).toBeUndefined();
    expect(answerFieldProblem('rancher.hostname', 'Rancher.Example.com')).toBeUndefined();
    expect(answerFieldProblem('rancher.chartVersion', '')).toBeUndefined();
  });
});

describe('hostnamesProblem', () => {
  it('refuses the API hostname as Rancher’s, whatever the case, with the schema’s reason', () => {
    expect(hostnamesProblem('api.example.com', 'API.example.com ')).toMatch(
      /^rancher\.hostname: .*two separate names/,
    );
    expect(hostnamesProblem('api.example.com', 'rancher.example.com')).toBeUndefined();
  });
});

describe('resolveAnswerPath', () => {
  it('resolves paths as parseAnswers does', () => {
    const answers = (path: string) => ({
      pks: { plan: 'p', cluster: 'c', externalHostname: 'api.example.com' },
      rancher: { hostname: 'rancher.example.com' },
      tls: { cert: path, key: 'k', caCerts: 'cacerts.pem' },
    });
    for (const path of ['a.crt', '../b.crt', '/abs/c.crt', '~/d.crt', ' e.crt ']) {
      const config = parseAnswers(answers(path), '/base/dir', {});
      expect(resolveAnswerPath(path, '/base/dir', homedir())).toBe(config.tls.cert);
    }
  });
});
