import type { Kit } from './kit.js';

/** The service-account controller: every live namespace has a `default` ServiceAccount. */
export function startServiceAccounts(kit: Kit): void {
  const ensureDefault = kit.queue('serviceaccounts', (namespace) => {
    const ns = kit.store.get('namespaces', undefined, namespace);
    if (!ns || ns.metadata.deletionTimestamp) return;
    if (kit.store.get('serviceaccounts', namespace, 'default')) return;
    kit.store.create('serviceaccounts', {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'default', namespace },
    });
  });
  kit.subscribe((e) => {
    if (e.key === 'namespaces' && e.type !== 'DELETED') ensureDefault(e.object.metadata.name);
    // Deleting it brings it back, as on a real cluster.
    if (
      e.key === 'serviceaccounts' &&
      e.type === 'DELETED' &&
      e.object.metadata.name === 'default'
    ) {
      ensureDefault(e.object.metadata.namespace!);
    }
  });
  for (const ns of kit.store.list('namespaces')) ensureDefault(ns.metadata.name);
}
