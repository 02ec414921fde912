import { afterEach, describe, expect, it } from 'vitest';
import type { ContainerProgram } from '../../../source/lab/controllers/container-program.js';
import { startEdgeControllers } from '../../../source/lab/edge/edge-controllers.js';
import type { KubeObject } from '../../../source/lab/kube/object.js';
import { createFakeLab, waitFor, type FakeLab } from '../helpers/fake-lab.js';

let lab: FakeLab;
let stop: () => void = () => {};

/** A container whose image is `exit:N` prints its name and exits N. */
const exits: ContainerProgram = ({ container }) => {
  const m = /^exit:(\d+)$/.exec(container.image);
  return m
    ? { lines: [`${container.name} exits ${m[1]}`], exit: { exitCode: Number(m[1]) }, runMs: 10 }
    : undefined;
};

function start(kubeVersion = 'v1.31.4', timescale = 0): FakeLab {
  lab = createFakeLab({ masters: 1, workers: 1, kubeVersion, timescale });
  stop = startEdgeControllers({ ...lab.ctx, programs: [exits] });
  return lab;
}

afterEach(() => {
  stop();
  lab.stop();
});

function job(name: string, image: string, spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: 'default' },
    spec: {
      backoffLimit: 0,
      ...spec,
      template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image }] } },
    },
  };
}

function types(obj: KubeObject | undefined): string[] {
  return ((obj?.status?.conditions ?? []) as { type: string }[]).map((c) => c.type);
}

const jobPods = (name: string) =>
  lab.store.list('pods', {
    namespace: 'default',
    labelSelector: `batch.kubernetes.io/job-name=${name}`,
  });

describe('the job controller', () => {
  it('runs one pod per Job to completion: labels, owner, exit code, conditions, logs', async () => {
    const { store, logs } = start();
    const created = store.create('batch/jobs', job('ok', 'exit:0'));
    const uid = created.metadata.uid!;
    expect(created.spec.selector).toEqual({
      matchLabels: { 'batch.kubernetes.io/controller-uid': uid },
    });
    expect(created.spec).toMatchObject({
      completions: 1,
      parallelism: 1,
      completionMode: 'NonIndexed',
      suspend: false,
    });
    const done = await waitFor(() => {
      const j = store.get('batch/jobs', 'default', 'ok');
      return types(j).includes('Complete') ? j : undefined;
    });
    expect(types(done)).toEqual(['SuccessCriteriaMet', 'Complete']);
    expect(done.status).toMatchObject({ succeeded: 1, ready: 0 });
    expect(done.status.completionTime).toBeDefined();
    const [pod] = jobPods('ok');
    expect(pod!.metadata.name).toMatch(/^ok-[a-z0-9]{5}$/);
    expect(pod!.metadata.labels).toMatchObject({
      'job-name': 'ok',
      'controller-uid': uid,
      'batch.kubernetes.io/controller-uid': uid,
    });
    expect(pod!.metadata.ownerReferences).toEqual([
      expect.objectContaining({ kind: 'Job', name: 'ok', uid, controller: true }),
    ]);
    expect(pod!.status.phase).toBe('Succeeded');
    expect(pod!.status.containerStatuses[0].state.terminated).toMatchObject({
      exitCode: 0,
      reason: 'Completed',
    });
    expect(logs.read('default', pod!.metadata.name, 'main')).toEqual(['main exits 0']);
  });

  it('fails a Job past its backoffLimit, the exit code in the pod status', async () => {
    const { store } = start();
    store.create('batch/jobs', job('bad', 'exit:7', { backoffLimit: 1 }));
    const failed = await waitFor(() => {
      const j = store.get('batch/jobs', 'default', 'bad');
      return types(j).includes('Failed') ? j : undefined;
    }, 20_000);
    expect(types(failed)).toEqual(['FailureTarget', 'Failed']);
    expect(failed.status.conditions[1]).toMatchObject({
      reason: 'BackoffLimitExceeded',
      message: 'Job has reached the specified backoff limit',
    });
    expect(failed.status.failed).toBe(2);
    const pods = jobPods('bad');
    expect(pods).toHaveLength(2);
    for (const p of pods) {
      expect(p.status.phase).toBe('Failed');
      expect(p.status.containerStatuses[0].state.terminated).toMatchObject({
        exitCode: 7,
        reason: 'Error',
      });
    }
  });

  it('before v1.31 adds only the terminal condition', async () => {
    const { store } = start('v1.23.17');
    store.create('batch/jobs', job('old', 'exit:0'));
    const done = await waitFor(() => {
      const j = store.get('batch/jobs', 'default', 'old');
      return types(j).includes('Complete') ? j : undefined;
    });
    expect(types(done)).toEqual(['Complete']);
  });

  it('deletes a finished Job and its pods after ttlSecondsAfterFinished', async () => {
    // 100 simulated seconds are 1 real second: time to see it finished first.
    const { store } = start('v1.31.4', 0.01);
    store.create('batch/jobs', job('short', 'exit:0', { ttlSecondsAfterFinished: 100 }));
    await waitFor(() => types(store.get('batch/jobs', 'default', 'short')).includes('Complete'));
    await waitFor(
      () => !store.get('batch/jobs', 'default', 'short') && jobPods('short').length === 0,
    );
  });

  it('completes a Job no program claims after a short simulated run (unverified timing)', async () => {
    const { store } = start();
    store.create('batch/jobs', job('plain', 'busybox:1.36'));
    await waitFor(() => types(store.get('batch/jobs', 'default', 'plain')).includes('Complete'));
  });

  it('refuses a Job whose pods would restart Always, as the API server does', () => {
    const { store } = start();
    const always = job('always', 'exit:0');
    always.spec.template.spec.restartPolicy = 'Always';
    expect(() => store.create('batch/jobs', always)).toThrow(
      'spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"',
    );
  });
});
