import { describe, expect, it } from 'vitest';
import { checkClusterDns, checkRancherDns, dnsChecks } from '../../source/checks/dns.js';
import type { Config } from '../../source/config/config.js';

const server = '10.0.0.53';
const answer = (...answers: string[]) => ({ answers, server });
const nx = { answers: [], server, error: 'NXDOMAIN (no such name)' };
const timeout = { answers: [], server, error: 'timed out' };

describe('dns.cluster', () => {
  it('before the cluster has a master IP: no record is expected, a dead resolver warns', () => {
    expect(checkClusterDns('api.x', nx, undefined).status).toBe('pass');
    expect(checkClusterDns('api.x', answer('1.2.3.4'), undefined).status).toBe('pass');
    expect(checkClusterDns('api.x', timeout, undefined).status).toBe('warn');
  });

  it("with a master IP: must resolve to it; no record yet is the install's to wait for", () => {
    expect(checkClusterDns('api.x', answer('10.0.0.10'), '10.0.0.10').status).toBe('pass');
    expect(checkClusterDns('api.x', nx, '10.0.0.10')).toMatchObject({
      status: 'pass',
      message: expect.stringContaining(
        'the install shows the record to create (api.x → 10.0.0.10)',
      ) as string,
    });
    expect(checkClusterDns('api.x', answer('10.9.9.9'), '10.0.0.10').status).toBe('fail');
  });
});

describe('dns.rancher', () => {
  it('reports the current answer, warning when it is not the ingress IP', () => {
    expect(checkRancherDns('r.x', nx, undefined).status).toBe('pass');
    expect(checkRancherDns('r.x', answer('1.1.1.1'), undefined).message).toContain('1.1.1.1');
    expect(checkRancherDns('r.x', answer('10.1.1.10'), '10.1.1.10').status).toBe('pass');
    const elsewhere = checkRancherDns('r.x', answer('1.1.1.1'), '10.1.1.10');
    expect(elsewhere.status).toBe('warn');
    expect(elsewhere.message).toBe('r.x resolves to 1.1.1.1, not the ingress IP 10.1.1.10');
    expect(elsewhere.remedy).toBe('the record r.x points at 1.1.1.1; change it to 10.1.1.10');
    expect(checkRancherDns('r.x', nx, '10.1.1.10').status).toBe('pass');
  });
});

describe('dnsChecks', () => {
  it('asks for both names', async () => {
    const asked: string[] = [];
    const config = {
      pks: { externalHostname: 'api.x' },
      rancher: { hostname: 'r.x' },
    } as unknown as Config;
    const results = await dnsChecks(
      async (name) => {
        asked.push(name);
        return nx;
      },
      config,
      {},
    );
    expect(asked.sort()).toEqual(['api.x', 'r.x']);
    expect(results.map((r) => r.id)).toEqual(['dns.cluster', 'dns.rancher']);
  });
});
