import { afterEach, describe, expect, it } from 'vitest';
import { startControllers } from '../../../source/lab/controllers/index.js';
import { plannedNodes } from '../../../source/lab/controllers/nodes.js';
import { createFakeLab, waitFor, type FakeLab } from '../helpers/fake-lab.js';
import { firstSubset, namespace } from './manifests.js';

let lab: FakeLab;
let stop: () => void = () => {};

function start(): FakeLab {
  lab = createFakeLab();
  stop = startControllers(lab.ctx);
  return lab;
}

afterEach(() => {
  stop();
  lab.stop();
});

describe('cluster bootstrap', () => {
  it('registers 3 masters and 3 workers, all Ready, masters tainted', () => {
    const { store } = start();
    const nodes = store.list('nodes');
    expect(nodes).toHaveLength(6);
    for (const node of nodes) {
      const ready = node.status.conditions.find((c: { type: string }) => c.type === 'Ready');
      expect(ready.status).toBe('True');
      expect(node.status.nodeInfo.kubeletVersion).toBe('v1.31.4');
      expect(node.metadata.name).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
      );
      expect(node.metadata.labels?.['bosh.id']).toBe(node.metadata.name);
      expect(node.status.addresses).toContainEqual({
        type: 'InternalIP',
        address: node.metadata.labels?.['spec.ip'],
      });
    }
    const masters = nodes.filter(
      (n) => n.metadata.labels?.['node-role.kubernetes.io/master'] === '',
    );
    expect(masters).toHaveLength(3);
    for (const m of masters) {
      expect(m.metadata.labels?.['node-role.kubernetes.io/control-plane']).toBe('');
      expect(m.spec.taints).toContainEqual({
        key: 'node-role.kubernetes.io/master',
        effect: 'NoSchedule',
      });
    }
    expect(
      plannedNodes(lab.ctx.spec)
        .map((n) => n.name)
        .sort(),
    ).toEqual(nodes.map((n) => n.metadata.name).sort());
  });

  it('has the system namespaces and the kubernetes service', () => {
    const { store } = start();
    const names = store.list('namespaces').map((n) => n.metadata.name);
    expect(names).toEqual(
      expect.arrayContaining(['default', 'kube-system', 'kube-public', 'kube-node-lease']),
    );
    const svc = store.mustGet('services', 'default', 'kubernetes');
    expect(svc.spec.clusterIP).toBe('10.100.200.1');
    expect(svc.spec.ports[0].port).toBe(443);
  });

  it('runs coredns on workers with kube-dns endpoints', async () => {
    const { store } = start();
    const ep = await waitFor(
      () => {
        const e = store.get('endpoints', 'kube-system', 'kube-dns');
        return firstSubset(e)?.addresses?.length === 2 ? e : undefined;
      },
      10_000,
      'kube-dns endpoints',
    );
    expect(firstSubset(ep)!.ports).toContainEqual({ name: 'dns', port: 53, protocol: 'UDP' });
    const workers = new Set(
      plannedNodes(lab.ctx.spec)
        .filter((n) => n.role === 'worker')
        .map((n) => n.name),
    );
    for (const pod of store.list('pods', { namespace: 'kube-system' }))
      expect(workers.has(pod.spec.nodeName)).toBe(true);
  });

  it('gives every namespace, old and new, a default service account', async () => {
    const { store } = start();
    store.create('namespaces', namespace('cattle-system'));
    await waitFor(
      () => store.get('serviceaccounts', 'cattle-system', 'default'),
      5000,
      'default SA',
    );
    for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
      await waitFor(() => store.get('serviceaccounts', ns, 'default'), 5000, `default SA in ${ns}`);
    }
  });

  it('stops: no timers or reactions after stop()', async () => {
    const { store } = start();
    stop();
    store.create('namespaces', namespace('late'));
    await new Promise((r) => setTimeout(r, 50));
    expect(store.get('serviceaccounts', 'late', 'default')).toBeUndefined();
  });
});
