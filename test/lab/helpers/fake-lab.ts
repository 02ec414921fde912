import { Audit } from '../../../source/lab/audit.js';
import { Clock } from '../../../source/lab/clock.js';
import type {
  ClusterSpec,
  ControllerContext,
  LabContext,
  LabOptions,
} from '../../../source/lab/context.js';
import { DnsRecords } from '../../../source/lab/dns-records.js';
import { Faults, type FaultSettings } from '../../../source/lab/faults.js';
import { PodLogs } from '../../../source/lab/kube/pod-logs.js';
import { Store } from '../../../source/lab/kube/store.js';
import { waitFor as sharedWaitFor } from '../../helpers/wait-for.js';

export interface FakeLabOptions {
  timescale?: number;
  faults?: FaultSettings;
  /** How many virtual-server IPs the NSX-T pool holds (default 10). */
  vipPool?: number;
  masters?: number;
  workers?: number;
  kubeVersion?: string;
}

/** A lab context with no servers behind it: enough for controllers and stores. */
export interface FakeLab {
  lab: LabContext;
  ctx: ControllerContext;
  store: Store;
  logs: PodLogs;
  clock: Clock;
  faults: Faults;
  /** What `lab.log()` was told. */
  messages: string[];
  /** VIPs handed out so far. */
  vips: string[];
  stop(): void;
}

export function createFakeLab(options: FakeLabOptions = {}): FakeLab {
  const clock = new Clock(options.timescale ?? 0);
  const faults = new Faults(options.faults ?? {});
  const messages: string[] = [];
  const vips: string[] = [];
  const pool = options.vipPool ?? 10;
  const labOptions: LabOptions = {
    helmMajor: 3,
    kubeVersion: options.kubeVersion ?? 'v1.31.4',
    manualDns: false,
    operatorHostnames: [],
    domain: 'lab.test',
  };
  const unsupported = (what: string) => () => {
    throw new Error(`fake lab: ${what} is not available`);
  };
  const lab: LabContext = {
    dir: '/nonexistent/fake-lab',
    clock,
    faults,
    audit: new Audit('/dev/null'),
    options: labOptions,
    dns: new DnsRecords(),
    allocateVip() {
      if (vips.length >= pool) return undefined;
      const vip = `127.0.10.${vips.length + 1}`;
      vips.push(vip);
      return vip;
    },
    startCluster: unsupported('startCluster'),
    cluster: () => undefined,
    clusterByServer: () => undefined,
    rancherFor: () => undefined,
    ingressHttpsPort: 8443,
    log: (message) => messages.push(message),
  };
  const spec: ClusterSpec = {
    name: 'rancher',
    uuid: '3f1b2c4d-5e6f-4a1b-8c2d-9e0f1a2b3c4d',
    externalHostname: 'rancher-k8s.lab.test',
    masters: options.masters ?? 3,
    workers: options.workers ?? 3,
  };
  const store = new Store();
  const logs = new PodLogs();
  const ctx: ControllerContext = { lab, spec, store, logs, kubeVersion: labOptions.kubeVersion };
  return { lab, ctx, store, logs, clock, faults, messages, vips, stop: () => clock.stop() };
}

/** The shared waitFor, in this file's argument order (check, timeoutMs, what). */
export function waitFor<T>(
  check: () => T | undefined | null | false,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<T> {
  return sharedWaitFor(check, what, { timeoutMs, intervalMs: 5 });
}
