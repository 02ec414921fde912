import { afterEach, describe, expect, it } from 'vitest';
import { startControllers } from '../../../source/lab/controllers/index.js';
import type { KubeObject } from '../../../source/lab/kube/object.js';
import { findByKind, keyOf } from '../../../source/lab/kube/resources.js';
import { createFakeLab, waitFor, type FakeLab } from '../helpers/fake-lab.js';
import { installerValues, renderTraefik } from '../helpers/traefik-fixtures.js';
import { firstSubset, namespace } from './manifests.js';

let lab: FakeLab;
let stop: () => void = () => {};

function start(options: Parameters<typeof createFakeLab>[0] = {}): FakeLab {
  lab = createFakeLab(options);
  stop = startControllers(lab.ctx);
  return lab;
}

afterEach(() => {
  stop();
  lab.stop();
});

/** The chart's objects, created as helm would (no TLSStore: the fake store has no CRDs here). */
function installTraefik(version = '39.0.9'): void {
  const values = installerValues(version, { tlsStore: null });
  for (const o of renderTraefik(version, values)) {
    lab.store.create(keyOf(findByKind(o.apiVersion, o.kind)!), o);
  }
}

function ingress(name: string, className?: string, annotation?: string): KubeObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name,
      namespace: 'cattle-system',
      ...(annotation ? { annotations: { 'kubernetes.io/ingress.class': annotation } } : {}),
    },
    spec: {
      ...(className ? { ingressClassName: className } : {}),
      rules: [
        {
          host: `${name}.lab.test`,
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
  };
}

function statusOf(name: string): unknown {
  return lab.store.get('networking.k8s.io/ingresses', 'cattle-system', name)?.status?.loadBalancer
    ?.ingress;
}

describe('Traefik in the lab cluster', () => {
  it('runs a Traefik pod per worker and NCP gives its Service a virtual-server IP', async () => {
    const { store } = start();
    store.create('namespaces', namespace('cattle-system'));
    installTraefik();
    const pods = await waitFor(
      () => {
        const ready = store
          .list('pods', { namespace: 'cattle-system' })
          .filter((p) =>
            (p.status?.conditions ?? []).some(
              (c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True',
            ),
          );
        return ready.length === 3 ? ready : undefined;
      },
      15_000,
      '3 ready traefik pods',
    );
    expect(new Set(pods.map((p) => p.spec.nodeName)).size).toBe(3);
    expect(pods[0]!.status.containerStatuses[0].image).toBe('docker.io/traefik:v3.6.15');
    expect(lab.logs.read('cattle-system', pods[0]!.metadata.name, 'traefik').join('\n')).toContain(
      'INF Traefik version 3.6.15',
    );
    const svc = await waitFor(
      () => store.get('services', 'cattle-system', 'traefik')?.status?.loadBalancer?.ingress,
      10_000,
      'LB IP',
    );
    expect(svc).toEqual([{ ip: lab.vips[0] }]);
    const subset = await waitFor(
      () => {
        const s = firstSubset(store.get('endpoints', 'cattle-system', 'traefik'));
        return s?.addresses?.length === 3 ? s : undefined;
      },
      10_000,
      'endpoints',
    );
    expect(subset.ports).toEqual(
      expect.arrayContaining([
        { name: 'web', port: 8000, protocol: 'TCP' },
        { name: 'websecure', port: 8443, protocol: 'TCP' },
      ]),
    );
  });

  it('publishes the Service address on the Ingresses Traefik serves, not on others', async () => {
    const { store } = start();
    store.create('namespaces', namespace('cattle-system'));
    store.create('networking.k8s.io/ingresses', ingress('rancher', 'traefik', 'traefik'));
    store.create('networking.k8s.io/ingresses', ingress('other', 'nginx'));
    installTraefik();
    expect(await waitFor(() => statusOf('rancher'), 15_000, 'the Traefik Ingress status')).toEqual([
      { ip: lab.vips[0] },
    ]);
    expect(statusOf('other')).toBeUndefined();
    // An Ingress created later, and one moved to class traefik, get it too.
    store.create('networking.k8s.io/ingresses', ingress('later', undefined, 'traefik'));
    expect(await waitFor(() => statusOf('later'), 10_000, 'the later Ingress')).toEqual([
      { ip: lab.vips[0] },
    ]);
  });

  it('copies every address NCP lists, the transit one too', async () => {
    const { store } = start({ faults: { lbTransitIp: true } });
    store.create('namespaces', namespace('cattle-system'));
    store.create('networking.k8s.io/ingresses', ingress('rancher', 'traefik'));
    installTraefik('41.3.0');
    expect(await waitFor(() => statusOf('rancher'), 15_000, 'status')).toEqual([
      { ip: '100.64.128.125' },
      { ip: lab.vips[0] },
    ]);
  });
});
