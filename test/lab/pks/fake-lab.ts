import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Audit } from '../../../source/lab/audit.js';
import { Clock } from '../../../source/lab/clock.js';
import type {
  CliContext,
  CliResult,
  ClusterRuntime,
  ClusterSpec,
  LabContext,
} from '../../../source/lab/context.js';
import { DnsRecords } from '../../../source/lab/dns-records.js';
import { Faults } from '../../../source/lab/faults.js';
import type { PodLogs } from '../../../source/lab/kube/pod-logs.js';
import type { Store } from '../../../source/lab/kube/store.js';
import { runPks } from '../../../source/lab/pks/run-pks.js';
import { PksState, type PksStateOptions } from '../../../source/lab/pks/state.js';

export const FAKE_CA_PEM = '-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n';

/** A runtime with no API server behind it: enough for the PKS side. */
export interface FakeRuntime extends ClusterRuntime {
  stopped: boolean;
}

function fakeRuntime(spec: ClusterSpec, index: number): FakeRuntime {
  const masterIps = Array.from({ length: spec.masters }, (_, i) => `127.20.${index}.${i + 10}`);
  const runtime: FakeRuntime = {
    spec,
    masterIps,
    apiPort: 6443 + index,
    apiUrl: `https://${masterIps[0]}:${6443 + index}`,
    caPem: FAKE_CA_PEM,
    token: `token-${spec.name}`,
    kubeVersion: 'v1.31.4',
    store: {} as unknown as Store,
    logs: {} as unknown as PodLogs,
    stopped: false,
    authenticate: async (bearer) => bearer === `token-${spec.name}`,
    stop: async () => {
      runtime.stopped = true;
    },
  };
  return runtime;
}

export interface FakeLab {
  lab: LabContext;
  state: PksState;
  dir: string;
  runtimes: Map<string, FakeRuntime>;
  startedSpecs: ClusterSpec[];
  /** Runs `pks ARGS` (or `tkgi`) in the lab's directory with `KUBECONFIG` in it. */
  run(argv: string[], extra?: Partial<CliContext> & { tool?: 'pks' | 'tkgi' }): Promise<CliResult>;
  ctx: CliContext;
}

/** A LabContext at timescale 0 whose clusters are fakes. */
export function fakeLab(options: PksStateOptions = {}): FakeLab {
  const dir = mkdtempSync(join(tmpdir(), 'pks-lab-'));
  const runtimes = new Map<string, FakeRuntime>();
  const startedSpecs: ClusterSpec[] = [];
  const lab: LabContext = {
    dir,
    clock: new Clock(0),
    faults: new Faults({}),
    audit: new Audit(join(dir, 'audit.jsonl')),
    options: {
      helmMajor: 3,
      kubeVersion: 'v1.31.4',
      manualDns: false,
      operatorHostnames: [],
      domain: 'lab.test',
    },
    dns: new DnsRecords(),
    allocateVip: () => '127.30.0.1',
    startCluster: async (spec) => {
      startedSpecs.push(spec);
      const runtime = fakeRuntime(spec, runtimes.size + 1);
      runtimes.set(spec.name, runtime);
      return runtime;
    },
    cluster: (name) => runtimes.get(name),
    clusterByServer: (url) => [...runtimes.values()].find((r) => r.apiUrl === url),
    rancherFor: () => undefined,
    ingressHttpsPort: 8443,
    log: () => {},
  };
  const state = new PksState(options);
  const ctx: CliContext = {
    cwd: dir,
    env: { HOME: dir, KUBECONFIG: join(dir, 'kubeconfig') },
  };
  const run: FakeLab['run'] = (argv, extra = {}) => {
    const { tool = 'pks', ...rest } = extra;
    return runPks(lab, state, tool, argv, { ...ctx, ...rest });
  };
  return { lab, state, dir, runtimes, startedSpecs, run, ctx };
}
