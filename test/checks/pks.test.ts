import { describe, expect, it } from 'vitest';
import {
  checkCluster,
  checkLogin,
  checkNetworkProfile,
  checkPlanExists,
  checkPlanHa,
  checkReplicas,
  checkPlanPrivileged,
  pksChecks,
  type PksReader,
} from '../../source/checks/pks.js';
import { existingClusterProblems } from '../../source/engine/desired/pks-rules.js';
import type { PksConfig } from '../../source/config/config.js';
import type { PksCluster, Plan } from '../../source/systems/pks.js';

const pks: PksConfig = {
  cli: 'pks',
  plan: 'rancher',
  cluster: 'c1',
  externalHostname: 'c1.example.com',
  networkProfile: 'lb-medium',
  lbSize: 'medium',
};

const haPlan: Plan = {
  id: '1',
  name: 'rancher',
  description: 'HA',
  masterInstances: 3,
  workerInstances: 3,
  allowPrivileged: true,
};

const cluster: PksCluster = {
  name: 'c1',
  planName: 'rancher',
  uuid: 'u',
  lastAction: 'CREATE',
  state: 'succeeded',
  description: 'Instance provisioning completed',
  masterIps: ['10.0.0.10'],
  networkProfile: 'lb-medium',
  externalHostname: 'c1.example.com',
};

describe('pks checks', () => {
  it('pks.login passes when logged in and fails with the CLI remedy otherwise', () => {
    expect(checkLogin({ ok: true }).status).toBe('pass');
    expect(checkLogin({ ok: false, message: 'not logged in', remedy: 'pks login' })).toEqual({
      id: 'pks.login',
      status: 'fail',
      message: 'not logged in',
      remedy: 'pks login',
    });
  });

  it('pks.plan-exists lists the plans there are', () => {
    expect(checkPlanExists([haPlan], 'rancher').status).toBe('pass');
    const missing = checkPlanExists([haPlan], 'nope');
    expect(missing.status).toBe('fail');
    expect(missing.message).toBe('pks.plan: there is no plan "nope" (plans: rancher)');
  });

  it('pks.plan-ha needs 3 masters and 3 workers; unknown counts warn', () => {
    expect(checkPlanHa(haPlan).status).toBe('pass');
    const single = checkPlanHa({ ...haPlan, name: 'dev-small', masterInstances: 1 });
    expect(single.status).toBe('fail');
    expect(single.message).toContain('1 master(s)');
    expect(checkPlanHa({ ...haPlan, workerInstances: 2 }).status).toBe('fail');
    const unknown: Plan = { id: '2', name: 'p', description: '', workerInstances: 3 };
    expect(checkPlanHa(unknown).status).toBe('warn');
  });

  it('pks.plan-ha counts the workers the answers ask for (pks.workers, within the plan)', () => {
    const plan = { ...haPlan, maxWorkerInstances: 10 };
    expect(checkPlanHa({ ...plan, workerInstances: 2 }, 4).status).toBe('pass');
    const few = checkPlanHa(plan, 2);
    expect(few.status).toBe('fail');
    expect(few.remedy).toBe('set pks.workers to 3 or more, or leave it out');
    const many = checkPlanHa(plan, 11);
    expect(many).toMatchObject({
      status: 'fail',
      message: 'pks.workers: plan rancher allows at most 10 workers, not 11',
    });
  });

  it('rancher.replicas: warns before anything changes when pods cannot each have a worker', () => {
    expect(checkReplicas(haPlan, undefined, 3).status).toBe('pass');
    const many = checkReplicas(haPlan, undefined, 100);
    expect(many).toMatchObject({
      status: 'warn',
      message:
        '100 replicas on 3 workers: at most 3 get a node of their own, so anti-affinity stays "preferred" and several pods share a node',
    });
    expect(checkReplicas(haPlan, 5, 5).status).toBe('pass');
    expect(checkReplicas(haPlan, undefined, 1).message).toContain('not highly available');
  });

  it('pks.plan-privileged: false fails, unknown warns that the CLI cannot tell', () => {
    expect(checkPlanPrivileged(haPlan).status).toBe('pass');
    expect(checkPlanPrivileged({ ...haPlan, allowPrivileged: false }).status).toBe('fail');
    const { allowPrivileged: _, ...unknown } = haPlan;
    const result = checkPlanPrivileged(unknown);
    expect(result.status).toBe('warn');
    expect(result.message).toContain('cannot be known from the CLI; check Allow Privileged');
  });

  it('pks.network-profile: absent will be created, the size must match, a cluster keeps its profile', () => {
    expect(checkNetworkProfile(undefined, pks).message).toContain('does not exist yet');
    const medium = { name: 'lb-medium', description: '', lbSize: 'medium', parameters: {} };
    expect(checkNetworkProfile(medium, pks).status).toBe('pass');
    const small = checkNetworkProfile({ ...medium, lbSize: 'small' }, pks);
    expect(small.status).toBe('fail');
    expect(small.message).toBe(
      'pks.networkProfile: lb-medium exists with lb_size small, not medium',
    );
    // No lb_size means small (PKS's default).
    expect(
      checkNetworkProfile({ name: 'lb-medium', description: '', parameters: {} }, pks).status,
    ).toBe('fail');
    const clash = checkNetworkProfile(medium, pks, { ...cluster, networkProfile: 'lb-small' });
    expect(clash.status).toBe('fail');
    expect(clash.message).toContain("an existing cluster's load balancer size cannot change");
  });

  it('pks.cluster: absent passes, succeeded passes, mismatches fail, in progress is waited for', () => {
    expect(checkCluster(undefined, pks).message).toContain('does not exist yet');
    expect(checkCluster(cluster, pks).status).toBe('pass');
    expect(checkCluster({ ...cluster, planName: 'small' }, pks).status).toBe('fail');
    expect(checkCluster({ ...cluster, state: 'in progress', masterIps: [] }, pks).status).toBe(
      'pass',
    );
    expect(checkCluster({ ...cluster, state: 'failed' }, pks).status).toBe('fail');
    // The profile clash is pks.network-profile's to report, not pks.cluster's.
    expect(checkCluster({ ...cluster, networkProfile: 'lb-small' }, pks).status).toBe('pass');
  });

  it('existingClusterProblems gives the create step the messages it always threw', () => {
    const [first] = existingClusterProblems({ ...cluster, externalHostname: 'x.example.com' }, pks);
    expect(first).toEqual({
      field: 'pks.externalHostname',
      message: 'pks.externalHostname: c1 was created with x.example.com',
      remedy: 'set pks.externalHostname to x.example.com',
    });
  });
});

function reader(overrides: Partial<PksReader> = {}): PksReader {
  return {
    loggedIn: async () => ({ ok: true }),
    plans: async () => [haPlan],
    networkProfile: async () => undefined,
    cluster: async () => undefined,
    ...overrides,
  };
}

describe('pksChecks', () => {
  it('runs every pks check in order', async () => {
    const { results, cluster: found } = await pksChecks(reader(), pks);
    expect(results.map((r) => [r.id, r.status])).toEqual([
      ['pks.login', 'pass'],
      ['pks.plan-exists', 'pass'],
      ['pks.plan-ha', 'pass'],
      ['pks.plan-privileged', 'pass'],
      ['rancher.replicas', 'pass'],
      ['pks.network-profile', 'pass'],
      ['pks.cluster', 'pass'],
    ]);
    expect(found).toBeUndefined();
  });

  it('skips the rest when the CLI is not logged in', async () => {
    const { results } = await pksChecks(
      reader({ loggedIn: async () => ({ ok: false, message: 'no', remedy: 'log in' }) }),
      pks,
    );
    expect(results[0]!.status).toBe('fail');
    expect(results.slice(1).every((r) => r.status === 'skip')).toBe(true);
  });

  it('turns a failed read into that check’s failure', async () => {
    const { results } = await pksChecks(
      reader({
        cluster: async () => {
          throw Object.assign(new Error('boom'), { remedy: 'retry' });
        },
      }),
      pks,
    );
    expect(results.find((r) => r.id === 'pks.cluster')).toMatchObject({
      status: 'fail',
      message: 'boom',
      remedy: 'retry',
    });
  });

  it('skips the plan details when the plan is missing', async () => {
    const { results } = await pksChecks(reader({ plans: async () => [] }), pks);
    expect(results.find((r) => r.id === 'pks.plan-ha')!.status).toBe('skip');
  });
});
