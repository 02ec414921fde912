import { afterEach, describe, expect, it } from 'vitest';
import { startControllers } from '../../../source/lab/controllers/index.js';
import type { KubeObject } from '../../../source/lab/kube/object.js';
import { createFakeLab, waitFor, type FakeLab } from '../helpers/fake-lab.js';
import {
  firstSubset,
  ingressNginx,
  namespace,
  rancherDeployment,
  rancherService,
  tlsCaSecret,
} from './manifests.js';

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

describe('endpoints', () => {
  it('lists not-ready pods apart, then moves them to addresses when ready', async () => {
    const { store } = start();
    store.create('namespaces', namespace('cattle-system'));
    store.create('services', rancherService());
    // A misnamed CA key: the pods run (and have IPs) but crash before they are ready.
    store.create('secrets', tlsCaSecret('ca.crt'));
    store.create('apps/deployments', rancherDeployment({ privateCA: true }));
    const notReady = await waitFor(
      () => {
        const ep = store.get('endpoints', 'cattle-system', 'rancher');
        return firstSubset(ep)?.notReadyAddresses?.length === 3 ? ep : undefined;
      },
      10_000,
      'not-ready addresses',
    );
    expect(firstSubset(notReady)!.addresses).toBeUndefined();
    expect(firstSubset(notReady)!.ports).toEqual([
      { name: 'http', port: 80, protocol: 'TCP' },
      { name: 'https-internal', port: 444, protocol: 'TCP' },
    ]);
    // The secret is read at pod start: fix it, then restart the pods.
    store.delete('secrets', 'cattle-system', 'tls-ca');
    store.create('secrets', tlsCaSecret('cacerts.pem'));
    for (const pod of store.list('pods', { namespace: 'cattle-system' })) {
      store.delete('pods', 'cattle-system', pod.metadata.name);
    }
    const ready = await waitFor(
      () => {
        const ep = store.get('endpoints', 'cattle-system', 'rancher');
        return firstSubset(ep)?.addresses?.length === 3 && !firstSubset(ep)?.notReadyAddresses
          ? ep
          : undefined;
      },
      15_000,
      'ready addresses',
    );
    const podIps = store
      .list('pods', { namespace: 'cattle-system' })
      .map((p) => p.status.podIP)
      .sort();
    expect(
      firstSubset(ready)!
        .addresses!.map((a) => a.ip)
        .sort(),
    ).toEqual(podIps);
    expect(firstSubset(ready)!.addresses![0]!.targetRef?.kind).toBe('Pod');
  });

  it('resolves named target ports from the containers', async () => {
    const { store } = start();
    store.create('namespaces', namespace('ingress-nginx'));
    const { daemonSet, service } = ingressNginx();
    store.create('apps/daemonsets', daemonSet);
    store.create('services', service);
    const ep = await waitFor(
      () => {
        const e = store.get('endpoints', 'ingress-nginx', 'ingress-nginx-controller');
        return firstSubset(e)?.addresses?.length === 3 ? e : undefined;
      },
      10_000,
      'ingress endpoints',
    );
    expect(firstSubset(ep)!.ports).toEqual([
      { name: 'http', port: 80, protocol: 'TCP' },
      { name: 'https', port: 443, protocol: 'TCP' },
    ]);
  });
});

describe('NSX-T load balancer', () => {
  it('gives a LoadBalancer service a virtual-server IP', async () => {
    const { store } = start();
    store.create('namespaces', namespace('ingress-nginx'));
    store.create('services', ingressNginx().service);
    const svc = await waitFor(
      () => {
        const s = store.get('services', 'ingress-nginx', 'ingress-nginx-controller');
        return s?.status?.loadBalancer?.ingress?.length ? s : undefined;
      },
      10_000,
      'LB IP',
    );
    expect(svc.status.loadBalancer.ingress).toEqual([{ ip: lab.vips[0] }]);
    expect(svc.metadata.annotations?.['ncp/error.loadbalancer']).toBeUndefined();
    expect(lab.vips).toHaveLength(1);
  });

  it('sets ncp/error.loadbalancer under the lbNoIp fault, and assigns once it is lifted', async () => {
    const { store, faults } = start({ faults: { lbNoIp: true } });
    store.create('namespaces', namespace('ingress-nginx'));
    store.create('services', ingressNginx().service);
    await waitFor(
      () =>
        store.get('services', 'ingress-nginx', 'ingress-nginx-controller')?.metadata.annotations?.[
          'ncp/error.loadbalancer'
        ] === 'IP_POOL_EXHAUSTED',
      10_000,
      'error annotation',
    );
    expect(
      store.get('services', 'ingress-nginx', 'ingress-nginx-controller')?.status?.loadBalancer
        ?.ingress,
    ).toBeUndefined();
    faults.set({ lbNoIp: 'IP_POOL_NOT_FOUND' });
    await waitFor(
      () =>
        store.get('services', 'ingress-nginx', 'ingress-nginx-controller')?.metadata.annotations?.[
          'ncp/error.loadbalancer'
        ] === 'IP_POOL_NOT_FOUND',
    );
    faults.set({});
    const svc = await waitFor(
      () => {
        const s = store.get('services', 'ingress-nginx', 'ingress-nginx-controller');
        return s?.status?.loadBalancer?.ingress?.length ? s : undefined;
      },
      10_000,
      'LB IP after fault',
    );
    expect(svc.metadata.annotations?.['ncp/error.loadbalancer']).toBeUndefined();
  });

  it('reports IP_POOL_EXHAUSTED when the pool is empty', async () => {
    const { store } = start({ vipPool: 0 });
    store.create('namespaces', namespace('ingress-nginx'));
    store.create('services', ingressNginx().service);
    await waitFor(
      () =>
        store.get('services', 'ingress-nginx', 'ingress-nginx-controller')?.metadata.annotations?.[
          'ncp/error.loadbalancer'
        ] === 'IP_POOL_EXHAUSTED',
    );
  });
});

describe('ingress-nginx status', () => {
  it('publishes the virtual-server IP on nginx-class Ingresses only', async () => {
    const { store } = start();
    store.create('namespaces', namespace('ingress-nginx'));
    store.create('namespaces', namespace('cattle-system'));
    const { daemonSet, service } = ingressNginx();
    store.create('apps/daemonsets', daemonSet);
    store.create('services', service);
    const ingress = (name: string, className?: string): KubeObject => ({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name, namespace: 'cattle-system' },
      spec: {
        ...(className ? { ingressClassName: className } : {}),
        rules: [
          {
            host: 'rancher.lab.test',
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
    store.create('networking.k8s.io/ingresses', ingress('rancher', 'nginx'));
    store.create('networking.k8s.io/ingresses', ingress('classless'));
    const published = await waitFor(
      () =>
        store.get('networking.k8s.io/ingresses', 'cattle-system', 'rancher')?.status?.loadBalancer
          ?.ingress,
      10_000,
      'ingress status',
    );
    expect(published).toEqual([{ ip: lab.vips[0] }]);
    const classless = store.get('networking.k8s.io/ingresses', 'cattle-system', 'classless');
    expect(classless?.status?.loadBalancer?.ingress).toBeUndefined();
  });
});
