import { afterEach, describe, expect, it } from 'vitest';
import { startControllers } from '../../../source/lab/controllers/index.js';
import type { KubeObject } from '../../../source/lab/kube/object.js';
import { createFakeLab, waitFor, type FakeLab } from '../helpers/fake-lab.js';
import { namespace, rancherDeployment, tlsCaSecret } from './manifests.js';

let lab: FakeLab;
let stop: () => void = () => {};

function start(): FakeLab {
  lab = createFakeLab();
  stop = startControllers(lab.ctx);
  lab.store.create('namespaces', namespace('cattle-system'));
  return lab;
}

afterEach(() => {
  stop();
  lab.stop();
});

function rancherPods(): KubeObject[] {
  return lab.store.list('pods', { namespace: 'cattle-system' });
}

function waitingReason(pod: KubeObject): string | undefined {
  return pod.status?.containerStatuses?.[0]?.state?.waiting?.reason;
}

describe('pod failures the installer must explain', () => {
  it('keeps pods ContainerCreating with FailedMount while tls-ca is missing, then recovers', async () => {
    const { store } = start();
    store.create('apps/deployments', rancherDeployment({ privateCA: true, replicas: 1 }));
    const event = await waitFor(
      () =>
        store
          .list('events', { namespace: 'cattle-system' })
          .find((e) => e.reason === 'FailedMount'),
      10_000,
      'FailedMount',
    );
    expect(event.message).toBe(
      'MountVolume.SetUp failed for volume "tls-ca-volume" : secret "tls-ca" not found',
    );
    expect(event.type).toBe('Warning');
    expect(event.source).toMatchObject({ component: 'kubelet' });
    const pod = rancherPods()[0]!;
    expect(pod.status.phase).toBe('Pending');
    expect(waitingReason(pod)).toBe('ContainerCreating');
    expect(event.involvedObject).toMatchObject({
      kind: 'Pod',
      name: pod.metadata.name,
      uid: pod.metadata.uid,
    });
    // The kubelet keeps retrying, and says so again.
    await waitFor(
      () => {
        const again = store
          .list('events', { namespace: 'cattle-system' })
          .find((e) => e.reason === 'FailedMount');
        return (again?.count as number) >= 2;
      },
      10_000,
      'repeated FailedMount',
    );

    store.create('secrets', tlsCaSecret('cacerts.pem'));
    await waitFor(
      () => rancherPods()[0]?.status?.containerStatuses?.[0]?.ready === true,
      15_000,
      'pod ready',
    );
    expect(rancherPods()[0]!.status.phase).toBe('Running');
  });

  it('crash-loops rancher when the CA secret key is not cacerts.pem', async () => {
    const { store, logs } = start();
    store.create('secrets', tlsCaSecret('ca.crt'));
    store.create('apps/deployments', rancherDeployment({ privateCA: true, replicas: 1 }));
    const pod = await waitFor(
      () => {
        const p = rancherPods()[0];
        return p &&
          waitingReason(p) === 'CrashLoopBackOff' &&
          p.status.containerStatuses[0].restartCount >= 2
          ? p
          : undefined;
      },
      15_000,
      'CrashLoopBackOff',
    );
    const status = pod.status.containerStatuses[0];
    expect(status.ready).toBe(false);
    expect(status.lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(status.state.waiting.message).toContain('restarting failed container=rancher');
    expect(pod.status.phase).toBe('Running');
    const log = logs.read('cattle-system', pod.metadata.name, 'rancher');
    expect(
      log.some((l) => l.endsWith('[FATAL] read /etc/rancher/ssl/cacerts.pem: is a directory')),
    ).toBe(true);
    const backOff = store
      .list('events', { namespace: 'cattle-system' })
      .find((e) => e.reason === 'BackOff');
    expect(backOff?.message).toContain('Back-off restarting failed container rancher in pod');
  });
});
