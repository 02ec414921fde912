import { X509Certificate } from 'node:crypto';
import { request, type RequestOptions } from 'node:https';
import { isIP } from 'node:net';
import {
  connect,
  type DetailedPeerCertificate,
  type PeerCertificate,
  type TLSSocket,
} from 'node:tls';
import type { Env } from '../shared/env.js';

export interface ProbeOptions {
  /** Where to connect: the ingress virtual-server IP (DNS is checked separately). */
  ip: string;
  port?: number;
  /** The name for SNI, the Host header and the certificate check. */
  hostname: string;
  /** The CA bundle to trust (PEM); the system's store is not used. */
  caPem: string;
  path?: string;
  timeoutMs?: number;
  /**
   * The CNs of certificates a controller serves when it has none for the name (ingress-nginx's
   * fake one, Traefik's default): seeing one means the TLS secret is not picked up.
   */
  defaultCertificateCns?: readonly string[];
  /** A stop: the connection is closed at once and `probe` throws the signal's reason. */
  signal?: AbortSignal;
}

export interface ProbeResult {
  tlsOk: boolean;
  /** OpenSSL's/Node's reason: `unable to verify the first certificate`, `self-signed certificate`, ... */
  tlsError?: string;
  tlsErrorCode?: string;
  certSubject?: string;
  certIssuer?: string;
  certFingerprint256?: string;
  /** The controller served its default certificate (one of `defaultCertificateCns`). */
  defaultCertificate: boolean;
  status?: number;
  /** The first 4 KiB of the body. */
  body?: string;
  /** A failure below TLS: connection refused, timeout, reset... */
  error?: string;
}

const BODY_LIMIT = 4096;
const DEFAULT_TIMEOUT_MS = 10_000;

/** The lab serves HTTPS on a high port when it cannot bind 443 (not root). */
export function ingressHttpsPort(env: Env = process.env): number {
  const port = Number(env.RANCHER_PKS_TUI_INGRESS_HTTPS_PORT);
  return Number.isInteger(port) && port > 0 && port < 65536 ? port : 443;
}

/** Certificate verification failures (OpenSSL's X509 codes and Node's hostname check). */
function isTlsVerifyError(error: NodeJS.ErrnoException): boolean {
  const code = error.code ?? '';
  return (
    code.startsWith('ERR_TLS_') ||
    code.startsWith('ERR_SSL_') ||
    /CERT|SELF_SIGNED|UNABLE_TO_|ISSUER|CHAIN|SIGNATURE|X509|PATH_LENGTH/.test(code)
  );
}

interface CertSummary {
  certSubject: string;
  certIssuer: string;
  certFingerprint256: string;
  defaultCertificate: boolean;
}

function summarize(
  peer: PeerCertificate | undefined,
  defaultCns: readonly string[] = [],
): CertSummary | undefined {
  if (!peer?.raw) return undefined;
  const x509 = new X509Certificate(peer.raw);
  const oneLine = (dn: string) => dn.split('\n').filter(Boolean).join(', ');
  return {
    certSubject: oneLine(x509.subject),
    certIssuer: oneLine(x509.issuer),
    certFingerprint256: x509.fingerprint256,
    defaultCertificate: defaultCns.some((cn) => x509.subject.split('\n').includes(`CN=${cn}`)),
  };
}

/** SNI must be a name, never an IP (RFC 6066); Node warns otherwise. */
function sni(hostname: string): string | undefined {
  return isIP(hostname) ? undefined : hostname;
}

/**
 * A handshake that trusts anything, only to read the certificate the server presents
 * after verification failed. Nothing is sent over it.
 */
function presentedCertificate(o: ProbeOptions, port: number, timeoutMs: number) {
  return new Promise<CertSummary | undefined>((resolve) => {
    const servername = sni(o.hostname);
    const socket = connect({
      host: o.ip,
      port,
      ...(servername ? { servername } : {}),
      rejectUnauthorized: false,
    });
    // Stopped: close at once; probe() throws the reason after this.
    const onAbort = () => finish(undefined);
    const finish = (value: CertSummary | undefined) => {
      o.signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(value);
    };
    socket.setTimeout(timeoutMs, () => finish(undefined));
    socket.once('secureConnect', () =>
      finish(summarize(socket.getPeerCertificate(), o.defaultCertificateCns)),
    );
    socket.once('error', () => finish(undefined));
    o.signal?.addEventListener('abort', onAbort, { once: true });
  });
}

interface Outcome {
  cert?: CertSummary;
  status?: number;
  body?: string;
  failure?: NodeJS.ErrnoException;
}

/** GET with SNI, Host header and the CA bundle, certificate verified. */
function verifiedGet(o: ProbeOptions, port: number, timeoutMs: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const servername = sni(o.hostname);
    const options: RequestOptions = {
      host: o.ip,
      port,
      path: o.path ?? '/',
      method: 'GET',
      headers: { Host: o.hostname, 'User-Agent': 'rancher-pks-tui' },
      ...(servername ? { servername } : {}),
      ca: o.caPem,
      rejectUnauthorized: true,
      agent: false,
      timeout: timeoutMs,
    };
    let cert: CertSummary | undefined;
    let settled = false;
    // Stopped: close at once; probe() throws the reason after this.
    const onAbort = () => done({});
    const done = (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      o.signal?.removeEventListener('abort', onAbort);
      clearTimeout(overall);
      req.destroy();
      resolve({ ...(cert ? { cert } : {}), ...outcome });
    };
    const req = request(options, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        // Enough to recognise `pong` or an nginx error page: stop reading.
        if (size >= BODY_LIMIT) finishBody();
      });
      const finishBody = () => {
        const body = Buffer.concat(chunks).subarray(0, BODY_LIMIT).toString('utf8');
        done({ status: res.statusCode ?? 0, body });
      };
      res.on('end', finishBody);
      res.on('error', finishBody);
    });
    req.on('socket', (socket) => {
      (socket as TLSSocket).once('secureConnect', () => {
        cert = summarize((socket as TLSSocket).getPeerCertificate(), o.defaultCertificateCns);
      });
    });
    req.on('timeout', () =>
      done({
        failure: Object.assign(new Error(`no answer within ${timeoutMs} ms`), {
          code: 'ETIMEDOUT',
        }),
      }),
    );
    req.on('error', (e: NodeJS.ErrnoException) => done({ failure: e }));
    o.signal?.addEventListener('abort', onAbort, { once: true });
    const overall = setTimeout(
      () =>
        done({
          failure: Object.assign(new Error(`no answer within ${timeoutMs} ms`), {
            code: 'ETIMEDOUT',
          }),
        }),
      timeoutMs,
    );
    req.end();
  });
}

function describeFailure(e: NodeJS.ErrnoException): string {
  return e.code && !e.message.includes(e.code) ? `${e.message} (${e.code})` : e.message;
}

/**
 * Probes `https://hostname/path` at `ip:port`: is the certificate trusted by the CA
 * bundle and valid for the hostname, what does it say, and what does the server answer.
 * Every failure is a field of the result; only a stop (`signal`) throws, its reason.
 */
export async function probe(options: ProbeOptions): Promise<ProbeResult> {
  const port = options.port ?? 443;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const signal = options.signal;
  signal?.throwIfAborted();
  const outcome = await verifiedGet(options, port, timeoutMs);
  signal?.throwIfAborted();
  const failure = outcome.failure;
  if (failure && isTlsVerifyError(failure)) {
    const cert = await presentedCertificate(options, port, timeoutMs);
    signal?.throwIfAborted();
    return {
      tlsOk: false,
      tlsError: failure.message,
      ...(failure.code ? { tlsErrorCode: failure.code } : {}),
      ...(cert ?? { defaultCertificate: false }),
    };
  }
  const cert = outcome.cert ?? { defaultCertificate: false };
  if (failure) {
    // The handshake may have succeeded before the failure (e.g. reset mid-request).
    return { tlsOk: outcome.cert !== undefined, ...cert, error: describeFailure(failure) };
  }
  return {
    tlsOk: true,
    ...cert,
    ...(outcome.status !== undefined ? { status: outcome.status } : {}),
    ...(outcome.body !== undefined ? { body: outcome.body } : {}),
  };
}

export interface ServedCertificateOptions {
  /** Where to connect: the ingress virtual-server IP. */
  ip: string;
  port?: number;
  /** The name for SNI (what browsers and Rancher's agents send). */
  hostname: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface ServedCertificate {
  /** The port asked (the ingress HTTPS port), for messages. */
  port: number;
  /** The certificates the handshake presented, leaf first, as PEM; absent when none came. */
  chainPem?: string;
  /** Why no handshake happened: refused, timed out, reset… (a result, not thrown). */
  error?: string;
}

/** The certificates of a peer, leaf first, each once (a root names itself as its issuer). */
function peerChain(socket: TLSSocket): string {
  const pems: string[] = [];
  const seen = new Set<string>();
  let cert: DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
  while (cert?.raw && !seen.has(cert.fingerprint256)) {
    seen.add(cert.fingerprint256);
    pems.push(new X509Certificate(cert.raw).toString());
    cert = cert.issuerCertificate;
  }
  return pems.join('');
}

/**
 * The certificate chain a server presents for `hostname` (SNI) at `ip:port`, trusting
 * nothing: the caller judges it (chain, names, dates) with the same rules as the files.
 * Nothing is sent over the connection. Only a stop (`signal`) throws, its reason.
 */
export async function servedCertificate(o: ServedCertificateOptions): Promise<ServedCertificate> {
  o.signal?.throwIfAborted();
  const timeoutMs = o.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const port = o.port ?? 443;
  const result = await new Promise<Omit<ServedCertificate, 'port'>>((resolve) => {
    const servername = sni(o.hostname);
    const socket = connect({
      host: o.ip,
      port,
      ...(servername ? { servername } : {}),
      rejectUnauthorized: false,
    });
    const onAbort = () => finish({});
    const finish = (value: Omit<ServedCertificate, 'port'>) => {
      o.signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(value);
    };
    socket.setTimeout(timeoutMs, () =>
      finish({ error: `no answer within ${timeoutMs} ms (ETIMEDOUT)` }),
    );
    socket.once('secureConnect', () => {
      const chainPem = peerChain(socket);
      finish(chainPem ? { chainPem } : { error: 'the server presented no certificate' });
    });
    socket.once('error', (e: NodeJS.ErrnoException) => finish({ error: describeFailure(e) }));
    o.signal?.addEventListener('abort', onAbort, { once: true });
  });
  o.signal?.throwIfAborted();
  return { port, ...result };
}
