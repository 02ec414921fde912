import dgram from 'node:dgram';
import { getServers } from 'node:dns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Lab } from '../../source/lab/lab.js';
import { resolveA, resolveAEach, resolverServers } from '../../source/systems/dns.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('resolveA against the lab DNS server', () => {
  let lab: Lab;
  let dir: string;
  let silent: dgram.Socket;
  let silentServer: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rpt-dns-'));
    lab = await Lab.start({ dir, timescale: 0 });
    lab.dns.set('rancher-test.lab.test', ['10.40.14.5', '10.40.14.4']);
    // A resolver that never answers, for the timeout.
    silent = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => silent.bind(0, '127.0.0.1', resolve));
    silentServer = `127.0.0.1:${silent.address().port}`;
  });
  afterAll(async () => {
    silent?.close();
    await lab?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers the A records, sorted, naming the server', async () => {
    expect(await resolveA('rancher-test.lab.test', [lab.dnsServer], 2000)).toEqual({
      answers: ['10.40.14.4', '10.40.14.5'],
      server: lab.dnsServer,
    });
  });

  it('reports NXDOMAIN and a name without an A record as results', async () => {
    const missing = await resolveA('missing.lab.test', [lab.dnsServer], 2000);
    expect(missing).toEqual({
      answers: [],
      server: lab.dnsServer,
      error: 'NXDOMAIN (no such name)',
    });
    const apex = await resolveA('lab.test', [lab.dnsServer], 2000);
    expect(apex).toMatchObject({ answers: [], error: 'no A record' });
  });

  it('reports a refusing server', async () => {
    const refused = await resolveA('example.com', [lab.dnsServer], 2000);
    expect(refused.answers).toEqual([]);
    expect(refused.error).toBe('query refused');
  });

  it('gives up within the timeout', async () => {
    const started = Date.now();
    const result = await resolveA('rancher-test.lab.test', [silentServer], 400);
    expect(result).toEqual({ answers: [], server: silentServer, error: 'timed out' });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('asks each server on its own', async () => {
    const results = await resolveAEach('rancher-test.lab.test', [lab.dnsServer, silentServer], 400);
    expect(results.map((r) => [r.server, r.answers.length, r.error])).toEqual([
      [lab.dnsServer, 2, undefined],
      [silentServer, 0, 'timed out'],
    ]);
  });
});

describe('resolverServers', () => {
  it('prefers the environment, then the configuration, then the system', () => {
    expect(
      resolverServers(['10.0.0.53'], { RANCHER_PKS_TUI_DNS_SERVERS: '127.0.0.1:5353, 127.0.0.2' }),
    ).toEqual(['127.0.0.1:5353', '127.0.0.2']);
    expect(resolverServers(['10.0.0.53'], { RANCHER_PKS_TUI_DNS_SERVERS: ' ' })).toEqual([
      '10.0.0.53',
    ]);
    expect(resolverServers([], {})).toEqual(getServers());
    expect(resolverServers(undefined, {})).toEqual(getServers());
  });
});
