import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Audit } from '../../../source/lab/audit.js';
import { Faults } from '../../../source/lab/faults.js';
import { ApiServer } from '../../../source/lab/kube/api-server.js';
import { PodLogs } from '../../../source/lab/kube/pod-logs.js';
import { Store } from '../../../source/lab/kube/store.js';
import { createCa, issueCert } from '../../../source/lab/pki.js';
import { waitFor as sharedWaitFor } from '../../helpers/wait-for.js';

export interface ApiFixture {
  dir: string;
  store: Store;
  logs: PodLogs;
  faults: Faults;
  api: ApiServer;
  kubeconfig: string;
  url: string;
  stop(): Promise<void>;
}

/** A lone API server over a fresh store (no controllers), with a kubeconfig for it. */
export async function startApiFixture(): Promise<ApiFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'rpt-api-'));
  const ca = await createCa({ commonName: 'test-ca' });
  const serving = await issueCert(ca, { commonName: 'kube-apiserver', ips: ['127.0.0.1'] });
  const store = new Store();
  for (const name of ['default', 'kube-system']) {
    store.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  }
  const logs = new PodLogs();
  const faults = new Faults({});
  const api = new ApiServer({
    store,
    logs,
    token: 'test-token',
    certPem: serving.certPem,
    keyPem: serving.keyPem,
    host: '127.0.0.1',
    port: 0,
    kubeVersion: 'v1.31.4',
    faults,
    audit: new Audit(join(dir, 'audit.jsonl')),
    clusterName: 'test',
    log: () => {},
  });
  await api.start();
  const url = `https://127.0.0.1:${api.port}`;
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      '- name: test',
      '  cluster:',
      `    server: ${url}`,
      `    certificate-authority-data: ${Buffer.from(ca.certPem).toString('base64')}`,
      'users:',
      '- name: admin',
      '  user:',
      '    token: test-token',
      'contexts:',
      '- name: test',
      '  context: {cluster: test, user: admin}',
      'current-context: test',
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  return { dir, store, logs, faults, api, kubeconfig, url, stop: () => api.stop() };
}

export function waitFor<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  return sharedWaitFor(check, what, { timeoutMs });
}
