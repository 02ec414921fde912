import { describe, expect, it } from 'vitest';
import { parsePreflightAnswers } from '../../source/checks/preflight-answers.js';
import { ConfigError } from '../../source/config/errors.js';

const base = () => ({
  pks: { plan: 'rancher', cluster: 'c1', externalHostname: 'c1.example.com', lbSize: 'medium' },
  rancher: { hostname: 'rancher.example.com' },
  tls: { cert: 'server.pem', key: 'server.key', caCerts: 'cacerts.pem' },
});

const parse = (data: unknown) => parsePreflightAnswers(data, '/answers', {});

describe('preflight answers', () => {
  it('good answers have no answer problems', () => {
    const { config, answerProblems } = parse(base());
    expect(answerProblems).toEqual([]);
    expect(config.tls.caCerts).toBe('/answers/cacerts.pem');
    expect(config.pks.networkProfile).toBe('lb-medium');
  });

  it('lb size huge is a failing pks.network-profile check', () => {
    const data = base();
    data.pks.lbSize = 'huge';
    const { answerProblems } = parse(data);
    expect(answerProblems).toEqual([
      {
        id: 'pks.network-profile',
        status: 'fail',
        message: 'pks.lbSize: "huge" is not a load-balancer size',
        remedy: 'use small, medium or large',
      },
    ]);
  });

  it('equal hostnames fail hostnames.distinct and keep the user’s hostname', () => {
    const data = base();
    data.rancher.hostname = 'C1.example.com';
    const { config, answerProblems } = parse(data);
    expect(answerProblems.map((p) => p.id)).toEqual(['hostnames.distinct']);
    expect(config.rancher.hostname).toBe('c1.example.com');
  });

  it('a CA file with another name fails tls.cacerts-name and keeps the real path', () => {
    const data = base();
    data.tls.caCerts = 'ca.pem';
    const { config, answerProblems } = parse(data);
    expect(answerProblems.map((p) => p.id)).toEqual(['tls.cacerts-name']);
    expect(config.tls.caCerts).toBe('/answers/ca.pem');
  });

  it('an IP as the Rancher hostname fails config.hostnames', () => {
    const data = base();
    data.rancher.hostname = '10.0.0.1';
    expect(parse(data).answerProblems.map((p) => p.id)).toEqual(['config.hostnames']);
  });

  it('anything else is bad input (ConfigError naming the field)', () => {
    const missing = base() as { pks: Partial<ReturnType<typeof base>['pks']> };
    delete missing.pks.plan;
    expect(() => parse(missing)).toThrow(ConfigError);
    expect(() => parse({ ...base(), extra: 1 })).toThrow(/extra: unknown section/);
    const wrongType = { ...base(), rancher: { hostname: 42 } };
    expect(() => parse(wrongType)).toThrow(/rancher\.hostname/);
  });
});
