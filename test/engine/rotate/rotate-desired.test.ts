import { describe, expect, it } from 'vitest';
import { caChecksum, sameCaBundle } from '../../../source/engine/desired/ca-bundle.js';
import { agentChecksum, withAgentChecksum } from '../../../source/engine/desired/cluster-agent.js';
import {
  clusterFromObject,
  downstreamPlan,
} from '../../../source/engine/desired/downstream-clusters.js';
import {
  restartedAt,
  restartPatch,
  restartStamp,
} from '../../../source/engine/desired/rollout-restart.js';
import { createCa } from '../../../source/lab/pki.js';
import type { KubeObject } from '../../../source/systems/kube.js';
import type { RancherCluster } from '../../../source/systems/rancher-api-types.js';
import { agentDeployment } from './fixtures.js';

describe('sameCaBundle: is the CA changing?', async () => {
  const root = (await createCa({ commonName: 'Root' })).certPem;
  const other = (await createCa({ commonName: 'Other Root' })).certPem;
  const intermediate = (await createCa({ commonName: 'Intermediate' })).certPem;

  it('the same certificates, re-saved (CRLF, other order, no final newline), are the same CA', () => {
    expect(sameCaBundle(root, root.replaceAll('\n', '\r\n'))).toBe(true);
    expect(sameCaBundle(intermediate + root, root + intermediate.trimEnd())).toBe(true);
  });

  it('another root, an added or dropped certificate, or nothing readable is a change', () => {
    expect(sameCaBundle(root, other)).toBe(false);
    expect(sameCaBundle(root, root + intermediate)).toBe(false);
    expect(sameCaBundle('', '')).toBe(false);
    expect(sameCaBundle('not a pem', root)).toBe(false);
  });
});

describe('caChecksum: what agents pin', () => {
  it("is sha256 hex of the bundle with one final newline, as Rancher's CAChecksum", () => {
    // printf 'abc\n' | sha256sum
    const abc = 'edeaaff3f1774ad2888673770c6d64097e391bc362d7d6fb34982ddf0efd18cb';
    expect(caChecksum('abc')).toBe(abc);
    expect(caChecksum('abc\n')).toBe(abc);
  });
});

describe('rollout restart, as kubectl does it', () => {
  it("stamps the pod template's restartedAt (RFC 3339 seconds) and nothing else", () => {
    const stamp = restartStamp(new Date('2026-12-01T21:40:05.123Z'));
    expect(stamp).toBe('2026-12-01T21:40:05Z');
    const patch = restartPatch('cattle-system', 'rancher', stamp);
    expect(patch).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'rancher', namespace: 'cattle-system' },
      spec: {
        template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': stamp } } },
      },
    });
    expect(restartedAt(patch)).toBe(stamp);
    expect(restartedAt(undefined)).toBeUndefined();
  });
});

describe('the cluster agent pins the CA checksum', () => {
  it('sets CATTLE_CA_CHECKSUM in each container that has it, leaving the rest', () => {
    const d = agentDeployment('old');
    expect(agentChecksum(d)).toBe('old');
    const updated = withAgentChecksum(d, 'new')!;
    expect(agentChecksum(updated)).toBe('new');
    const env = updated.spec.template.spec.containers[0].env as { name: string; value: string }[];
    expect(env.find((e) => e.name === 'CATTLE_SERVER')?.value).toBe('https://rancher.example.com');
    expect(agentChecksum(d)).toBe('old'); // a copy
  });

  it('changes nothing when it already pins it, or pins nothing (a public CA)', () => {
    expect(withAgentChecksum(agentDeployment('new'), 'new')).toBeUndefined();
    const unpinned: KubeObject = {
      ...agentDeployment('x'),
      spec: { template: { spec: { containers: [{ name: 'cluster-register', env: [] }] } } },
    };
    expect(withAgentChecksum(unpinned, 'new')).toBeUndefined();
  });
});

const cluster = (id: string, name: string, state = 'active'): RancherCluster => ({
  id,
  name,
  state,
  labels: {},
  conditions: [],
});

describe('downstreamPlan: whose agents a CA change reaches', () => {
  const registered = [
    cluster('local', 'local'),
    cluster('c-aaaaa', 'edge-01'),
    cluster('c-bbbbb', 'edge-02'),
    cluster('c-ccccc', 'legacy'),
    cluster('c-ddddd', 'edge-04'),
  ];

  it('tells what this tool imported and can reach; the rest lose their connection; local is Rancher', () => {
    const plan = downstreamPlan(registered, [
      { name: 'edge-01', clusterId: 'c-aaaaa', kubeconfig: '/k/edge-01.yaml' },
      { name: 'edge-02', clusterId: 'c-bbbbb' }, // offline: no way to reach it
      { name: 'edge-04', clusterId: 'c-ddddd', pksCluster: 'edge-04' },
      { name: 'gone', clusterId: 'c-zzzzz', context: 'gone' }, // no longer registered
    ]);
    expect(plan.told.map((t) => t.name)).toEqual(['edge-01', 'edge-04']);
    expect(plan.lost.map((l) => l.name)).toEqual(['edge-02', 'legacy']);
  });

  it('nothing registered but local: nothing to tell, nothing lost', () => {
    expect(downstreamPlan([cluster('local', 'local')], [])).toEqual({ told: [], lost: [] });
  });
});

describe('clusterFromObject', () => {
  it('reads a clusters.management.cattle.io object as the v3 cluster: Active when Ready', () => {
    const o = (conditions: { type: string; status: string }[]): KubeObject => ({
      apiVersion: 'management.cattle.io/v3',
      kind: 'Cluster',
      metadata: { name: 'c-aaaaa', labels: { site: 'a' } },
      spec: { displayName: 'edge-01' },
      status: { conditions, driver: 'imported' },
    });
    expect(clusterFromObject(o([{ type: 'Ready', status: 'True' }]))).toMatchObject({
      id: 'c-aaaaa',
      name: 'edge-01',
      state: 'active',
      driver: 'imported',
      labels: { site: 'a' },
    });
    expect(clusterFromObject(o([{ type: 'Connected', status: 'False' }])).state).toBe(
      'unavailable',
    );
    expect(clusterFromObject(o([])).state).toBe('pending');
  });
});
