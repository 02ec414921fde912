import { describe, expect, it } from 'vitest';
import { Store } from '../../../source/lab/kube/store.js';
import { rancherCrds } from '../../../source/lab/controllers/rancher-leftovers.js';

// What Rancher leaves behind hangs in deletion until its finalizers go (why rancher-cleanup
// strips them): namespaces wait for their content, definitions for their resources.
const flush = () => new Promise((r) => setImmediate(r));
const crdKey = 'apiextensions.k8s.io/customresourcedefinitions';
const projects = 'management.cattle.io/projects';

function project(name: string, finalizers: string[] = []) {
  return {
    apiVersion: 'management.cattle.io/v3',
    kind: 'Project',
    metadata: { name, namespace: 'local', finalizers },
    spec: {},
  };
}

function rancherStore(): Store {
  const store = new Store();
  store.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'local' } });
  for (const crd of rancherCrds()) store.create(crdKey, crd);
  return store;
}

const projectsCrd = 'projects.management.cattle.io';

describe('lab store: finalizers that hold deletions', () => {
  it('deletes a definition with its custom resources', async () => {
    const store = rancherStore();
    store.create(projects, project('p-one'));
    store.delete(crdKey, undefined, projectsCrd);
    await flush();
    expect(store.list(projects)).toEqual([]);
    expect(store.get(crdKey, undefined, projectsCrd)).toBeUndefined();
  });

  it('keeps a definition in deletion until its resources lose their finalizers', async () => {
    const store = rancherStore();
    store.create(projects, project('p-one', ['controller.cattle.io/mgmt-project-rbac-remove']));
    store.delete(crdKey, undefined, projectsCrd);
    await flush();
    expect(store.get(crdKey, undefined, projectsCrd)?.metadata.deletionTimestamp).toBeDefined();
    const held = store.get(projects, 'local', 'p-one')!;
    expect(held.metadata.deletionTimestamp).toBeDefined();
    store.update(projects, { ...held, metadata: { ...held.metadata, finalizers: [] } });
    await flush();
    expect(store.list(projects)).toEqual([]);
    expect(store.get(crdKey, undefined, projectsCrd)).toBeUndefined();
  });

  it('keeps a namespace Terminating, saying why, while its content has finalizers', async () => {
    const store = rancherStore();
    store.create(projects, project('p-one', ['controller.cattle.io/mgmt-project-rbac-remove']));
    store.delete('namespaces', undefined, 'local');
    await flush();
    const terminating = store.get('namespaces', undefined, 'local')!;
    expect(terminating.status?.phase).toBe('Terminating');
    expect(terminating.status?.conditions?.[0]?.type).toBe('NamespaceFinalizersRemaining');
    const held = store.get(projects, 'local', 'p-one')!;
    store.update(projects, { ...held, metadata: { ...held.metadata, finalizers: [] } });
    await flush();
    expect(store.get('namespaces', undefined, 'local')).toBeUndefined();
  });

  it("keeps a namespace while its own finalizers remain (Rancher's namespace-auth)", async () => {
    const store = new Store();
    store.create('namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'p-abcde', finalizers: ['controller.cattle.io/namespace-auth'] },
    });
    store.delete('namespaces', undefined, 'p-abcde');
    await flush();
    const ns = store.get('namespaces', undefined, 'p-abcde')!;
    expect(ns.metadata.deletionTimestamp).toBeDefined();
    store.update('namespaces', { ...ns, metadata: { ...ns.metadata, finalizers: [] } });
    await flush();
    expect(store.get('namespaces', undefined, 'p-abcde')).toBeUndefined();
  });
});
