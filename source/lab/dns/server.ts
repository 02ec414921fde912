import dgram from 'node:dgram';
import net from 'node:net';
import type { LabContext } from '../context.js';
import { assertLoopback } from './loopback.js';
import { respond } from './responder.js';
import { TcpFramer, frame } from './tcp-framing.js';

export interface DnsServer {
  address: string;
  port: number;
  close(): Promise<void>;
}

/** How long an idle TCP client may keep its connection (BIND uses a similar few seconds). */
const tcpIdleMs = 10_000;
const portAttempts = 20;

function bindUdp(host: string, port: number): Promise<dgram.Socket> {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket('udp4');
    socket.once('error', reject);
    socket.bind(port, host, () => {
      socket.off('error', reject);
      resolve(socket);
    });
  });
}

function listenTcp(server: net.Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeUdp(socket: dgram.Socket): Promise<void> {
  return new Promise((resolve) => socket.close(() => resolve()));
}

function isAddressInUse(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
}

/**
 * UDP and TCP on the same port. With port 0 UDP picks a free one first; TCP may find
 * it taken by someone else, so then both are let go and we try another.
 */
async function bindBoth(
  host: string,
  port: number,
  tcp: net.Server,
): Promise<{ udp: dgram.Socket; port: number }> {
  for (let attempt = 1; ; attempt++) {
    const udp = await bindUdp(host, port);
    const bound = udp.address().port;
    try {
      await listenTcp(tcp, host, bound);
      return { udp, port: bound };
    } catch (error) {
      await closeUdp(udp);
      if (port !== 0 || !isAddressInUse(error) || attempt >= portAttempts) throw error;
    }
  }
}

function serveUdp(lab: LabContext, udp: dgram.Socket): void {
  udp.on('message', (message, peer) => {
    const answer = respond(lab, message, 'udp');
    if (answer) udp.send(answer, peer.port, peer.address);
  });
  udp.on('error', (error) => lab.log(`dns: udp error: ${error.message}`));
}

function serveTcpConnection(lab: LabContext, socket: net.Socket): void {
  const framer = new TcpFramer();
  socket.setTimeout(tcpIdleMs, () => socket.destroy());
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk) => {
    for (const message of framer.push(chunk)) {
      const answer = respond(lab, message, 'tcp');
      if (answer) socket.write(frame(answer));
    }
  });
}

/** The lab's authoritative DNS server for its zone, on UDP and TCP. */
export async function startDnsServer(
  lab: LabContext,
  host = '127.0.0.1',
  port = 0,
): Promise<DnsServer> {
  assertLoopback(host, 'dns server');
  const connections = new Set<net.Socket>();
  const tcp = net.createServer((socket) => {
    connections.add(socket);
    socket.on('close', () => connections.delete(socket));
    serveTcpConnection(lab, socket);
  });
  const bound = await bindBoth(host, port, tcp);
  serveUdp(lab, bound.udp);
  lab.log(`dns: serving ${lab.options.domain} on ${host}:${bound.port} (udp+tcp)`);
  return {
    address: host,
    port: bound.port,
    async close() {
      for (const socket of connections) socket.destroy();
      await Promise.all([
        closeUdp(bound.udp),
        new Promise<void>((resolve) => tcp.close(() => resolve())),
      ]);
    },
  };
}
