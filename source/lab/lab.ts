import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Audit } from './audit.js';
import { Clock } from './clock.js';
import { startClusterRuntime } from './cluster-runtime.js';
import type { ClusterRuntime, ClusterSpec, LabContext, LabOptions } from './context.js';
import { startControlServer, type ControlServer } from './control-server.js';
import { DnsRecords } from './dns-records.js';
import { startDnsServer } from './dns/server.js';
import { Faults, type FaultSettings } from './faults.js';
import { freePort, IpPlan } from './ip-plan.js';
import { PksState } from './pks/state.js';
import { runFakeCli } from './fake-cli.js';
import { writeEnvFile, writeLabInfo, writeShims } from './lab-files.js';

export interface LabStartOptions extends Partial<LabOptions> {
  dir: string;
  timescale?: number;
  faults?: FaultSettings;
  /** The fake pks starts logged out (to try the installer's login check). */
  loggedOut?: boolean;
  log?: (message: string) => void;
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
  private readonly ips = IpPlan.random();
  private readonly closers: (() => Promise<void> | void)[] = [];
  private faultPoll?: NodeJS.Timeout;
  ingressHttpsPort = 443;
  dnsServer = '';
  controlUrl = '';

  private constructor(
    readonly dir: string,
    options: LabStartOptions,
    private readonly logger: (message: string) => void,
  ) {
    this.clock = new Clock(options.timescale ?? 1);
    this.faults = new Faults(options.faults ?? {}, join(dir, 'faults.json'));
    this.audit = new Audit(join(dir, 'audit.jsonl'));
    this.options = {
      helmMajor: options.helmMajor ?? labDefaults.helmMajor,
      kubeVersion: options.kubeVersion ?? labDefaults.kubeVersion,
      manualDns: options.manualDns ?? labDefaults.manualDns,
      operatorHostnames: options.operatorHostnames ?? labDefaults.operatorHostnames,
      domain: options.domain ?? labDefaults.domain,
    };
    this.pks = new PksState({ loggedIn: !options.loggedOut, domain: this.options.domain });
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
    const dns = await startDnsServer(this);
    this.closers.push(() => dns.close());
    this.dnsServer = `${dns.address}:${dns.port}`;
    const control: ControlServer = await startControlServer(this, {
      runCli: (call) => runFakeCli(this, call),
      addDnsRecord: (name, ip) => this.dns.set(name, [ip]),
    });
    this.closers.push(() => control.close());
    this.controlUrl = control.url;
    writeShims(this.dir, control);
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
      timescale: this.clock.timescale,
    });
    this.faultPoll = setInterval(() => this.faults.refresh((m) => this.log(m)), 250);
    this.faultPoll.unref();
    this.faults.refresh((m) => this.log(m));
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

  async stop(): Promise<void> {
    clearInterval(this.faultPoll);
    this.clock.stop();
    for (const c of [...this.clusters.values()]) await c.stop();
    this.clusters.clear();
    for (const close of this.closers.reverse()) await close();
  }
}
