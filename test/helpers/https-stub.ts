import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createCa, issueCert, type Issued } from '../../source/lab/pki.js';

/** A request the stub saw. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface StubAnswer {
  status: number;
  headers?: Record<string, string>;
  /** JSON-encoded unless a string. */
  body?: unknown;
}

export type StubHandler = (request: SeenRequest) => StubAnswer | 'hang-up';

export interface HttpsStub {
  /** `https://<hostname>:<port>`; connect to 127.0.0.1. */
  url: string;
  hostname: string;
  ca: Issued;
  seen: SeenRequest[];
  /** Replaces the handler (tests script each exchange). */
  handle(handler: StubHandler): void;
  close(): Promise<void>;
}

/**
 * An HTTPS server on 127.0.0.1 with a certificate for `hostname` signed by a CA made now
 * (never committed), answering what the test's handler says and recording every request.
 */
export async function startHttpsStub(hostname = 'rancher.stub.test'): Promise<HttpsStub> {
  const ca = await createCa({ commonName: 'stub test CA' });
  const leaf = await issueCert(ca, { commonName: hostname, dnsNames: [hostname] });
  const seen: SeenRequest[] = [];
  let handler: StubHandler = () => ({ status: 404, body: { type: 'error', code: 'NotFound' } });
  const server: Server = createServer({ key: leaf.keyPem, cert: leaf.certPem }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: SeenRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      seen.push(request);
      const answer = handler(request);
      if (answer === 'hang-up') {
        req.socket.destroy();
        return;
      }
      const body =
        answer.body === undefined
          ? ''
          : typeof answer.body === 'string'
            ? answer.body
            : JSON.stringify(answer.body);
      res.writeHead(answer.status, { 'Content-Type': 'application/json', ...answer.headers });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://${hostname}:${port}`,
    hostname,
    ca,
    seen,
    handle: (next) => {
      handler = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
