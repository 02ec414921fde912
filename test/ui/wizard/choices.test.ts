import { describe, expect, it } from 'vitest';
import { describeCluster, reuseClusterPatch } from '../../../source/ui/wizard/existing-cluster.js';
import {
  currentLoadBalancerChoice,
  loadBalancerChoices,
  loadBalancerPatch,
} from '../../../source/ui/wizard/load-balancer-choice.js';
import { planConcerns, planSize } from '../../../source/ui/wizard/plan-choice.js';
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
