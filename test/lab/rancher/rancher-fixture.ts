import { Clock } from '../../../source/lab/clock.js';
import { Faults, type FaultSettings } from '../../../source/lab/faults.js';
import { Store } from '../../../source/lab/kube/store.js';
import { ManagementApi } from '../../../source/lab/rancher/management-api.js';
import { RancherManagement } from '../../../source/lab/rancher/management.js';
import type { ApiAnswer } from '../../../source/lab/rancher/norman.js';

export const adminPassword = 'bootstrap-Pa55';
export const serverUrl = 'https://rancher.lab.test';
export const cacerts = '-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----';

/** A Rancher cluster's store as a started Rancher leaves it: settings, bootstrap secret. */
export function rancherStore(): Store {
  const store = new Store();
  seedRancher(store);
  return store;
}

/** What a started Rancher (and its chart) leave in its cluster's store. */
export function seedRancher(store: Store): void {
  for (const name of ['cattle-system', 'fleet-default', 'fleet-local', 'local']) {
    if (!store.get('namespaces', undefined, name))
      store.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  }
  const setting = (name: string, value: string) =>
    store.create('management.cattle.io/settings', {
      apiVersion: 'management.cattle.io/v3',
      kind: 'Setting',
      metadata: { name },
      value,
    });
  setting('server-url', serverUrl);
  setting('server-version', 'v2.13.8');
  setting('cacerts', cacerts);
  setting('install-uuid', '0c1f2e3d-4b5a-4c6d-8e7f-9a0b1c2d3e4f');
  store.create('secrets', {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'bootstrap-secret', namespace: 'cattle-system' },
    data: { bootstrapPassword: Buffer.from(adminPassword).toString('base64') },
  });
  store.create('management.cattle.io/clusters', {
    apiVersion: 'management.cattle.io/v3',
    kind: 'Cluster',
    metadata: { name: 'local' },
    spec: { displayName: 'local', internal: true },
  });
}

export interface Call {
  body?: unknown;
  token?: string;
  headers?: Record<string, string>;
}

export interface Answer extends ApiAnswer {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read JSON freely
  json: any;
}

export interface RancherFixture {
  store: Store;
  faults: Faults;
  management: RancherManagement;
  logs: string[];
  call(method: string, pathAndQuery: string, options?: Call): Answer;
  /** A login token for the admin. */
  login(): string;
}

/** The management API in process, on a clock at timescale 0 (controllers' delays are ~0). */
export function rancherFixture(faults: FaultSettings = {}): RancherFixture {
  const store = rancherStore();
  const logs: string[] = [];
  const f = new Faults(faults);
  const management = new RancherManagement(
    { clock: new Clock(0), faults: f, log: (m) => logs.push(m) },
    store,
  );
  const api = new ManagementApi(management);
  const call = (method: string, pathAndQuery: string, options: Call = {}): Answer => {
    const url = new URL(pathAndQuery, serverUrl);
    const headers: Record<string, string> = { host: 'rancher.lab.test', ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const answer = api.handle({
      method,
      path: url.pathname,
      query: url.searchParams,
      headers,
      body: options.body === undefined ? '' : JSON.stringify(options.body),
      origin: serverUrl,
    });
    let json: unknown;
    try {
      json = answer.body ? JSON.parse(answer.body) : undefined;
    } catch {
      json = undefined;
    }
    return { ...answer, json };
  };
  const login = () => {
    const r = call('POST', '/v3-public/localProviders/local?action=login', {
      body: { username: 'admin', password: adminPassword, responseType: 'json', ttl: 60000 },
    });
    if (r.status !== 201) throw new Error(`login: ${r.status} ${r.body}`);
    return r.json.token as string;
  };
  return { store, faults: f, management, logs, call, login };
}
