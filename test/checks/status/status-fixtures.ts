import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClusterState } from '../../../source/checks/status/cluster-state.js';
import type { Config } from '../../../source/config/config.js';
import { createCa, issueCert, type Issued } from '../../../source/lab/pki.js';
import type { KubeObject } from '../../../source/systems/kube.js';

export const rancherHost = 'rancher.example.com';

export interface Pki {
  ca: Issued;
  server: Issued;
  files: Config['tls'];
}

/** A CA, a server certificate for the Rancher host, and the three files the answers name. */
export async function pki(): Promise<Pki> {
  const dir = mkdtempSync(join(tmpdir(), 'rpt-status-'));
  const ca = await createCa({ commonName: 'Root' });
  const server = await issueCert(ca, { commonName: rancherHost, dnsNames: [rancherHost] });
  const at = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  return {
    ca,
    server,
    files: {
      cert: at('server.pem', server.certPem),
      key: at('server.key', server.keyPem),
      caCerts: at('cacerts.pem', ca.certPem),
    },
  };
}

export function config(tls: Config['tls']): Config {
  return {
    pks: {
      cli: 'pks',
      plan: 'rancher',
      cluster: 'c1',
      externalHostname: 'c1.example.com',
      networkProfile: 'lb-medium',
      lbSize: 'medium',
    },
    rancher: {
      hostname: rancherHost,
      replicas: 3,
      chartRepo: 'https://releases.rancher.com/server-charts/stable',
      chartVersion: '',
    },
    tls,
    ingress: { controller: 'traefik', chartVersion: '' },
    dns: { servers: [] },
  };
}

const b64 = (text: string) => Buffer.from(text).toString('base64');

export function node(name: string, worker = true, ready = true): KubeObject {
  return {
    metadata: {
      name,
      labels: worker ? {} : { 'node-role.kubernetes.io/master': '' },
    },
    spec: worker
      ? {}
      : { taints: [{ key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' }] },
    status: {
      conditions: [
        {
          type: 'Ready',
          status: ready ? 'True' : 'False',
          reason: ready ? 'KubeletReady' : 'NodeStatusUnknown',
        },
      ],
    },
  };
}

export function rancherPod(
  name: string,
  nodeName: string,
  extra: Partial<{
    ready: boolean;
    restarts: number;
    waiting: string;
    lastReason: string;
    finishedAt: string;
  }> = {},
): KubeObject {
  const ready = extra.ready ?? true;
  return {
    metadata: { name, labels: { app: 'rancher' } },
    spec: { nodeName },
    status: {
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
      containerStatuses: [
        {
          ready,
          restartCount: extra.restarts ?? 0,
          state: extra.waiting ? { waiting: { reason: extra.waiting } } : { running: {} },
          lastState: extra.lastReason
            ? {
                terminated: {
                  reason: extra.lastReason,
                  exitCode: extra.lastReason === 'OOMKilled' ? 137 : 1,
                  finishedAt: extra.finishedAt ?? '2026-12-01T09:59:00Z',
                },
              }
            : {},
        },
      ],
    },
  };
}

/** What the cluster says of a healthy install: 3 workers, 3 Rancher pods, Traefik, its VIP. */
export function healthyState(caPem: string, vip = '10.50.0.79'): ClusterState {
  const workers = ['w1', 'w2', 'w3'];
  const ready = (name: string, nodeName: string, labels: Record<string, string>) => ({
    metadata: { name, labels },
    spec: { nodeName },
    status: { conditions: [{ type: 'Ready', status: 'True' }] },
  });
  return {
    nodes: [
      node('m1', false),
      node('m2', false),
      node('m3', false),
      ...workers.map((w) => node(w)),
    ],
    namespaces: Array.from({ length: 11 }, (_, i) => ({ metadata: { name: `ns${i}` } })),
    services: [{ metadata: { name: 'traefik' }, spec: { type: 'LoadBalancer' } }],
    rancher: {
      deployment: { metadata: { name: 'rancher' }, spec: { replicas: 3 } },
      pods: workers.map((w, i) => rancherPod(`rancher-${i}`, w)),
      events: [],
    },
    controller: {
      daemonSet: {
        metadata: { name: 'traefik' },
        status: { desiredNumberScheduled: 3, numberReady: 3 },
      },
      pods: workers.map((w, i) =>
        ready(`traefik-${i}`, w, { 'app.kubernetes.io/name': 'traefik' }),
      ),
      service: {
        metadata: { name: 'traefik', annotations: {} },
        status: { loadBalancer: { ingress: [{ ip: vip }] } },
      },
      endpoints: {
        metadata: { name: 'traefik' },
        subsets: [{ addresses: workers.map((_, i) => ({ ip: `10.200.0.${i + 1}` })) }],
      },
    },
    serverUrl: { metadata: { name: 'server-url' }, value: `https://${rancherHost}` },
    firstLogin: { metadata: { name: 'first-login' }, value: 'false' },
    cacerts: { metadata: { name: 'cacerts' }, value: caPem },
    localCluster: {
      metadata: { name: 'local' },
      status: { conditions: [{ type: 'Ready', status: 'True' }] },
    },
    caSecret: { metadata: { name: 'tls-ca' }, type: 'Opaque', data: { 'cacerts.pem': b64(caPem) } },
  };
}
