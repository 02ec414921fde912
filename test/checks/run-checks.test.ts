import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fail } from '../../source/checks/check.js';
import { runChecks } from '../../source/checks/run-checks.js';
import type { Config } from '../../source/config/config.js';
import { PermanentError } from '../../source/systems/errors.js';
import type { Systems } from '../../source/systems/systems.js';
import { createCa, issueCert } from '../../source/lab/pki.js';

async function tlsFiles(hostname: string): Promise<Config['tls']> {
  const dir = mkdtempSync(join(tmpdir(), 'rpt-checks-'));
  const ca = await createCa({ commonName: 'Root' });
  const server = await issueCert(ca, { commonName: hostname, dnsNames: [hostname] });
  const at = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  return {
    cert: at('server.pem', server.certPem),
    key: at('server.key', server.keyPem),
    caCerts: at('cacerts.pem', ca.certPem),
  };
}

async function config(): Promise<Config> {
  return {
    pks: {
      cli: 'pks',
      plan: 'rancher',
      cluster: 'c1',
      externalHostname: 'c1.example.com',
      networkProfile: 'lb-small',
      lbSize: 'small',
    },
    rancher: {
      hostname: 'rancher.example.com',
      replicas: 3,
      chartRepo: 'https://releases.rancher.com/server-charts/stable',
      chartVersion: '',
    },
    tls: await tlsFiles('rancher.example.com'),
    ingress: { controller: 'traefik', chartVersion: '' },
    dns: { servers: [] },
  };
}

/** Systems where nothing is installed: the CLIs are missing, DNS has no records. */
function bareSystems(): Systems {
  const missing = async () => {
    throw new PermanentError('command not found', 'install it');
  };
  return {
    pks: { binary: 'pks', version: missing },
    helm: { version: missing },
    bosh: { available: async () => false },
    resolveA: async () => ({ answers: [], server: '10.0.0.53', error: 'NXDOMAIN (no such name)' }),
  } as unknown as Systems;
}

describe('runChecks', () => {
  it('without the PKS CLI: tools fail, pks.* are skipped, the local checks still run', async () => {
    const results = await runChecks({
      config: await config(),
      systems: bareSystems(),
    });
    const status = Object.fromEntries(results.map((r) => [r.id, r.status]));
    expect(status['tools.pks']).toBe('fail');
    expect(status['pks.login']).toBe('skip');
    expect(status['tls.chain']).toBe('pass');
    expect(status['hostnames.distinct']).toBe('pass');
    expect(status['dns.rancher']).toBe('pass');
    expect(status['k8s.reachable']).toBe('skip');
  });

  it('a problem found in the answers replaces the live check of that id', async () => {
    const problem = fail('pks.network-profile', 'pks.lbSize: "huge" is not a size', 'use small');
    const results = await runChecks({
      config: await config(),
      systems: bareSystems(),
      answerProblems: [problem],
    });
    expect(results.filter((r) => r.id === 'pks.network-profile')).toEqual([problem]);
  });
});
