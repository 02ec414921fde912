import https from 'node:https';
import net from 'node:net';
import type { PeerCertificate, TLSSocket } from 'node:tls';
import { Audit } from '../../../source/lab/audit.js';
import { Clock } from '../../../source/lab/clock.js';
import type { ClusterRuntime, LabContext, LabOptions } from '../../../source/lab/context.js';
import { DnsRecords } from '../../../source/lab/dns-records.js';
import { Faults } from '../../../source/lab/faults.js';
import type { KubeObject } from '../../../source/lab/kube/object.js';
import { Store } from '../../../source/lab/kube/store.js';
import { createCa, issueCert, type Issued } from '../../../source/lab/pki.js';
import { waitFor as sharedWaitFor } from '../../helpers/wait-for.js';

/** A LabContext with real parts (store, DNS records, faults, clock at timescale 0). */
export interface FixtureLab {
  lab: LabContext;
  cluster: ClusterRuntime;
  store: Store;
  logs: string[];
}

export interface FixtureOptions {
  options?: Partial<LabOptions>;
  ingressHttpsPort?: number;
  /** The API server's clock (creationTimestamp), when a test moves it itself. */
  now?: () => Date;
}

export const domain = 'lab.test';
export const rancherHost = `rancher.${domain}`;
const ingressNamespace = 'ingress-nginx';
export const rancherNamespace = 'cattle-system';

function notInFixture(): never {
  throw new Error('not part of the front fixtures');
}

export function createFixtureLab(fixture: FixtureOptions = {}): FixtureLab {
  const logs: string[] = [];
  const store = new Store(fixture.now ? { now: fixture.now } : {});
  const lab: LabContext = {
    dir: '/nonexistent',
    clock: new Clock(0),
    faults: new Faults({}),
    audit: new Audit('/dev/null'),
    options: {
      helmMajor: 3,
      kubeVersion: 'v1.31.4',
      manualDns: false,
      operatorHostnames: [rancherHost],
      domain,
      ...fixture.options,
    },
    dns: new DnsRecords(),
    allocateVip: () => undefined,
    startCluster: notInFixture,
    cluster: () => undefined,
    clusterByServer: () => undefined,
    rancherFor: () => undefined,
    ingressHttpsPort: fixture.ingressHttpsPort ?? 0,
    log: (message) => logs.push(message),
  };
  const cluster = { store, spec: { name: 'fixture' } } as unknown as ClusterRuntime;
  return { lab, cluster, store, logs };
}

/** A port free on 127.0.0.1 right now (the front binds the same number on its VIP). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function randomInt(low: number, high: number): number {
  return low + Math.floor(Math.random() * (high - low + 1));
}

/** A loopback VIP unlikely to clash with other tests: 127.<100-199>.<1-254>.<1-254>. */
export function randomVip(): string {
  return `127.${randomInt(100, 199)}.${randomInt(1, 254)}.${randomInt(1, 254)}`;
}

/** The shared waitFor; a probe that throws (a listener not up yet) is tried again. */
export function waitFor<T>(
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  return sharedWaitFor(probe, what, { timeoutMs, intervalMs: 25, retryErrors: true });
}

function b64(text: string): string {
  return Buffer.from(text).toString('base64');
}

export function addNamespace(store: Store, name: string): void {
  if (!store.get('namespaces', undefined, name)) {
    store.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  }
}

const controllerLabels = {
  'app.kubernetes.io/name': 'ingress-nginx',
  'app.kubernetes.io/component': 'controller',
  'app.kubernetes.io/instance': 'ingress-nginx',
};
const controllerSelector = { ...controllerLabels };

/** ingress-nginx's controller Service as the chart makes it, optionally with its NSX-T IP. */
export function addControllerService(store: Store, vip?: string): KubeObject {
  addNamespace(store, ingressNamespace);
  return store.create('services', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 'ingress-nginx-controller',
      namespace: ingressNamespace,
      labels: controllerLabels,
    },
    spec: {
      type: 'LoadBalancer',
      selector: controllerSelector,
      ports: [
        { name: 'http', port: 80, targetPort: 'http' },
        { name: 'https', port: 443, targetPort: 'https' },
      ],
    },
    status: { loadBalancer: vip ? { ingress: [{ ip: vip }] } : {} },
  });
}

/** What NCP does once the virtual server exists. */
export function setLoadBalancerIp(store: Store, vip: string): void {
  const svc = store.mustGet('services', ingressNamespace, 'ingress-nginx-controller');
  svc.status = { loadBalancer: { ingress: [{ ip: vip }] } };
  store.update('services', svc, { subresource: 'status', force: true });
}

export function deleteControllerService(store: Store): void {
  store.delete('services', ingressNamespace, 'ingress-nginx-controller');
}

function podStatus(ready: boolean, ip: string) {
  return {
    phase: 'Running',
    podIP: ip,
    conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
  };
}

export function addControllerPod(store: Store, ready: boolean): void {
  store.create('pods', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'ingress-nginx-controller-abcde',
      namespace: ingressNamespace,
      labels: controllerLabels,
    },
    spec: {
      containers: [{ name: 'controller', image: 'registry.k8s.io/ingress-nginx/controller' }],
    },
    status: podStatus(ready, '10.200.1.10'),
  });
}

/** Rancher's Service, pod and Endpoints; `ready` decides whether the address is ready. */
export function addRancherBackend(store: Store, ready: boolean): void {
  addNamespace(store, rancherNamespace);
  store.create('services', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'rancher', namespace: rancherNamespace, labels: { app: 'rancher' } },
    spec: { selector: { app: 'rancher' }, ports: [{ name: 'http', port: 80, targetPort: 80 }] },
  });
  store.create('pods', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'rancher-0', namespace: rancherNamespace, labels: { app: 'rancher' } },
    spec: { containers: [{ name: 'rancher', image: 'rancher/rancher' }] },
    status: podStatus(ready, '10.200.2.10'),
  });
  const address = {
    ip: '10.200.2.10',
    targetRef: { kind: 'Pod', name: 'rancher-0', namespace: rancherNamespace },
  };
  store.create('endpoints', {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'rancher', namespace: rancherNamespace },
    subsets: [
      {
        ...(ready ? { addresses: [address] } : { notReadyAddresses: [address] }),
        ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
      },
    ],
  });
}

export function addTlsSecret(store: Store, namespace: string, name: string, server: Issued): void {
  addNamespace(store, namespace);
  store.create('secrets', {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace },
    type: 'kubernetes.io/tls',
    data: { 'tls.crt': b64(server.certPem), 'tls.key': b64(server.keyPem) },
  });
}

export function addCaSecret(store: Store, caPem: string): void {
  addNamespace(store, rancherNamespace);
  store.create('secrets', {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'tls-ca', namespace: rancherNamespace },
    data: { 'cacerts.pem': b64(caPem) },
  });
}

export interface IngressOptions {
  name?: string;
  host?: string;
  className?: string | null;
  secretName?: string;
}

/** Rancher's Ingress as the installer writes it (networking.k8s.io/v1, class nginx). */
export function addRancherIngress(store: Store, options: IngressOptions = {}): void {
  addNamespace(store, rancherNamespace);
  const host = options.host ?? rancherHost;
  const className = options.className === undefined ? 'nginx' : options.className;
  store.create('networking.k8s.io/ingresses', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: options.name ?? 'rancher', namespace: rancherNamespace },
    spec: {
      ...(className ? { ingressClassName: className } : {}),
      tls: [{ hosts: [host], secretName: options.secretName ?? 'tls-rancher-ingress' }],
      rules: [
        {
          host,
          http: {
            paths: [
              {
                path: '/',
                pathType: 'Prefix',
                backend: { service: { name: 'rancher', port: { number: 80 } } },
              },
            ],
          },
        },
      ],
    },
  });
}

export interface Pki {
  ca: Issued;
  server: Issued;
}

export async function rancherPki(): Promise<Pki> {
  const ca = await createCa({ commonName: 'Lab Test Root CA' });
  const server = await issueCert(ca, { commonName: rancherHost, dnsNames: [rancherHost] });
  return { ca, server };
}

export interface HttpsAnswer {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
  peer: PeerCertificate;
  authorized: boolean;
}

export interface HttpsGet {
  vip: string;
  port: number;
  host: string;
  path: string;
  ca?: string;
}

/** GET over HTTPS the way the installer's probe does: SNI and Host set, CA optional. */
export function httpsGet(request: HttpsGet): Promise<HttpsAnswer> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: request.vip,
        port: request.port,
        path: request.path,
        servername: request.host,
        headers: { Host: request.host },
        agent: false,
        ...(request.ca
          ? { ca: request.ca, rejectUnauthorized: true }
          : { rejectUnauthorized: false }),
      },
      (res) => {
        const socket = res.socket as TLSSocket;
        const peer = socket.getPeerCertificate();
        const authorized = socket.authorized;
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body, headers: res.headers, peer, authorized }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}
