import { afterEach, describe, expect, it } from 'vitest';
import { startControllers } from '../../../source/lab/controllers/index.js';
import type { KubeObject } from '../../../source/lab/kube/object.js';
import { createFakeLab, waitFor, type FakeLab } from '../helpers/fake-lab.js';
import { ingressNginx, namespace, rancherDeployment } from './manifests.js';

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

function isReady(pod: KubeObject): boolean {
  return pod.status?.conditions?.some(
    (c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True',
  );
}

function condition(obj: KubeObject | undefined, type: string) {
  return obj?.status?.conditions?.find((c: { type: string }) => c.type === type);
}

function workerNames(): Set<string> {
  return new Set(
    lab.store
      .list('nodes')
      .filter(
        (n) =>
          !n.metadata.labels?.['node-role.kubernetes.io/master'] &&
          n.metadata.labels?.['node-role.kubernetes.io/master'] !== '',
      )
      .map((n) => n.metadata.name),
  );
}

describe('deployments, replica sets and the scheduler', () => {
  it('runs 3 rancher replicas with required anti-affinity on 3 different workers', async () => {
    const { store } = start();
    store.create('namespaces', namespace('cattle-system'));
    store.create('apps/deployments', rancherDeployment({ antiAffinity: 'required' }));
    const d = await waitFor(
      () => {
        const x = store.get('apps/deployments', 'cattle-system', 'rancher');
        return x?.status?.readyReplicas === 3 &&
          condition(x, 'Progressing')?.reason === 'NewReplicaSetAvailable'
          ? x
          : undefined;
      },
      20_000,
      'rancher deployment ready',
    );
    expect(d.status).toMatchObject({
      replicas: 3,
      updatedReplicas: 3,
      availableReplicas: 3,
      observedGeneration: 1,
    });
    expect(condition(d, 'Available')).toMatchObject({
      status: 'True',
      reason: 'MinimumReplicasAvailable',
    });

    const [rs] = store.list('apps/replicasets', { namespace: 'cattle-system' });
    expect(rs!.metadata.name).toMatch(/^rancher-[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    expect(rs!.metadata.ownerReferences?.[0]).toMatchObject({
      kind: 'Deployment',
      name: 'rancher',
      controller: true,
    });
    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');

    const pods = store.list('pods', { namespace: 'cattle-system' });
    expect(pods).toHaveLength(3);
    const workers = workerNames();
    expect(new Set(pods.map((p) => p.spec.nodeName)).size).toBe(3);
    for (const pod of pods) {
      expect(pod.metadata.name).toMatch(
        new RegExp(`^${rs!.metadata.name}-[bcdfghjklmnpqrstvwxz2456789]{5}$`),
      );
      expect(workers.has(pod.spec.nodeName)).toBe(true);
      expect(isReady(pod)).toBe(true);
      expect(pod.status).toMatchObject({
        phase: 'Running',
        podIP: expect.stringMatching(/^10\.11\.\d+\.\d+$/),
      });
      expect(pod.status.containerStatuses[0]).toMatchObject({
        ready: true,
        started: true,
        restartCount: 0,
      });
      expect(pod.status.containerStatuses[0].state.running.startedAt).toBeTruthy();
    }
    const reasons = store.list('events', { namespace: 'cattle-system' }).map((e) => e.reason);
    expect(reasons).toEqual(
      expect.arrayContaining([
        'Scheduled',
        'Pulling',
        'Pulled',
        'Created',
        'Started',
        'SuccessfulCreate',
        'ScalingReplicaSet',
      ]),
    );
    expect(lab.logs.read('cattle-system', pods[0]!.metadata.name, 'rancher').join('\n')).toContain(
      'Rancher version v2.9.2',
    );
  });

  it('leaves a fourth required-anti-affinity replica Pending with the scheduler message', async () => {
    const { store } = start();
    store.create('namespaces', namespace('cattle-system'));
    store.create('apps/deployments', rancherDeployment({ antiAffinity: 'required', replicas: 4 }));
    const pending = await waitFor(() =>
      store
        .list('pods', { namespace: 'cattle-system' })
        .find((p) => condition(p, 'PodScheduled')?.reason === 'Unschedulable'),
    );
    expect(condition(pending, 'PodScheduled').message).toContain(
      "0/6 nodes are available: 3 node(s) didn't match pod anti-affinity rules, 3 node(s) had untolerated taint {node-role.kubernetes.io/master: }.",
    );
  });

  it('rolls out a new template and scales the old replica set to 0', async () => {
    const { store } = start();
    store.create('namespaces', namespace('cattle-system'));
    store.create('apps/deployments', rancherDeployment());
    await waitFor(
      () =>
        store.get('apps/deployments', 'cattle-system', 'rancher')?.status?.availableReplicas === 3,
    );
    const d = store.mustGet('apps/deployments', 'cattle-system', 'rancher');
    d.spec.template.spec.containers[0].image = 'rancher/rancher:v2.9.3';
    store.update('apps/deployments', d);
    const done = await waitFor(
      () => {
        const x = store.get('apps/deployments', 'cattle-system', 'rancher');
        const rss = store.list('apps/replicasets', { namespace: 'cattle-system' });
        const ok =
          x?.status?.updatedReplicas === 3 &&
          x.status.availableReplicas === 3 &&
          x.status.replicas === 3 &&
          rss.length === 2;
        return ok && condition(x, 'Progressing')?.reason === 'NewReplicaSetAvailable'
          ? { x, rss }
          : undefined;
      },
      20_000,
      'rollout',
    );
    expect(done.x.status.observedGeneration).toBe(2);
    expect(done.x.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    const old = done.rss.find(
      (rs) => rs.spec.template.spec.containers[0].image === 'rancher/rancher:v2.9.2',
    );
    expect(old?.spec.replicas).toBe(0);
    const pods = store.list('pods', { namespace: 'cattle-system' });
    expect(pods.map((p) => p.spec.containers[0].image)).toEqual(
      Array(3).fill('rancher/rancher:v2.9.3'),
    );
  });

  it('rolls required-anti-affinity pods over as many workers as replicas, within maxSurge and maxUnavailable', async () => {
    const { store } = start();
    store.create('namespaces', namespace('cattle-system'));
    const wanted = rancherDeployment({ antiAffinity: 'required' });
    // The Rancher chart's strategy: without maxUnavailable no new pod would find a free worker.
    wanted.spec.strategy = {
      type: 'RollingUpdate',
      rollingUpdate: { maxSurge: 1, maxUnavailable: 1 },
    };
    store.create('apps/deployments', wanted);
    await waitFor(
      () =>
        store.get('apps/deployments', 'cattle-system', 'rancher')?.status?.availableReplicas === 3,
    );
    // maxSurge and maxUnavailable bound the replica sets' replicas (the pods follow).
    let most = 0;
    const off = store.subscribe((e) => {
      if (e.key !== 'apps/replicasets') return;
      const replicas = store
        .list('apps/replicasets', { namespace: 'cattle-system' })
        .reduce((n, rs) => n + (rs.spec.replicas as number), 0);
      most = Math.max(most, replicas);
    });
    // What `kubectl rollout restart` does: a new annotation on the pod template.
    const d = store.mustGet('apps/deployments', 'cattle-system', 'rancher');
    d.spec.template.metadata.annotations = { 'kubectl.kubernetes.io/restartedAt': 'now' };
    store.update('apps/deployments', d);
    await waitFor(
      () => {
        const x = store.get('apps/deployments', 'cattle-system', 'rancher');
        return x?.status?.observedGeneration === 2 &&
          x.status.updatedReplicas === 3 &&
          x.status.availableReplicas === 3 &&
          x.status.replicas === 3 &&
          condition(x, 'Progressing')?.reason === 'NewReplicaSetAvailable'
          ? x
          : undefined;
      },
      20_000,
      'the rollout through required anti-affinity',
    );
    off();
    expect(most).toBeLessThanOrEqual(4);
    const pods = await waitFor(() => {
      const all = store.list('pods', { namespace: 'cattle-system' });
      return all.length === 3 ? all : undefined;
    });
    expect(new Set(pods.map((p) => p.spec.nodeName)).size).toBe(3);
    expect(pods.every((p) => p.metadata.annotations?.['kubectl.kubernetes.io/restartedAt'])).toBe(
      true,
    );
  });

  it('scales a deployment down and up', async () => {
    const { store } = start();
    store.create('namespaces', namespace('cattle-system'));
    store.create('apps/deployments', rancherDeployment());
    await waitFor(
      () => store.get('apps/deployments', 'cattle-system', 'rancher')?.status?.readyReplicas === 3,
    );
    const d = store.mustGet('apps/deployments', 'cattle-system', 'rancher');
    d.spec.replicas = 1;
    store.update('apps/deployments', d);
    await waitFor(
      () => store.list('pods', { namespace: 'cattle-system' }).length === 1,
      10_000,
      'scale down',
    );
    await waitFor(
      () => store.get('apps/deployments', 'cattle-system', 'rancher')?.status?.replicas === 1,
    );
  });

  it('deleting a deployment removes its replica sets and pods', async () => {
    const { store } = start();
    store.create('namespaces', namespace('cattle-system'));
    store.create('apps/deployments', rancherDeployment());
    await waitFor(() => store.list('pods', { namespace: 'cattle-system' }).length === 3);
    store.delete('apps/deployments', 'cattle-system', 'rancher');
    await waitFor(
      () =>
        store.list('pods', { namespace: 'cattle-system' }).length === 0 &&
        store.list('apps/replicasets', { namespace: 'cattle-system' }).length === 0,
      10_000,
      'cascading deletion',
    );
  });

  it('reports ProgressDeadlineExceeded when pods never become ready', async () => {
    const { store } = start();
    store.create('namespaces', namespace('cattle-system'));
    // The tls-ca secret never appears: the pods stay ContainerCreating.
    store.create(
      'apps/deployments',
      rancherDeployment({ privateCA: true, progressDeadlineSeconds: 5 }),
    );
    const d = await waitFor(
      () => {
        const x = store.get('apps/deployments', 'cattle-system', 'rancher');
        return condition(x, 'Progressing')?.reason === 'ProgressDeadlineExceeded' ? x : undefined;
      },
      15_000,
      'deadline',
    );
    const rs = store.list('apps/replicasets', { namespace: 'cattle-system' })[0]!;
    expect(condition(d, 'Progressing')).toMatchObject({
      status: 'False',
      message: `ReplicaSet "${rs.metadata.name}" has timed out progressing.`,
    });
    expect(condition(d, 'Available')).toMatchObject({
      status: 'False',
      reason: 'MinimumReplicasUnavailable',
    });
  });
});

describe('daemon sets', () => {
  it('runs one ingress-nginx pod on each worker, none on masters', async () => {
    const { store } = start();
    store.create('namespaces', namespace('ingress-nginx'));
    store.create('apps/daemonsets', ingressNginx().daemonSet);
    const ds = await waitFor(
      () => {
        const x = store.get('apps/daemonsets', 'ingress-nginx', 'ingress-nginx-controller');
        return x?.status?.numberReady === 3 ? x : undefined;
      },
      15_000,
      'daemonset ready',
    );
    expect(ds.status).toMatchObject({
      desiredNumberScheduled: 3,
      currentNumberScheduled: 3,
      numberAvailable: 3,
      updatedNumberScheduled: 3,
      numberMisscheduled: 0,
      observedGeneration: 1,
    });
    const pods = store.list('pods', { namespace: 'ingress-nginx' });
    expect(pods).toHaveLength(3);
    const workers = workerNames();
    expect(new Set(pods.map((p) => p.spec.nodeName))).toEqual(workers);
    const log = lab.logs.read('ingress-nginx', pods[0]!.metadata.name, 'controller');
    expect(log).toContain('NGINX Ingress controller');
    expect(log).toContain('  Release:       v1.11.2');
  });

  it('runs on a cordoned worker, as the NodeUnschedulable plugin lets DaemonSet pods do', async () => {
    const { store } = start();
    const [cordoned] = [...workerNames()];
    const node = store.get('nodes', undefined, cordoned!)!;
    store.update('nodes', { ...node, spec: { ...node.spec, unschedulable: true } });
    store.create('namespaces', namespace('ingress-nginx'));
    store.create('apps/daemonsets', ingressNginx().daemonSet);
    await waitFor(
      () =>
        store.get('apps/daemonsets', 'ingress-nginx', 'ingress-nginx-controller')?.status
          ?.numberReady === 3,
      15_000,
      'daemonset ready on all three workers',
    );
    expect(
      store.list('pods', { namespace: 'ingress-nginx' }).map((p) => p.spec.nodeName),
    ).toContain(cordoned);
  });

  it('runs on masters too when the taint is tolerated', async () => {
    const { store } = start();
    store.create('namespaces', namespace('ingress-nginx'));
    const { daemonSet } = ingressNginx();
    daemonSet.spec.template.spec.tolerations = [
      { key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' },
    ];
    store.create('apps/daemonsets', daemonSet);
    await waitFor(
      () =>
        store.get('apps/daemonsets', 'ingress-nginx', 'ingress-nginx-controller')?.status
          ?.numberReady === 6,
      15_000,
    );
  });
});
