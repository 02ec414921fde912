import { describe, expect, it } from 'vitest';
import {
  checkHostnameSyntax,
  checkHostnamesDistinct,
  splitProblem,
} from '../../source/checks/hostnames.js';

describe('hostname checks', () => {
  it('config.hostnames passes DNS names and fails what the answers schema rejects', () => {
    expect(checkHostnameSyntax('api.example.com', 'rancher.example.com').status).toBe('pass');
    const ip = checkHostnameSyntax('api.example.com', '10.0.0.1');
    expect(ip.status).toBe('fail');
    expect(ip.message).toContain('rancher.hostname: "10.0.0.1" is an IP address');
    const both = checkHostnameSyntax('api', 'https://rancher.example.com');
    expect(both.message).toContain('pks.externalHostname');
    expect(both.message).toContain('rancher.hostname');
  });

  it('hostnames.distinct fails when the Rancher hostname is the API hostname (any case)', () => {
    expect(checkHostnamesDistinct('api.example.com', 'rancher.example.com').status).toBe('pass');
    const same = checkHostnamesDistinct('api.example.com', 'API.example.com');
    expect(same.status).toBe('fail');
    expect(same.message).toContain('is the same as pks.externalHostname');
    expect(same.remedy).toMatch(/^give Rancher its own name/);
  });

  it('splitProblem splits "what; fix" at the first separator', () => {
    expect(splitProblem('a: b; c; d')).toEqual({ message: 'a: b', remedy: 'c; d' });
    expect(splitProblem('no fix').remedy).not.toBe('');
  });
});
