import { describe, expect, it } from 'vitest';
import { rolloutStatus } from '../../../source/engine/desired/rollout-status.js';
import type { KubeObject } from '../../../source/systems/kube.js';

const deploy = (generation: number, status: Record<string, number>): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'rancher', generation },
  spec: { replicas: 3 },
  status,
});

describe('rolloutStatus (kubectl rollout status)', () => {
  it('is not done while old ready pods remain, though three pods are ready', () => {
    const mid = deploy(2, {
      observedGeneration: 2,
      replicas: 4,
      updatedReplicas: 1,
      readyReplicas: 3,
      availableReplicas: 3,
    });
    expect(rolloutStatus(mid)).toEqual({
      done: false,
      message: '1 of 3 new replicas have been updated',
    });
    const tail = deploy(2, {
      observedGeneration: 2,
      replicas: 4,
      updatedReplicas: 3,
      availableReplicas: 3,
    });
    expect(rolloutStatus(tail).message).toBe('1 old replicas are pending termination');
  });

  it('waits for the controller to see the new spec', () => {
    expect(
      rolloutStatus(
        deploy(3, { observedGeneration: 2, replicas: 3, updatedReplicas: 3, availableReplicas: 3 }),
      ).done,
    ).toBe(false);
  });

  it('is done when every replica is new and available', () => {
    expect(
      rolloutStatus(
        deploy(2, { observedGeneration: 2, replicas: 3, updatedReplicas: 3, availableReplicas: 3 }),
      ),
    ).toEqual({ done: true, message: '3 of 3 replicas updated and available' });
  });
});
