import { afterEach, describe, expect, it } from 'vitest';
import { startControllers } from '../../../source/lab/controllers/index.js';
import type { KubeObject } from '../../../source/lab/kube/object.js';
import { createFakeLab, waitFor, type FakeLab } from '../helpers/fake-lab.js';
import { namespace, rancherDeployment } from './manifests.js';

let lab: FakeLab;
let stop: () => void = () => {};

function start(options: Parameters<typeof createFakeLab>[0] = {}): FakeLab {
  lab = createFakeLab(options);
  stop = startControllers(lab.ctx);
  lab.store.create('namespaces', namespace('cattle-system'));
  lab.store.create('apps/deployments', rancherDeployment());
  return lab;
}

afterEach(() => {
  stop();
  lab.stop();
});

function condition(obj: KubeObject | undefined, type: string) {
  return obj?.status?.conditions?.find((c: { type: string }) => c.type === type);
}

function localCluster(): KubeObject | undefined {
  return lab.store.get('management.cattle.io/clusters', undefined, 'local');
}

describe('what Rancher creates', () => {
  it('creates the server-url setting and brings the local cluster to Ready', async () => {
    const { store } = start();
    const cluster = await waitFor(
      () => (condition(localCluster(), 'Ready')?.status === 'True' ? localCluster() : undefined),
      15_000,
      'local cluster Ready',
    );
    expect(cluster.spec.displayName).toBe('local');
    expect(condition(cluster, 'Provisioned')?.status).toBe('True');
    expect(store.get('management.cattle.io/settings', undefined, 'server-url')?.value).toBe('');
  });

  it('stays waiting for server-url under localClusterStuck until someone edits the cluster', async () => {
    const { store } = start({ faults: { localClusterStuck: true } });
    const stuck = await waitFor(
      () =>
        condition(localCluster(), 'Waiting')?.message === 'waiting for server-url setting to be set'
          ? localCluster()
          : undefined,
      15_000,
      'waiting condition',
    );
    expect(condition(stuck, 'Provisioned')).toMatchObject({
      status: 'Unknown',
      message: 'waiting for server-url setting to be set',
    });
    expect(condition(stuck, 'Ready')?.status).not.toBe('True');
    // Nothing moves on its own.
    await new Promise((r) => setTimeout(r, 100));
    expect(condition(localCluster(), 'Ready')?.status).not.toBe('True');
    // "Edit and save": any update from outside re-queues the cluster.
    const edited = localCluster()!;
    edited.metadata.annotations = { ...edited.metadata.annotations, 'lab.test/nudge': '1' };
    store.update('management.cattle.io/clusters', edited);
    await waitFor(
      () => condition(localCluster(), 'Ready')?.status === 'True',
      15_000,
      'Ready after nudge',
    );
  });

  it('leaves the stuck state once server-url has a value', async () => {
    const { store } = start({ faults: { localClusterStuck: true } });
    await waitFor(
      () =>
        condition(localCluster(), 'Waiting')?.message ===
        'waiting for server-url setting to be set',
      15_000,
    );
    const setting = store.mustGet('management.cattle.io/settings', undefined, 'server-url');
    setting.value = 'https://rancher.lab.test';
    store.update('management.cattle.io/settings', setting);
    await waitFor(
      () => condition(localCluster(), 'Ready')?.status === 'True',
      15_000,
      'Ready after server-url',
    );
  });
});
