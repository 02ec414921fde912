import { afterEach, describe, expect, it } from 'vitest';
import { startControllers } from '../../../source/lab/controllers/index.js';
import type { KubeObject } from '../../../source/lab/kube/object.js';
import { createFakeLab, waitFor, type FakeLab } from '../helpers/fake-lab.js';
import { namespace, rancherDeployment } from './manifests.js';

let lab: FakeLab;
let stop: () => void = () => {};

afterEach(() => {
  stop();
  lab.stop();
});

function start(): FakeLab {
  lab = createFakeLab({});
  stop = startControllers(lab.ctx);
  lab.store.create('namespaces', namespace('cattle-system'));
  lab.store.create('apps/deployments', rancherDeployment());
  return lab;
}

function serverVersion(): unknown {
  return lab.store.get('management.cattle.io/settings', undefined, 'server-version')?.value;
}

/** What `helm upgrade` does to the Deployment: a new image in the pod template. */
function setImage(tag: string): void {
  const d = lab.store.get('apps/deployments', 'cattle-system', 'rancher')!;
  d.spec.template.spec.containers[0].image = `rancher/rancher:${tag}`;
  lab.store.update('apps/deployments', d);
}

function rancherPods(): KubeObject[] {
  return lab.store.list('pods', { namespace: 'cattle-system', labelSelector: 'app=rancher' });
}

function waitingReasons(): string[] {
  return rancherPods().flatMap((p) =>
    ((p.status?.containerStatuses as { state: { waiting?: { reason: string } } }[]) ?? [])
      .map((c) => c.state.waiting?.reason ?? '')
      .filter(Boolean),
  );
}

describe('a Rancher upgrade in the lab', () => {
  it('reports the running version in server-version, and the new one once a new pod starts', async () => {
    start();
    await waitFor(() => serverVersion() === 'v2.9.2', 20_000, 'server-version v2.9.2');
    setImage('v2.9.3');
    await waitFor(() => serverVersion() === 'v2.9.3', 30_000, 'server-version v2.9.3');
  });

  it('holds the rollout in ImagePullBackOff while imageMissing names the tag, and finishes once cleared', async () => {
    start();
    await waitFor(() => serverVersion() === 'v2.9.2', 20_000, 'first start');
    lab.faults.set({ imageMissing: '2.9.3' });
    setImage('v2.9.3');
    await waitFor(() => waitingReasons().includes('ImagePullBackOff'), 30_000, 'ImagePullBackOff');
    const events = lab.store.list('events', { namespace: 'cattle-system' });
    expect(events.map((e) => e.message)).toContainEqual(
      expect.stringContaining(
        'failed to resolve reference "docker.io/rancher/rancher:v2.9.3": docker.io/rancher/rancher:v2.9.3: not found',
      ),
    );
    expect(serverVersion()).toBe('v2.9.2');
    lab.faults.set({});
    await waitFor(() => serverVersion() === 'v2.9.3', 60_000, 'server-version after clearing');
  });
});
