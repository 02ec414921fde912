import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Audit } from './audit.js';
import { Clock } from './clock.js';
import { startClusterRuntime } from './cluster-runtime.js';
import type { ClusterRuntime, ClusterSpec, LabContext, LabOptions } from './context.js';
import { startControlServer, type ControlServer } from './control-server.js';
import { DnsRecords } from './dns-records.js';
import { EdgeFleet } from './edge/edge-fleet.js';
import type { EdgeOptions } from './edge/edge-plan.js';
import { startDnsServer } from './dns/server.js';
import { Faults, type FaultSettings } from './faults.js';
import { claimAddressRange, octetsFromEnv } from './address-range.js';
import { freePort, IpPlan } from './ip-plan.js';
import { PksState } from './pks/state.js';
import type { RancherAgentPort } from './rancher/agent-port.js';
import { managementFor } from './rancher/management.js';
import { servesRancherFor } from './rancher/serving.js';
import { runFakeCli } from './fake-cli.js';
import { writeEnvFile, writeLabInfo, writeShims } from './lab-files.js';
import { createCa, issueCert } from './pki.js';
import { startPksApiServer } from './uaa/pks-api-server.js';
import { Uaa } from './uaa/uaa.js';

function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}

/** The password of every lab PKS user when get-credentials needs one (OIDC). Lab only. */
export const labUserPassword = 'lab-password';

/** `lab up --oidc`: the tile's "UAA as the OIDC provider"; lifetimes in simulated seconds. */
export interface OidcLabOptions {
  /** The cluster ID token's lifetime (default 600, the tile's default). */
  idTokenSeconds?: number;
  /** The refresh token's lifetime (default 21600: 6 h). */
  refreshTokenSeconds?: number;
}

export interface LabStartOptions extends Partial<LabOptions> {
  dir: string;
  timescale?: number;
  faults?: FaultSettings;
  /** The fake pks starts logged out (to try the installer's login check). */
  loggedOut?: boolean;
  /** UAA as the OIDC provider: get-credentials needs the password, ID tokens expire. */
  oidc?: boolean | OidcLabOptions;
  log?: (message: string) => void;
  /** `--edge-clusters N`: light downstream clusters for the import (lab/edge/). */
  edge?: EdgeOptions;
}

/** The PKS API's CA certificate, for `pks.caCert` or NODE_EXTRA_CA_CERTS. */
export function pksApiCaPath(dir: string): string {
  return join(dir, 'pks-api-ca.pem');
}

export const labDefaults: LabOptions = {
  helmMajor: 3,
  kubeVersion: 'v1.31.4',
  manualDns: false,
  operatorHostnames: ['rancher.lab.test'],
  domain: 'lab.test',
};

/** One running lab: every simulated system, on loopback, until `stop()`. */
export class Lab implements LabContext {
  readonly clock: Clock;
  readonly faults: Faults;
  readonly audit: Audit;
  readonly options: LabOptions;
  readonly dns = new DnsRecords();
  readonly pks: PksState;
  private readonly clusters = new Map<string, ClusterRuntime>();
  /** Set in boot(), once a free 127.N.0.0/16 is claimed. */
  private ips = new IpPlan(0);
  private readonly closers: (() => Promise<void> | void)[] = [];
  private faultPoll?: NodeJS.Timeout;
  private readonly oidc: OidcLabOptions | undefined;
  private readonly edgeOptions: EdgeOptions | undefined;
  /** With --edge-clusters: the edge clusters and DIR/edge-inventory.yaml. */
  edges?: EdgeFleet;
  ingressHttpsPort = 443;
  /** `127.N.0.0/16`: the loopback range this lab claimed. */
  addressRange = '';
  dnsServer = '';
  controlUrl = '';
  uaa?: Uaa;
  pksApiCaPem?: string;
  pksApiUrl?: string;

  private constructor(
    readonly dir: string,
    options: LabStartOptions,
    private readonly logger: (message: string) => void,
  ) {
    this.clock = new Clock(options.timescale ?? 1);
    this.faults = new Faults(options.faults ?? {}, join(dir, 'faults.json'));
    // Tests wait for this line before relying on a fault they wrote to faults.json.
    this.faults.onChange(() => this.log(`faults now: ${JSON.stringify(this.faults.current)}`));
    this.audit = new Audit(join(dir, 'audit.jsonl'));
    this.options = {
      helmMajor: options.helmMajor ?? labDefaults.helmMajor,
      kubeVersion: options.kubeVersion ?? labDefaults.kubeVersion,
      manualDns: options.manualDns ?? labDefaults.manualDns,
      dnsFromIngress: options.dnsFromIngress ?? false,
      operatorHostnames: options.operatorHostnames ?? labDefaults.operatorHostnames,
      domain: options.domain ?? labDefaults.domain,
    };
    this.pks = new PksState({ loggedIn: !options.loggedOut, domain: this.options.domain });
    this.oidc = options.oidc === true ? {} : options.oidc || undefined;
    this.edgeOptions = options.edge?.count ? options.edge : undefined;
  }

  static async start(options: LabStartOptions): Promise<Lab> {
    mkdirSync(options.dir, { recursive: true, mode: 0o700 });
    const lab = new Lab(options.dir, options, options.log ?? (() => {}));
    try {
      await lab.boot();
    } catch (e) {
      await lab.stop();
      throw e;
    }
    return lab;
  }

  private async boot(): Promise<void> {
    // Binding 443 needs root (or CAP_NET_BIND_SERVICE); elsewhere the front uses a high port.
    this.ingressHttpsPort = process.getuid?.() === 0 ? 443 : await freePort();
    const octets = octetsFromEnv(process.env);
    const range = await claimAddressRange({
      ingressHttpsPort: this.ingressHttpsPort,
      ...(octets ? { octets } : {}),
    });
    this.closers.push(() => range.release());
    this.ips = new IpPlan(range.octet);
    this.addressRange = range.cidr;
    this.log(`addresses: ${range.cidr}`);
    const dns = await startDnsServer(this);
    this.closers.push(() => dns.close());
    this.dnsServer = `${dns.address}:${dns.port}`;
    if (this.oidc) await this.startPksApi(this.oidc);
    const control: ControlServer = await startControlServer(this, {
      runCli: (call) => runFakeCli(this, call),
      addDnsRecord: (name, ip) => this.dns.set(name, [ip]),
      removeDnsRecord: (name) => this.dns.delete(name),
    });
    this.closers.push(() => control.close());
    this.controlUrl = control.url;
    if (this.edgeOptions) {
      const started = Date.now();
      const cpu = process.cpuUsage();
      const edges = await EdgeFleet.start(this, this.edgeOptions, (i) => this.ips.edgeIp(i));
      this.edges = edges;
      this.closers.push(() => edges.stop());
      this.log(
        `${edges.clusters.size} edge clusters up in ${Date.now() - started} ms (${Math.round(cpuMs(process.cpuUsage(cpu)))} ms CPU); inventory ${edges.inventoryPath}`,
      );
    }
    writeShims(this.dir, control, { oidc: this.uaa !== undefined });
    writeEnvFile({
      dir: this.dir,
      dnsServer: this.dnsServer,
      ingressHttpsPort: this.ingressHttpsPort,
    });
    writeLabInfo(this.dir, {
      pid: process.pid,
      controlUrl: control.url,
      controlToken: control.token,
      dnsServer: this.dnsServer,
      ingressHttpsPort: this.ingressHttpsPort,
      addressRange: this.addressRange,
      timescale: this.clock.timescale,
      ...(this.pksApiUrl ? { pksApiUrl: this.pksApiUrl, pksApiCa: pksApiCaPath(this.dir) } : {}),
      ...(this.edges ? { edgeInventory: this.edges.inventoryPath } : {}),
    });
    this.faultPoll = setInterval(() => this.faults.refresh((m) => this.log(m)), 250);
    this.faultPoll.unref();
    this.faults.refresh((m) => this.log(m));
  }

  /** The PKS API host with its own CA (DIR/pks-api-ca.pem), serving UAA's OIDC endpoints. */
  private async startPksApi(oidc: OidcLabOptions): Promise<void> {
    const host = this.ips.pksApiIp();
    const ca = await createCa({ commonName: 'pks-api-ca' });
    const serving = await issueCert(ca, {
      commonName: this.pks.defaultApiEndpoint,
      dnsNames: [this.pks.defaultApiEndpoint],
      ips: [host],
    });
    const server = await startPksApiServer({
      host,
      certPem: serving.certPem,
      keyPem: serving.keyPem,
      log: (m) => this.log(m),
      audit: this.audit,
      uaa: (baseUrl) =>
        Uaa.create({
          issuer: `${baseUrl}/oauth/token`,
          clock: this.clock,
          password: labUserPassword,
          ...oidc,
        }),
    });
    this.closers.push(() => server.close());
    this.uaa = server.uaa;
    this.pksApiUrl = server.url;
    this.pksApiCaPem = ca.certPem;
    writeFileSync(pksApiCaPath(this.dir), ca.certPem, { mode: 0o600 });
    let expired = false;
    this.faults.onChange(() => {
      const now = this.faults.current.oidcTokensExpired === true;
      if (now && !expired) server.uaa.expireAll();
      expired = now;
    });
    this.log(`PKS API (UAA as the OIDC provider) at ${server.url}`);
  }

  log(message: string): void {
    this.logger(message);
  }

  allocateVip(): string | undefined {
    return this.ips.vip();
  }

  async startCluster(spec: ClusterSpec): Promise<ClusterRuntime> {
    const started = await startClusterRuntime(this, spec, this.ips.masterIps(spec.masters));
    // A deleted cluster leaves the lab's list when its runtime stops.
    const runtime = {
      ...started,
      stop: async () => {
        if (this.clusters.get(spec.name) === runtime) this.clusters.delete(spec.name);
        await started.stop();
      },
    };
    this.clusters.set(spec.name, runtime);
    this.log(`cluster ${spec.name} API at ${runtime.apiUrl}`);
    return runtime;
  }

  cluster(name: string): ClusterRuntime | undefined {
    return this.clusters.get(name);
  }

  clusterByServer(url: string): ClusterRuntime | undefined {
    const wanted = url.replace(/\/+$/, '');
    return [...this.clusters.values()].find((c) => c.apiUrl === wanted);
  }

  /** The cluster whose started Rancher has an Ingress for `hostname`: its agent port. */
  rancherFor(hostname: string): RancherAgentPort | undefined {
    for (const cluster of this.clusters.values()) {
      if (servesRancherFor(cluster.store, hostname))
        return managementFor(this, cluster.store).agentPort();
    }
    return undefined;
  }

  async stop(): Promise<void> {
    clearInterval(this.faultPoll);
    this.clock.stop();
    for (const c of [...this.clusters.values()]) await c.stop();
    this.clusters.clear();
    for (const close of this.closers.reverse()) await close();
  }
}
