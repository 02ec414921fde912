import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCurlArgs } from '../../../source/lab/edge/curl-args.js';
import { runCurl } from '../../../source/lab/edge/curl.js';
import type { SiteNetwork } from '../../../source/lab/edge/site-network.js';
import { freePort } from '../../../source/lab/ip-plan.js';
import { createCa, issueCert, type Issued } from '../../../source/lab/pki.js';

const host = 'rancher.lab.test';
let rancherCa: Issued;
let otherCa: Issued;
let server: Server;
let port = 0;

beforeAll(async () => {
  rancherCa = await createCa({ commonName: 'rancher-ca' });
  otherCa = await createCa({ commonName: 'other-ca' });
  const serving = await issueCert(rancherCa, { commonName: host, dnsNames: [host] });
  server = createServer({ cert: serving.certPem, key: serving.keyPem }, (req, res) => {
    if (req.url === '/ping') res.end('pong');
    else {
      res.statusCode = 404;
      res.end('404 page not found\n');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function site(over: Partial<SiteNetwork> = {}): SiteNetwork {
  return {
    resolve: (name) => (name === host || name === 'alias.lab.test' ? '127.0.0.1' : undefined),
    portFor: (p) => (p === 443 ? port : p),
    intercepted: false,
    ...over,
  };
}

/** The reachability Job's command (fleet design, "Reachability Job"). */
const reach = (url = `https://${host}/ping`) =>
  parseCurlArgs([
    'curl',
    '-sS',
    '--max-time',
    '10',
    '--cacert',
    '/etc/rancher-pks-tui/cacerts.pem',
    url,
  ])!;

const files = (pem: string | undefined) => (path: string) =>
  path === '/etc/rancher-pks-tui/cacerts.pem' ? pem : undefined;

const sslTail = [
  'More details here: https://curl.se/docs/sslcerts.html',
  '',
  'curl failed to verify the legitimacy of the server and therefore could not',
  'establish a secure connection to it. To learn more about this situation and',
  'how to fix it, please visit the web page mentioned above.',
];

describe('curl from a downstream site', () => {
  it('parses the reachability Job command', () => {
    expect(reach()).toEqual({
      url: `https://${host}/ping`,
      cacert: '/etc/rancher-pks-tui/cacerts.pem',
      insecure: false,
      maxTimeSeconds: 10,
      quiet: false,
      fail: false,
    });
    expect(parseCurlArgs(['wget', 'https://x'])).toBeUndefined();
    expect(parseCurlArgs(['curl', '-fsSLk', 'https://x/'])).toMatchObject({
      insecure: true,
      fail: true,
      quiet: false,
    });
  });

  it('exits 0 with pong when the CA verifies the served certificate', async () => {
    const r = await runCurl(reach(), site(), files(rancherCa.certPem));
    expect(r).toEqual({ exitCode: 0, stdout: 'pong', stderr: [] });
  });

  it('exits 6 when the host does not resolve', async () => {
    const r = await runCurl(reach(), site({ resolve: () => undefined }), files(rancherCa.certPem));
    expect(r).toEqual({
      exitCode: 6,
      stdout: '',
      stderr: [`curl: (6) Could not resolve host: ${host}`],
    });
  });

  it('exits 7 when nothing listens on the address', async () => {
    const closed = await freePort();
    const r = await runCurl(reach(), site({ portFor: () => closed }), files(rancherCa.certPem));
    expect(r.exitCode).toBe(7);
    expect(r.stderr).toEqual([
      expect.stringMatching(
        new RegExp(
          `^curl: \\(7\\) Failed to connect to ${host} port 443 after \\d+ ms: Couldn't connect to server$`,
        ),
      ),
    ]);
  });

  it('exits 60 when the CA does not verify the served certificate', async () => {
    const r = await runCurl(reach(), site(), files(otherCa.certPem));
    expect(r.exitCode).toBe(60);
    expect(r.stderr).toEqual([
      'curl: (60) SSL certificate problem: unable to get local issuer certificate',
      ...sslTail,
    ]);
  });

  it('exits 60 when the certificate does not name the host', async () => {
    const r = await runCurl(reach('https://alias.lab.test/ping'), site(), files(rancherCa.certPem));
    expect(r.exitCode).toBe(60);
    expect(r.stderr[0]).toBe(
      "curl: (60) SSL: no alternative certificate subject name matches target host name 'alias.lab.test'",
    );
  });

  it('exits 60 behind a TLS-intercepting proxy (fault edgeCaMismatch)', async () => {
    const r = await runCurl(reach(), site({ intercepted: true }), files(rancherCa.certPem));
    expect(r.exitCode).toBe(60);
    expect(r.stderr[0]).toBe(
      'curl: (60) SSL certificate problem: unable to get local issuer certificate',
    );
  });

  it('exits 77 when the CA file is not there', async () => {
    const r = await runCurl(reach(), site(), files(undefined));
    expect(r).toEqual({
      exitCode: 77,
      stdout: '',
      stderr: ['curl: (77) error setting certificate file: /etc/rancher-pks-tui/cacerts.pem'],
    });
  });

  it('exits 22 on an HTTP error with --fail, and skips verification with --insecure', async () => {
    const args = parseCurlArgs(['curl', '-fsSk', `https://${host}/nothing`])!;
    const r = await runCurl(args, site(), () => undefined);
    expect(r).toEqual({
      exitCode: 22,
      stdout: '',
      stderr: ['curl: (22) The requested URL returned error: 404'],
    });
  });
});
