import { connect, type TLSSocket } from 'node:tls';

/** How one downstream site reaches the network: its DNS and what sits between it and Rancher. */
export interface SiteNetwork {
  /** The site's DNS answer for a name (the lab's zone as its server answers it), none when it does not resolve. */
  resolve(host: string): string | undefined;
  /** The port that stands for `port` on that address (the lab's HTTPS front may not bind 443). */
  portFor(port: number): number;
  /**
   * A TLS-intercepting proxy on the way (fault `edgeCaMismatch`): the site is served a
   * certificate from another CA than the one Rancher's is from.
   */
  intercepted: boolean;
}

/** How one HTTPS GET from the site ended. */
export type FetchOutcome =
  | { kind: 'ok'; status: number; body: string; ms: number }
  | { kind: 'refused'; ms: number }
  | { kind: 'timeout'; ms: number }
  | { kind: 'tls'; code: string; message: string }
  | { kind: 'error'; message: string };

export interface FetchRequest {
  host: string;
  ip: string;
  port: number;
  path: string;
  /** PEM bundle to verify with; undefined with `insecure`. */
  ca?: string;
  insecure: boolean;
  timeoutMs: number;
}

/**
 * One real HTTPS GET over loopback from the lab process, standing for the site's: the
 * connection, the TLS handshake with the given CA (Node's verification, as OpenSSL's in
 * curl) and the answer are real.
 */
export function fetchFromSite(req: FetchRequest): Promise<FetchOutcome> {
  const started = Date.now();
  return new Promise((resolve) => {
    let done = false;
    const finish = (o: FetchOutcome) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(o);
    };
    const socket: TLSSocket = connect({
      host: req.ip,
      port: req.port,
      servername: req.host,
      ...(req.ca !== undefined ? { ca: req.ca } : {}),
      rejectUnauthorized: !req.insecure,
    });
    const timer = setTimeout(
      () => finish({ kind: 'timeout', ms: Date.now() - started }),
      req.timeoutMs,
    );
    timer.unref();
    let raw = '';
    socket.on('secureConnect', () => {
      socket.write(
        `GET ${req.path} HTTP/1.1\r\nHost: ${req.host}\r\nUser-Agent: curl\r\nAccept: */*\r\nConnection: close\r\n\r\n`,
      );
    });
    socket.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    socket.on('end', () => {
      const [head = '', ...rest] = raw.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
      let body = rest.join('\r\n\r\n');
      if (/transfer-encoding: *chunked/i.test(head)) body = dechunk(body);
      finish({ kind: 'ok', status, body, ms: Date.now() - started });
    });
    socket.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ECONNREFUSED') return finish({ kind: 'refused', ms: Date.now() - started });
      if (
        e.code &&
        (e.code.startsWith('ERR_TLS') || /CERT|SELF_SIGNED|ISSUER|SIGNATURE/.test(e.code))
      )
        return finish({ kind: 'tls', code: e.code, message: e.message });
      finish({ kind: 'error', message: e.message });
    });
  });
}

function dechunk(body: string): string {
  let out = '';
  let rest = body;
  for (;;) {
    const nl = rest.indexOf('\r\n');
    if (nl < 0) return out;
    const size = parseInt(rest.slice(0, nl), 16);
    if (!size) return out;
    out += rest.slice(nl + 2, nl + 2 + size);
    rest = rest.slice(nl + 2 + size + 2);
  }
}
