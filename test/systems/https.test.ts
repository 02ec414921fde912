import { createServer as createHttpsServer, type Server } from 'node:https';
import {
  createServer as createTcpServer,
  type AddressInfo,
  type Server as TcpServer,
} from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabContext } from '../../source/lab/context.js';
import { fakeCertificate } from '../../source/lab/ingress/fake-certificate.js';
import { createCa, issueCert, type Issued } from '../../source/lab/pki.js';
import { ingressHttpsPort, probe } from '../../source/systems/https.js';

const hostname = 'rancher.lab.test';

interface Seen {
  servername?: string;
  host?: string;
}

async function serve(
  certPem: string,
  keyPem: string,
  seen: Seen,
  body = 'pong',
): Promise<{ server: Server; port: number }> {
  const server = createHttpsServer({ cert: certPem, key: keyPem }, (req, res) => {
    seen.host = req.headers.host;
    seen.servername = (req.socket as { servername?: string }).servername;
    res.writeHead(req.url === '/ping' ? 200 : 404, { 'Content-Type': 'text/plain' });
    res.end(req.url === '/ping' ? body : 'default backend - 404');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

function close(server: Server | TcpServer | undefined): Promise<void> {
  return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
}

describe('probe', () => {
  let ca: Issued;
  let otherCa: Issued;
  let good: { server: Server; port: number };
  let fake: { server: Server; port: number };
  let big: { server: Server; port: number };
  let silent: TcpServer;
  let silentPort: number;
  const seen: Seen = {};
  beforeAll(async () => {
    ca = await createCa({ commonName: 'Lab Root CA' });
    otherCa = await createCa({ commonName: 'Some Other CA' });
    const leaf = await issueCert(ca, { commonName: hostname, dnsNames: [hostname] });
    good = await serve(leaf.certPem, leaf.keyPem, seen);
    const fakeCert = await fakeCertificate({} as LabContext);
    fake = await serve(fakeCert.certPem, fakeCert.keyPem, {});
    big = await serve(leaf.certPem, leaf.keyPem, {}, 'x'.repeat(20_000));
    silent = createTcpServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentPort = (silent.address() as AddressInfo).port;
  });
  afterAll(async () => {
    silent?.close();
    await Promise.all([close(good?.server), close(fake?.server), close(big?.server)]);
  });

  it('verifies the certificate with the CA bundle and SNI, then reads the answer', async () => {
    const r = await probe({
      ip: '127.0.0.1',
      port: good.port,
      hostname,
      caPem: ca.certPem,
      path: '/ping',
    });
    expect(r).toMatchObject({
      tlsOk: true,
      certSubject: `CN=${hostname}`,
      certIssuer: 'CN=Lab Root CA',
      defaultCertificate: false,
      status: 200,
      body: 'pong',
    });
    expect(r.certFingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(r.error).toBeUndefined();
    expect(seen).toEqual({ servername: hostname, host: hostname });
  });

  it('reports a certificate from another CA, with what it says', async () => {
    const r = await probe({
      ip: '127.0.0.1',
      port: good.port,
      hostname,
      caPem: otherCa.certPem,
      path: '/ping',
    });
    expect(r).toMatchObject({
      tlsOk: false,
      tlsError: 'unable to verify the first certificate',
      certSubject: `CN=${hostname}`,
      certIssuer: 'CN=Lab Root CA',
    });
    expect(r.status).toBeUndefined();
    expect(r.body).toBeUndefined();
  });

  it('reports a certificate that does not cover the hostname', async () => {
    const r = await probe({
      ip: '127.0.0.1',
      port: good.port,
      hostname: 'other.lab.test',
      caPem: ca.certPem,
    });
    expect(r.tlsOk).toBe(false);
    expect(r.tlsError).toMatch(/^Hostname\/IP does not match certificate's altnames/);
    expect(r.tlsErrorCode).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
    expect(r.certSubject).toBe(`CN=${hostname}`);
  });

  it("recognises a controller's default certificate by the names it is told", async () => {
    const r = await probe({
      ip: '127.0.0.1',
      port: fake.port,
      hostname,
      caPem: ca.certPem,
      defaultCertificateCns: [
        'TRAEFIK DEFAULT CERT',
        'Kubernetes Ingress Controller Fake Certificate',
      ],
    });
    expect(r).toMatchObject({
      tlsOk: false,
      tlsError: 'self-signed certificate',
      defaultCertificate: true,
    });
    expect(r.certSubject).toContain('CN=Kubernetes Ingress Controller Fake Certificate');
  });

  it('keeps the first 4 KiB of the body', async () => {
    const r = await probe({
      ip: '127.0.0.1',
      port: big.port,
      hostname,
      caPem: ca.certPem,
      path: '/ping',
    });
    expect(r.status).toBe(200);
    expect(r.body).toHaveLength(4096);
  });

  it('reports connection failures as errors, not TLS failures', async () => {
    const closed = createTcpServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await close(closed);
    const refused = await probe({ ip: '127.0.0.1', port, hostname, caPem: ca.certPem });
    expect(refused.tlsOk).toBe(false);
    expect(refused.tlsError).toBeUndefined();
    expect(refused.error).toMatch(/ECONNREFUSED/);
  });

  it('times out on a server that never answers', async () => {
    const r = await probe({
      ip: '127.0.0.1',
      port: silentPort,
      hostname,
      caPem: ca.certPem,
      timeoutMs: 300,
    });
    expect(r).toMatchObject({ tlsOk: false, defaultCertificate: false });
    expect(r.error).toMatch(/no answer within 300 ms/);
  });
});

describe('ingressHttpsPort', () => {
  it('reads RANCHER_PKS_TUI_INGRESS_HTTPS_PORT, else 443', () => {
    expect(ingressHttpsPort({ RANCHER_PKS_TUI_INGRESS_HTTPS_PORT: '8443' })).toBe(8443);
    expect(ingressHttpsPort({ RANCHER_PKS_TUI_INGRESS_HTTPS_PORT: 'x' })).toBe(443);
    expect(ingressHttpsPort({ RANCHER_PKS_TUI_INGRESS_HTTPS_PORT: '70000' })).toBe(443);
    expect(ingressHttpsPort({})).toBe(443);
  });
});
