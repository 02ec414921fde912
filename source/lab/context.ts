import type { Audit } from './audit.js';
import type { Clock } from './clock.js';
import type { ContainerProgram } from './controllers/container-program.js';
import type { DnsRecords } from './dns-records.js';
import type { Faults } from './faults.js';
import type { PodLogs } from './kube/pod-logs.js';
import type { Store } from './kube/store.js';
import type { RancherAgentPort } from './rancher/agent-port.js';
import type { Uaa } from './uaa/uaa.js';
import type { Env } from '../shared/env.js';

/** How a fake CLI was called: the lab runs it on behalf of the thin client in DIR/bin. */
export interface CliContext {
  cwd: string;
  env: Env;
  stdin?: string;
}

export interface CliResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface LabOptions {
  /** The major version the fake `helm` behaves as. */
  helmMajor: 2 | 3 | 4;
  /** The Kubernetes version new clusters run, e.g. `v1.31.4`. */
  kubeVersion: string;
  /** When set, no simulated operator adds the Rancher A record. */
  manualDns: boolean;
  /**
   * A simulated external-dns (source `ingress`, policy `sync`) keeps A records for the hosts
   * of Ingresses with a load-balancer address; the simulated operator is off.
   */
  dnsFromIngress?: boolean;
  /** Names the simulated operator points at the ingress virtual-server IP. */
  operatorHostnames: string[];
  /** Public suffix of the lab's zone, e.g. `lab.test`. */
  domain: string;
}

export interface ClusterSpec {
  name: string;
  uuid: string;
  externalHostname: string;
  masters: number;
  workers: number;
}

/** A provisioned Kubernetes cluster: its API server, store and controllers. */
export interface ClusterRuntime {
  readonly spec: ClusterSpec;
  /** Loopback IPs standing for the masters; the API server listens on the first. */
  readonly masterIps: string[];
  readonly apiPort: number;
  /** `https://IP:PORT` as written to kubeconfigs. */
  readonly apiUrl: string;
  readonly caPem: string;
  readonly token: string;
  readonly kubeVersion: string;
  readonly store: Store;
  readonly logs: PodLogs;
  /** Whether the API server accepts this bearer token (the static one, or a valid OIDC ID token). */
  authenticate(token: string): Promise<boolean>;
  /** Forgets the cluster: API server closed, controllers stopped. */
  stop(): Promise<void>;
}

/** What every lab part may use: one per `lab up`. */
export interface LabContext {
  readonly dir: string;
  readonly clock: Clock;
  readonly faults: Faults;
  readonly audit: Audit;
  readonly options: LabOptions;
  readonly dns: DnsRecords;
  /** The PKS API's UAA when the lab runs with OIDC (`lab up --oidc`). */
  readonly uaa?: Uaa;
  /** The PKS API's CA certificate (PEM), with OIDC. */
  readonly pksApiCaPem?: string;
  /** The next NSX-T virtual-server IP (loopback); undefined when the pool is exhausted. */
  allocateVip(): string | undefined;
  /** Brings up a cluster's API server, nodes and controllers. */
  startCluster(spec: ClusterSpec): Promise<ClusterRuntime>;
  cluster(name: string): ClusterRuntime | undefined;
  /** The cluster a kubeconfig's server URL points at. */
  clusterByServer(url: string): ClusterRuntime | undefined;
  /** The running Rancher serving `hostname` (its management side), for agents to connect to. */
  rancherFor(hostname: string): RancherAgentPort | undefined;
  /** The port the HTTPS front listens on for every virtual server (443 when it can bind it). */
  readonly ingressHttpsPort: number;
  log(message: string): void;
}

/** What the simulated controllers of one cluster get. */
export interface ControllerContext {
  lab: LabContext;
  spec: ClusterSpec;
  store: Store;
  logs: PodLogs;
  kubeVersion: string;
  /** What runs inside the containers the lab simulates beyond "starts and stays up". */
  programs?: readonly ContainerProgram[];
}
