import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../source/lab/kube/api-error.js';
import { Store, type StoreEvent } from '../../../source/lab/kube/store.js';

function ns(name: string) {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
}

function configMap(name: string, namespace = 'default', labels: Record<string, string> = {}) {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace, labels },
    data: { a: '1' },
  };
}

function apiError(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected an ApiError');
}

const flush = () => new Promise((r) => setImmediate(r));

describe('Store', () => {
  it('creates with server fields and refuses duplicates with 409 AlreadyExists', () => {
    const store = new Store();
    store.create('namespaces', ns('default'));
    const cm = store.create('configmaps', configMap('one'));
    expect(cm.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(cm.metadata.resourceVersion).toBeDefined();
    const e = apiError(() => store.create('configmaps', configMap('one')));
    expect(e.code).toBe(409);
    expect(e.reason).toBe('AlreadyExists');
    expect(e.message).toBe('configmaps "one" already exists');
  });

  it('refuses a stale update with 409 Conflict', () => {
    const store = new Store();
    store.create('namespaces', ns('default'));
    const v1 = store.create('configmaps', configMap('one'));
    store.update('configmaps', { ...v1, data: { a: '2' } });
    const e = apiError(() => store.update('configmaps', { ...v1, data: { a: '3' } }));
    expect(e.reason).toBe('Conflict');
    expect(store.get('configmaps', 'default', 'one')?.data).toEqual({ a: '2' });
  });

  it('404s a create into a missing namespace', () => {
    const store = new Store();
    const e = apiError(() => store.create('configmaps', configMap('one', 'nowhere')));
    expect(e.code).toBe(404);
    expect(e.message).toBe('namespaces "nowhere" not found');
  });

  it('selects by label and field', () => {
    const store = new Store();
    store.create('namespaces', ns('default'));
    store.create('configmaps', configMap('a', 'default', { app: 'rancher', tier: 'web' }));
    store.create('configmaps', configMap('b', 'default', { app: 'nginx' }));
    const names = (sel: object) => store.list('configmaps', sel).map((o) => o.metadata.name);
    expect(names({ labelSelector: 'app=rancher' })).toEqual(['a']);
    expect(names({ labelSelector: 'app in (rancher, nginx),!tier' })).toEqual(['b']);
    expect(names({ labelSelector: 'app!=rancher' })).toEqual(['b']);
    expect(names({ fieldSelector: 'metadata.name=b' })).toEqual(['b']);
  });

  it('replays watch history from a resourceVersion and answers 410 when it is too old', () => {
    const store = new Store({ historySize: 3 });
    store.create('namespaces', ns('default'));
    const first = store.create('configmaps', configMap('a'));
    store.create('configmaps', configMap('b'));
    const seen: StoreEvent[] = [];
    store.watch('configmaps', Number(first.metadata.resourceVersion), {}, (e) => seen.push(e));
    store.create('configmaps', configMap('c'));
    expect(seen.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(['ADDED b', 'ADDED c']);
    const e = apiError(() => store.watch('configmaps', 1, {}, () => {}));
    expect(e.code).toBe(410);
    expect(e.reason).toBe('Expired');
  });

  it('terminates a namespace, deleting what it holds, then the namespace', async () => {
    const store = new Store();
    store.create('namespaces', ns('cattle-system'));
    store.create('configmaps', configMap('a', 'cattle-system'));
    const terminating = store.delete('namespaces', undefined, 'cattle-system');
    expect(terminating.status.phase).toBe('Terminating');
    expect(apiError(() => store.create('configmaps', configMap('b', 'cattle-system'))).code).toBe(
      403,
    );
    await flush();
    expect(store.get('namespaces', undefined, 'cattle-system')).toBeUndefined();
    expect(store.list('configmaps')).toEqual([]);
  });

  it('collects dependents of a deleted owner', async () => {
    const store = new Store();
    store.create('namespaces', ns('default'));
    const owner = store.create('configmaps', configMap('owner'));
    store.create('configmaps', {
      ...configMap('child'),
      metadata: {
        name: 'child',
        namespace: 'default',
        ownerReferences: [
          { apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata.uid! },
        ],
      },
    });
    store.delete('configmaps', 'default', 'owner');
    await flush();
    expect(store.list('configmaps')).toEqual([]);
  });

  it('keeps status apart from the main resource for types with a status subresource', () => {
    const store = new Store();
    store.create('namespaces', ns('default'));
    const svc = store.create('services', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's', namespace: 'default' },
      spec: { type: 'LoadBalancer', ports: [{ port: 443 }] },
    });
    expect(svc.spec.clusterIP).toMatch(/^10\.100\.200\./);
    expect(svc.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
    const withStatus = store.update(
      'services',
      { ...svc, status: { loadBalancer: { ingress: [{ ip: '127.1.1.1' }] } } },
      { subresource: 'status' },
    );
    const ignored = store.update('services', { ...withStatus, status: {} });
    expect(ignored.status.loadBalancer.ingress[0].ip).toBe('127.1.1.1');
  });

  it('validates secrets and ingresses as the API server does', () => {
    const store = new Store();
    store.create('namespaces', ns('default'));
    const tls = apiError(() =>
      store.create('secrets', {
        apiVersion: 'v1',
        kind: 'Secret',
        type: 'kubernetes.io/tls',
        metadata: { name: 't', namespace: 'default' },
        data: { 'tls.crt': 'eA==' },
      }),
    );
    expect(tls.code).toBe(422);
    expect(tls.message).toContain('data[tls.key]: Required value');
    const ing = apiError(() =>
      store.create('networking.k8s.io/ingresses', {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: { name: 'i', namespace: 'default' },
        spec: {
          rules: [
            {
              host: 'a',
              http: {
                paths: [{ path: '/', backend: { service: { name: 'x', port: { number: 80 } } } }],
              },
            },
          ],
        },
      }),
    );
    expect(ing.message).toContain('spec.rules[0].http.paths[0].pathType: Required value');
  });
});
