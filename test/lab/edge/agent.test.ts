import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startDownstream } from '../../../source/lab/edge/downstream.js';
import { startEdgeControllers } from '../../../source/lab/edge/edge-controllers.js';
import type { FaultSettings } from '../../../source/lab/faults.js';
import type { KubeObject } from '../../../source/lab/kube/object.js';
import { createCa, issueCert } from '../../../source/lab/pki.js';
import type { AgentConnection, RancherAgentPort } from '../../../source/lab/rancher/agent-port.js';
import { createFakeLab, waitFor, type FakeLab } from '../helpers/fake-lab.js';

const host = 'rancher.lab.test';
const cacerts = '-----BEGIN CERTIFICATE-----\nMIIBlab\n-----END CERTIFICATE-----\n';
const checksum = createHash('sha256').update(cacerts).digest('hex');
const b64 = (s: string) => Buffer.from(s).toString('base64');

let server: Server;
let httpsPort = 0;
let lab: FakeLab;
let stops: (() => void)[] = [];

beforeAll(async () => {
  const ca = await createCa({ commonName: 'rancher-ca' });
  const serving = await issueCert(ca, { commonName: host, dnsNames: [host] });
  server = createServer({ cert: serving.certPem, key: serving.keyPem }, (req, res) =>
    res.end(req.url === '/ping' ? 'pong' : ''),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  httpsPort = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

afterEach(() => {
  for (const stop of stops) stop();
  stops = [];
  lab.stop();
});

interface FakePort extends RancherAgentPort {
  connections: AgentConnection[];
  refuse?: string;
}

function fakePort(): FakePort {
  const port: FakePort = {
    connections: [],
    caChecksum: () => checksum,
    connect: vi.fn((c: AgentConnection) => {
      if (port.refuse) return port.refuse;
      port.connections.push(c);
      return undefined;
    }),
    disconnect: vi.fn(),
  };
  return port;
}

function start(port: FakePort, faults: FaultSettings = {}): FakeLab {
  lab = createFakeLab({ masters: 1, workers: 1, faults });
  lab.lab.dns.set(host, ['127.0.0.1']);
  Object.assign(lab.lab, {
    ingressHttpsPort: httpsPort,
    rancherFor: (h: string) => (h === host ? port : undefined),
  });
  const downstream = startDownstream(lab.lab, 'edge-001', lab.store, lab.logs, 'v1.31.4');
  stops.push(startEdgeControllers({ ...lab.ctx, programs: downstream.programs }), () =>
    downstream.stop(),
  );
  return lab;
}

/** The import manifest's agent objects (rancher/rancher pkg/systemtemplate/template.go, trimmed). */
function applyImportManifest(expectedChecksum = checksum): void {
  const { store } = lab;
  store.create('namespaces', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'cattle-system' },
  });
  store.create('secrets', {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'cattle-credentials-0a1b2c3', namespace: 'cattle-system' },
    type: 'Opaque',
    data: {
      url: b64(`https://${host}`),
      token: b64('tokensecret0123456789'),
      namespace: b64('c-abcde'),
    },
  });
  const labels = { app: 'cattle-cluster-agent' };
  store.create('apps/deployments', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'cattle-cluster-agent', namespace: 'cattle-system' },
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          serviceAccountName: 'cattle',
          tolerations: [
            {
              effect: 'NoSchedule',
              key: 'node-role.kubernetes.io/control-plane',
              operator: 'Exists',
            },
          ],
          containers: [
            {
              name: 'cluster-register',
              image: 'rancher/rancher-agent:v2.13.8',
              env: [
                { name: 'CATTLE_SERVER', value: `https://${host}` },
                { name: 'CATTLE_CA_CHECKSUM', value: expectedChecksum },
                { name: 'CATTLE_CLUSTER', value: 'true' },
                { name: 'CATTLE_K8S_MANAGED', value: 'true' },
                { name: 'CATTLE_CREDENTIAL_NAME', value: 'cattle-credentials-0a1b2c3' },
              ],
              volumeMounts: [
                { name: 'cattle-credentials', mountPath: '/cattle-credentials', readOnly: true },
              ],
            },
          ],
          volumes: [
            {
              name: 'cattle-credentials',
              secret: { secretName: 'cattle-credentials-0a1b2c3', defaultMode: 320 },
            },
          ],
        },
      },
    },
  });
}

function agentPod(): KubeObject | undefined {
  return lab.store.list('pods', {
    namespace: 'cattle-system',
    labelSelector: 'app=cattle-cluster-agent',
  })[0];
}

function agentLog(): string[] {
  const pod = agentPod();
  return pod ? lab.logs.read('cattle-system', pod.metadata.name, 'cluster-register') : [];
}

function crashLooping(minRestarts = 1): boolean {
  const s = agentPod()?.status?.containerStatuses?.[0];
  return s?.state?.waiting?.reason === 'CrashLoopBackOff' && s.restartCount >= minRestarts;
}

describe('the cattle-cluster-agent simulation', () => {
  it('connects once the ping and the CA checksum pass, with the credentials from its secret', async () => {
    const port = fakePort();
    start(port);
    applyImportManifest();
    await waitFor(() => port.connections.length === 1, 10_000, 'agent connected');
    expect(port.connections[0]).toEqual({
      serverUrl: `https://${host}`,
      clusterId: 'c-abcde',
      token: 'tokensecret0123456789',
      caChecksum: checksum,
      kubeVersion: 'v1.31.4',
    });
    const log = agentLog();
    expect(log).toContain(`INFO: https://${host}/ping is accessible`);
    expect(log).toContain(`INFO: ${host} resolves to 127.0.0.1`);
    expect(log).toContain(
      `INFO: Value from https://${host}/v3/settings/cacerts is an x509 certificate`,
    );
    expect(
      log.some((l) =>
        l.includes('msg="Connected to proxy" url="wss://rancher.lab.test/v3/connect/register"'),
      ),
    ).toBe(true);
    await waitFor(() =>
      agentPod()?.status?.conditions?.some(
        (c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True',
      ),
    );
  });

  it('crash-loops while the site cannot resolve Rancher (edgeNoDns), connects once cleared', async () => {
    const port = fakePort();
    start(port, { edgeNoDns: ['edge-001'] });
    applyImportManifest();
    await waitFor(() => crashLooping(2), 20_000, 'CrashLoopBackOff, restarted twice');
    expect(agentLog()).toContain(
      `ERROR: https://${host}/ping is not accessible (Could not resolve host: ${host})`,
    );
    expect(port.connect).not.toHaveBeenCalled();
    lab.faults.set({});
    await waitFor(() => port.connections.length === 1, 20_000, 'agent connected after the fault');
  });

  it('refuses a server whose cacerts checksum differs (edgeCaMismatch: a TLS-intercepting proxy)', async () => {
    const port = fakePort();
    start(port, { edgeCaMismatch: ['edge-001'] });
    applyImportManifest();
    await waitFor(() => crashLooping(1), 20_000, 'CrashLoopBackOff');
    const errors = agentLog().filter((l) => l.startsWith('ERROR: '));
    expect(errors[0]).toMatch(
      new RegExp(
        `^ERROR: Configured cacerts checksum \\([0-9a-f]{64}\\) does not match given --ca-checksum \\(${checksum}\\)$`,
      ),
    );
    expect(errors[1]).toBe(
      `ERROR: Please check if the correct certificate is configured at https://${host}/v3/settings/cacerts`,
    );
    expect(port.connect).not.toHaveBeenCalled();
  });

  it('keeps retrying while Rancher refuses it, and disconnects when its Deployment goes', async () => {
    const port = fakePort();
    port.refuse = 'cluster not found';
    start(port);
    applyImportManifest();
    await waitFor(
      () => agentLog().some((l) => l.includes('Failed to connect to proxy.')),
      10_000,
      'refused',
    );
    expect(agentLog().find((l) => l.includes('Failed to connect to proxy.'))).toContain(
      'Response body: cluster not found',
    );
    port.refuse = undefined;
    await waitFor(() => port.connections.length === 1, 10_000, 'agent connected on a retry');
    expect(crashLooping(1)).toBe(false);
    lab.store.delete('apps/deployments', 'cattle-system', 'cattle-cluster-agent');
    await waitFor(() => vi.mocked(port.disconnect).mock.calls.length === 1, 5_000, 'disconnect');
    expect(port.disconnect).toHaveBeenCalledWith('c-abcde');
  });
});
