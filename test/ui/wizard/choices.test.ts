import { describe, expect, it } from 'vitest';
import { detailLines } from '../../../source/ui/wizard/choice-list.js';
import { describeCluster, reuseClusterPatch } from '../../../source/ui/wizard/existing-cluster.js';
import {
  currentLoadBalancerChoice,
  loadBalancerChoices,
  loadBalancerPatch,
} from '../../../source/ui/wizard/load-balancer-choice.js';
import { DEFAULT_PLANS } from '../../../source/lab/pks/plans.js';
import {
  initialPlan,
  planConcerns,
  planDetail,
  planSize,
} from '../../../source/ui/wizard/plan-choice.js';
import { parseReplicas } from '../../../source/ui/wizard/rancher-options.js';
import {
  existingCluster,
  haPlan,
  lockedPlan,
  mediumProfile,
  smallPlan,
} from './wizard-fixtures.js';

describe('plans', () => {
  it('shows masters and workers, with ? where the API does not say', () => {
    expect(planSize(haPlan)).toBe('3 masters, 3 workers');
    expect(planSize({ id: 'x', name: 'x', description: '', workerInstances: 1 })).toBe(
      '? masters, 1 worker',
    );
  });

  it('says the counts once when the description restates them, and keeps what it adds', () => {
    const detail = Object.fromEntries(DEFAULT_PLANS.map((p) => [p.name, planDetail(p)]));
    expect(detail).toMatchObject({
      'dev-small': '1 master, 2 workers (max 4)',
      'prod-large': '3 masters, 10 workers (max 20)',
      'dev-tiny': '1 master, 1 worker (max 2) · auto-adds DNS record upon completion.',
      rancher:
        '3 masters, 3 workers (max 10) · Deploys HA configuration with 3 workers for testing Rancher HA builds.',
    });
  });

  it('starts the cursor on the chosen plan, else the first fit for HA (privileged too)', () => {
    // The lab lists dev-small, dev-large, prod-large (no privileged), dev-tiny, rancher, …
    expect(initialPlan(DEFAULT_PLANS)).toBe('rancher');
    expect(initialPlan(DEFAULT_PLANS, 'dev-small')).toBe('dev-small');
    expect(initialPlan(DEFAULT_PLANS, 'gone')).toBe('rancher');
    expect(initialPlan([smallPlan])).toBeUndefined();
  });

  it('flags plans that are not HA or do not allow privileged', () => {
    expect(planConcerns(haPlan)).toEqual([]);
    expect(planConcerns(smallPlan)).toEqual([expect.stringMatching(/^not HA/)]);
    expect(planConcerns(lockedPlan)).toEqual([expect.stringMatching(/privileged/)]);
    expect(planConcerns({ id: 'x', name: 'x', description: '' })).toEqual([]);
  });
});

describe('load-balancer choices', () => {
  it('offers new profiles per size and existing ones, without a duplicate lb-<size>', () => {
    const values = loadBalancerChoices([mediumProfile]).map((choice) => choice.value);
    expect(values).toEqual(['size:small', 'size:large', 'profile:lb-medium']);
  });

  it('maps the answers to a choice and back', () => {
    expect(currentLoadBalancerChoice({ pks: { lbSize: 'medium' } }, [mediumProfile])).toBe(
      'profile:lb-medium',
    );
    expect(currentLoadBalancerChoice({}, [])).toBe('size:small');
    expect(loadBalancerPatch('profile:lb-medium', [mediumProfile])).toEqual({
      pks: { networkProfile: 'lb-medium', lbSize: 'medium' },
    });
    expect(loadBalancerPatch('size:large', [])).toEqual({
      pks: { lbSize: 'large', networkProfile: undefined },
    });
  });
});

describe('existing cluster', () => {
  it('takes plan, API hostname, profile and its size from the cluster', () => {
    expect(reuseClusterPatch(existingCluster, [mediumProfile])).toEqual({
      pks: {
        cluster: 'czpksrancher05',
        plan: 'rancher',
        externalHostname: 'czpksrancher05.sovsystems.com',
        networkProfile: 'lb-medium',
        lbSize: 'medium',
      },
    });
    expect(describeCluster(existingCluster)).toContain('plan rancher');
  });
});

describe('replicas', () => {
  it('defaults when empty and explains what is wrong', () => {
    expect(parseReplicas('')).toEqual({ value: 3 });
    expect(parseReplicas(' 5 ')).toEqual({ value: 5 });
    expect(parseReplicas('three')).toEqual({
      problem: expect.stringMatching(/whole number.*"three"/),
    });
    expect(parseReplicas('0')).toEqual({ problem: expect.stringMatching(/at least 1/) });
  });
});

describe('an item detail that wraps', () => {
  it('goes on beside the label, then on lines under the label, never at column 0', () => {
    const { beside, under } = detailLines(
      'rancher  3 masters, 3 workers (max 10)',
      'Deploys HA configuration with 3 workers for testing Rancher HA builds.',
      77,
    );
    expect(beside).toBe('Deploys HA configuration with 3');
    expect(under).toEqual(['workers for testing Rancher HA builds.']);
  });

  it('fits on one line when there is room', () => {
    expect(detailLines('small', 'a b c', 40)).toEqual({ beside: 'a b c', under: [] });
  });
});
