import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type tls from 'node:tls';
import type { LabContext } from '../context.js';
import type { Store } from '../kube/store.js';
import { poolHasHealthyMember } from './pool-health.js';

export interface ServiceKey {
  namespace: string;
  name: string;
}

export type Scheme = 'http' | 'https';

/** The ingress controller behind a virtual server: its certificates and its answers. */
export interface ControllerFront {
  /** `ingress-nginx` or `traefik`, for the log. */
  readonly name: string;
  /** Certificate and key for handshakes without SNI (Node does not ask SNICallback then). */
  readonly fallback: { certPem: string; keyPem: string };
  /** The certificate for a TLS server name. */
  secureContext(serverName: string): tls.SecureContext;
  /** A request on the Service's port 443 (`https`) or 80 (`http`). */
  handle(scheme: Scheme, req: http.IncomingMessage, res: http.ServerResponse): void;
}

/** Plain HTTP is served beside HTTPS only when the front has the real ports. */
const standardHttpsPort = 443;
const httpPort = 80;

/** Accepts TCP on VIP:port and hands each connection to a server that never listens itself. */
class Gate {
  private readonly sockets = new Set<net.Socket>();
  private readonly server: net.Server;

  constructor(admit: () => boolean, target: http.Server) {
    this.server = net.createServer((socket) => {
      if (!admit()) {
        // An NSX-T pool with no healthy member: the connection is reset.
        socket.resetAndDestroy();
        return;
      }
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      target.emit('connection', socket);
    });
  }

  listen(host: string, port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
  }

  close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * NSX-T's virtual server for one ingress-controller Service, with its controller behind:
 * HTTPS on VIP:ingressHttpsPort (and HTTP on VIP:80 when that is 443).
 */
export class VirtualServer {
  private readonly gates: Gate[] = [];

  constructor(
    private readonly lab: LabContext,
    private readonly store: Store,
    readonly vip: string,
    readonly service: ServiceKey,
    private readonly front: ControllerFront,
  ) {}

  /** Which controller answers. */
  get kind(): string {
    return this.front.name;
  }

  async start(): Promise<void> {
    const port = this.lab.ingressHttpsPort;
    const secure = new Gate(() => this.healthy(), this.httpsServer());
    await secure.listen(this.vip, port);
    this.gates.push(secure);
    this.lab.log(`ingress: virtual server ${this.vip}:${port} for ${this.describe()}`);
    if (port === standardHttpsPort) await this.startPlainHttp();
  }

  async close(): Promise<void> {
    await Promise.all(this.gates.splice(0).map((g) => g.close()));
  }

  private async startPlainHttp(): Promise<void> {
    const plain = new Gate(
      () => this.healthy(),
      http.createServer((req, res) => this.front.handle('http', req, res)),
    );
    try {
      await plain.listen(this.vip, httpPort);
      this.gates.push(plain);
    } catch (error) {
      this.lab.log(`ingress: no plain HTTP on ${this.vip}:80: ${(error as Error).message}`);
    }
  }

  private httpsServer(): https.Server {
    return https.createServer(
      {
        cert: this.front.fallback.certPem,
        key: this.front.fallback.keyPem,
        SNICallback: (serverName, done) => {
          try {
            done(null, this.front.secureContext(serverName));
          } catch (error) {
            done(error as Error);
          }
        },
      },
      (req, res) => this.front.handle('https', req, res),
    );
  }

  private healthy(): boolean {
    this.lab.faults.refresh((message) => this.lab.log(message));
    const service = this.store.get('services', this.service.namespace, this.service.name);
    return service !== undefined && poolHasHealthyMember(this.store, service);
  }

  private describe(): string {
    return `service ${this.service.namespace}/${this.service.name} (${this.front.name})`;
  }
}
