import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { Clock } from '../../../source/lab/clock.js';
import type {
  CliContext,
  CliResult,
  ClusterRuntime,
  LabContext,
} from '../../../source/lab/context.js';
import { Faults } from '../../../source/lab/faults.js';
import type { KubeObject } from '../../../source/lab/kube/object.js';
import { Store } from '../../../source/lab/kube/store.js';
import { runHelm } from '../../../source/lab/helm/run-helm.js';

export const apiUrl = 'https://127.0.0.1:18443';

export interface FakeLab {
  lab: LabContext;
  store: Store;
  faults: Faults;
  dir: string;
  ctx: CliContext;
  helm(...argv: string[]): Promise<CliResult>;
  /** Plays the controllers: marks a Deployment or DaemonSet fully ready. */
  markReady(kind: 'deployments' | 'daemonsets', namespace: string, name: string): void;
  /** Plays NCP: gives a LoadBalancer Service an address. */
  giveLoadBalancerIp(namespace: string, name: string, ip?: string): void;
}

function namespace(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
}

/** A lab with one cluster (a real Store, no controllers) and a kubeconfig pointing at it. */
export function fakeLab(options: { helmMajor?: 2 | 3 | 4; kubeVersion?: string } = {}): FakeLab {
  const dir = mkdtempSync(join(tmpdir(), 'helm-lab-'));
  const store = new Store();
  store.create('namespaces', namespace('default'));
  store.create('namespaces', namespace('kube-system'));
  const kubeVersion = options.kubeVersion ?? 'v1.31.4';
  const cluster = {
    spec: {
      name: 'rancher',
      uuid: 'u-1',
      externalHostname: 'k8s.lab.test',
      masters: 1,
      workers: 3,
    },
    masterIps: ['127.0.0.1'],
    apiPort: 18443,
    apiUrl,
    caPem: '',
    token: 't',
    kubeVersion,
    store,
    logs: {} as ClusterRuntime['logs'],
    authenticate: async (bearer: string) => bearer === 't',
    stop: async () => {},
  } as ClusterRuntime;
  const faults = new Faults({});
  const lab = {
    dir,
    clock: new Clock(0),
    faults,
    audit: { record: () => {} },
    options: {
      helmMajor: options.helmMajor ?? 3,
      kubeVersion,
      manualDns: false,
      operatorHostnames: [],
      domain: 'lab.test',
    },
    dns: {},
    allocateVip: () => undefined,
    startCluster: async () => cluster,
    cluster: (name: string) => (name === 'rancher' ? cluster : undefined),
    clusterByServer: (url: string) => (url === apiUrl ? cluster : undefined),
    ingressHttpsPort: 443,
    log: () => {},
  } as unknown as LabContext;
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      'current-context': 'rancher',
      clusters: [{ name: 'rancher', cluster: { server: apiUrl } }],
      contexts: [{ name: 'rancher', context: { cluster: 'rancher', user: 'admin' } }],
      users: [{ name: 'admin', user: { token: 't' } }],
    }),
  );
  const ctx: CliContext = { cwd: dir, env: { KUBECONFIG: kubeconfig, HOME: dir } };
  const markReady = (kind: 'deployments' | 'daemonsets', ns: string, name: string) => {
    const o = store.mustGet(`apps/${kind}`, ns, name);
    const n = kind === 'deployments' ? (o.spec.replicas as number) : 3;
    const status =
      kind === 'deployments'
        ? {
            observedGeneration: o.metadata.generation,
            replicas: n,
            readyReplicas: n,
            updatedReplicas: n,
            availableReplicas: n,
          }
        : {
            observedGeneration: o.metadata.generation,
            desiredNumberScheduled: n,
            currentNumberScheduled: n,
            updatedNumberScheduled: n,
            numberReady: n,
            numberAvailable: n,
          };
    store.update(`apps/${kind}`, { ...o, status }, { subresource: 'status' });
  };
  const giveLoadBalancerIp = (ns: string, name: string, ip = '10.50.0.79') => {
    const o = store.mustGet('services', ns, name);
    store.update(
      'services',
      { ...o, status: { loadBalancer: { ingress: [{ ip }] } } },
      { subresource: 'status' },
    );
  };
  return {
    lab,
    store,
    faults,
    dir,
    ctx,
    helm: (...argv) => runHelm(lab, argv, ctx),
    markReady,
    giveLoadBalancerIp,
  };
}

/** Waits until `check` passes after store writes, so tests can act while helm waits. */
export function whenStore(store: Store, check: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (check()) return resolve();
    const stop = store.subscribe(() => {
      if (check()) {
        stop();
        resolve();
      }
    });
  });
}
