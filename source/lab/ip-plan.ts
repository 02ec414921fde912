import { createServer } from 'node:net';

/**
 * The lab's loopback address plan. Each lab runs in one 127.N.0.0/16 (claimed free, see
 * address-range.ts, so several labs can run side by side): masters in 127.N.0.x, NSX-T
 * virtual servers in 127.N.1.x, the PKS API (with --oidc) on 127.N.2.1, edge clusters from
 * 127.N.16.1 (`lab up --edge-clusters`). Linux answers on
 * all of 127.0.0.0/8 without setup.
 */
export class IpPlan {
  /** PKS serves the Kubernetes API (and the PKS API) on 8443. */
  static readonly kubeApiPort = 8443;
  private nextMaster = 10;
  private nextVip = 10;

  constructor(readonly octet: number) {}

  masterIps(count: number): string[] {
    const ips: string[] = [];
    for (let i = 0; i < count; i++) ips.push(`127.${this.octet}.0.${this.nextMaster++}`);
    return ips;
  }

  /** Where the PKS API (and its UAA) listens. */
  pksApiIp(): string {
    return `127.${this.octet}.2.1`;
  }

  /**
   * Edge cluster `index` (0-based): 127.N.16.1 onwards, 250 to a /24, so a lab of a
   * thousand edges stays inside 127.N.16.0–127.N.19.255.
   */
  edgeIp(index: number): string {
    return `127.${this.octet}.${16 + Math.floor(index / 250)}.${1 + (index % 250)}`;
  }

  /** Undefined once the pool (a /24) is used up, as NSX-T answers IP_POOL_EXHAUSTED. */
  vip(): string | undefined {
    if (this.nextVip > 250) return undefined;
    return `127.${this.octet}.1.${this.nextVip++}`;
  }
}

/** Whether `host:port` can be bound now. */
export function canBind(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** A port free on `host` right now. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
