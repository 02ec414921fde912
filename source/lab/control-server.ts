import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { CliContext, CliResult, LabContext } from './context.js';
import type { Env } from '../shared/env.js';

/** A call handed over by a shim in DIR/bin. */
export interface CliCall {
  tool: string;
  argv: string[];
  cwd: string;
  env: Env;
  stdin?: string;
}

export interface ControlHandlers {
  runCli(call: CliCall): Promise<CliResult>;
  addDnsRecord(name: string, ip: string): void;
  removeDnsRecord(name: string): void;
}

export interface ControlServer {
  url: string;
  token: string;
  close(): Promise<void>;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

function reply(res: ServerResponse, code: number, body: unknown): void {
  res.writeHead(code, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

/**
 * The lab's own control endpoint on 127.0.0.1: the fake CLIs and `lab dns add` talk
 * to the running lab through it. A random token keeps other local users out.
 */
export async function startControlServer(
  lab: LabContext,
  handlers: ControlHandlers,
): Promise<ControlServer> {
  const token = randomBytes(24).toString('base64url');
  const server = createServer((req, res) => {
    if (req.headers.authorization !== `Bearer ${token}`)
      return reply(res, 401, { error: 'unauthorized' });
    const route = `${req.method} ${req.url}`;
    readJson(req)
      .then(async (body) => {
        if (route === 'POST /cli') return reply(res, 200, await handlers.runCli(body as CliCall));
        if (route === 'POST /dns') {
          const { name, ip } = body as { name: string; ip: string };
          handlers.addDnsRecord(name, ip);
          return reply(res, 200, { ok: true });
        }
        if (route === 'POST /dns/remove') {
          handlers.removeDnsRecord((body as { name: string }).name);
          return reply(res, 200, { ok: true });
        }
        reply(res, 404, { error: `no route ${route}` });
      })
      .catch((e: Error) => {
        lab.log(`control: ${e.stack ?? e.message}`);
        reply(res, 500, { error: e.message });
      });
  });
  server.requestTimeout = 0;
  server.headersTimeout = 0;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type { CliContext };
