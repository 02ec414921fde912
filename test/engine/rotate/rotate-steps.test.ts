import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../../source/config/config.js';
import type { StepContext } from '../../../source/engine/contract.js';
import { caChecksum } from '../../../source/engine/desired/ca-bundle.js';
import type { Facts } from '../../../source/engine/facts.js';
import { planOf } from '../../../source/engine/plan.js';
import { rotateSummaryLines } from '../../../source/engine/rotate-summary.js';
import { renderRunbook } from '../../../source/engine/runbook.js';
import {
  rotateCaChange,
  rotateDownstreamCheck,
} from '../../../source/engine/stages/rotate-check.js';
import {
  agentsStep,
  rotateAgents,
  rotateCaSecret,
  rotateRestart,
} from '../../../source/engine/stages/rotate-certs.js';
import {
  agentsPin,
  pinNewCa,
  type DownstreamPorts,
} from '../../../source/engine/stages/rotate-downstream.js';
import { agentChecksum } from '../../../source/engine/desired/cluster-agent.js';
import type { RancherCluster } from '../../../source/systems/rancher-api-types.js';
import { defaultTiming } from '../../../source/engine/timing.js';
import { createCa, issueCert } from '../../../source/lab/pki.js';
import { PermanentError } from '../../../source/systems/errors.js';
import type { KubeObject } from '../../../source/systems/kube.js';
import type { Systems } from '../../../source/systems/systems.js';
import { config as configOf } from '../../checks/status/status-fixtures.js';
import { FakeKube } from './fake-kube.js';
import { agentDeployment } from './fixtures.js';

let oldCa: string;
let newTls: Config['tls'];
let newCa: string;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rpt-rotate-'));
  oldCa = (await createCa({ commonName: 'Old Root' })).certPem;
  const ca = await createCa({ commonName: 'New Root' });
  newCa = ca.certPem;
  const server = await issueCert(ca, {
    commonName: 'rancher.example.com',
    dnsNames: ['rancher.example.com'],
  });
  const at = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  newTls = {
    cert: at('rancher.cer', server.certPem),
    key: at('rancher.key', server.keyPem),
    caCerts: at('cacerts.pem', newCa),
  };
});

function setting(value: string): KubeObject {
  return {
    apiVersion: 'management.cattle.io/v3',
    kind: 'Setting',
    metadata: { name: 'cacerts' },
    value,
  };
}

function registered(id: string, name: string): KubeObject {
  return {
    apiVersion: 'management.cattle.io/v3',
    kind: 'Cluster',
    metadata: { name: id },
    spec: { displayName: name },
    status: { conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

function context(kube: FakeKube, facts: Facts = {}) {
  const progress: string[] = [];
  const ctx: StepContext = {
    config: configOf(newTls),
    systems: { kube: () => kube } as unknown as Systems,
    facts,
    signal: new AbortController().signal,
    timing: defaultTiming,
    secrets: {},
    progress: (m) => progress.push(m),
    manual: () => {},
    panel: () => {},
    waiting: () => {},
    checked: () => {},
  };
  return { ctx, progress };
}

describe('rotate.ca-change', () => {
  it('the CA Rancher loaded is the new one: only the server certificate changes', async () => {
    const { ctx, progress } = context(new FakeKube([setting(newCa)]));
    await rotateCaChange.run(ctx);
    expect(ctx.facts.rotate?.caChanges).toBe(false);
    expect(progress[0]).toMatch(/^the CA stays: only the server certificate changes/);
  });

  it('another CA loaded: the CA changes; decided once, a resume keeps it', async () => {
    const { ctx, progress } = context(new FakeKube([setting(oldCa)]));
    await rotateCaChange.run(ctx);
    expect(ctx.facts.rotate?.caChanges).toBe(true);
    expect(progress[0]).toMatch(/^the CA changes: Rancher restarts/);
    expect(await rotateCaChange.isDone!(ctx)).toBe(true);
  });

  it('without the setting, the tls-ca secret decides', async () => {
    const secret: KubeObject = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'tls-ca', namespace: 'cattle-system' },
      data: { 'cacerts.pem': Buffer.from(newCa).toString('base64') },
    };
    const { ctx, progress } = context(new FakeKube([secret]));
    await rotateCaChange.run(ctx);
    expect(ctx.facts.rotate?.caChanges).toBe(false);
    expect(progress[0]).toContain('compared with secret tls-ca');
  });
});

describe('rotate.downstream: a CA change refuses while some agents cannot be told', () => {
  const kube = () =>
    new FakeKube([
      registered('local', 'local'),
      registered('c-aaaaa', 'edge-01'),
      registered('c-bbbbb', 'legacy'),
    ]);
  const imported = [{ name: 'edge-01', clusterId: 'c-aaaaa', kubeconfig: '/k/edge-01.yaml' }];

  it('names the clusters that would lose their connection and changes nothing', async () => {
    const { ctx } = context(kube(), { rotate: { force: false, caChanges: true, imported } });
    const refused = await rotateDownstreamCheck.run(ctx).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PermanentError);
    expect((refused as PermanentError).message).toBe(
      'the CA changes and 1 registered cluster will lose its connection (not imported by this tool, or not reachable from here): legacy (c-bbbbb); nothing was changed',
    );
    expect((refused as PermanentError).remedy).toMatch(/--force/);
  });

  it('with --force, goes on and says whose agents to update by hand', async () => {
    const { ctx, progress } = context(kube(), {
      rotate: { force: true, caChanges: true, imported },
    });
    await rotateDownstreamCheck.run(ctx);
    expect(progress).toEqual([
      'imported by this tool, their agents get the new CA checksum: edge-01 (c-aaaaa)',
      expect.stringMatching(/^--force: 1 registered cluster will lose its connection .*legacy/),
    ]);
    expect(ctx.facts.rotate?.registered).toEqual(['edge-01', 'legacy']);
  });

  it('only local registered: nothing to tell, no refusal', async () => {
    const { ctx, progress } = context(new FakeKube([registered('local', 'local')]), {
      rotate: { force: false, caChanges: true },
    });
    await rotateDownstreamCheck.run(ctx);
    expect(progress).toEqual([
      'no downstream cluster is registered in Rancher (besides local): none to tell',
    ]);
  });

  it('the CA stays: skipped, as are the CA secret, the restart and the agents', async () => {
    const { ctx } = context(new FakeKube(), { rotate: { force: false, caChanges: false } });
    for (const step of [rotateDownstreamCheck, rotateCaSecret, rotateRestart, rotateAgents])
      expect(await step.isDone!(ctx), step.id).toMatch(/^the CA stays/);
  });
});

describe("the agents' checksum, through each downstream cluster's API", () => {
  it('pins the new checksum once; a second time changes nothing', async () => {
    const downstream = new FakeKube([agentDeployment('old')]);
    const sum = caChecksum(newCa);
    expect(await agentsPin(downstream, sum)).toBe(false);
    expect(await pinNewCa(downstream, sum)).toEqual(['deployment/cattle-cluster-agent']);
    expect(await agentsPin(downstream, sum)).toBe(true);
    expect(await pinNewCa(downstream, sum)).toEqual([]);
    expect(downstream.writes).toEqual(['replace Deployment/cattle-cluster-agent']);
  });

  it('a cluster without the agent is an error that names it', async () => {
    await expect(pinNewCa(new FakeKube(), 'x')).rejects.toThrow(
      'no cattle-cluster-agent in cattle-system: the cluster has no Rancher agent',
    );
  });
});

describe('rotate.agents: each imported cluster told the new CA, then Active again', () => {
  /** Rancher sees a cluster Active once its agent pins Rancher's CA (the agent restarts with it). */
  function fakeDownstream(names: string[]) {
    const kubes = new Map(names.map((n) => [n, new FakeKube([agentDeployment('old')])]));
    const ports: DownstreamPorts = {
      async clusters() {
        const sum = caChecksum(newCa);
        return [
          { id: 'local', name: 'local', state: 'active', labels: {}, conditions: [] },
          ...names.map((n): RancherCluster => ({
            id: `c-${n}`,
            name: n,
            state:
              agentChecksum(kubes.get(n)!.objects.values().next().value!) === sum
                ? 'active'
                : 'unavailable',
            labels: {},
            conditions: [],
          })),
        ];
      },
      agentKube: async (t) => kubes.get(t.name)!,
    };
    return { kubes, ports };
  }

  it('updates the agents of the imported clusters and waits for Active; then it is done', async () => {
    const { kubes, ports } = fakeDownstream(['edge-01', 'edge-02']);
    const step = agentsStep(() => ports);
    const imported = [
      { name: 'edge-01', clusterId: 'c-edge-01', kubeconfig: '/k/1' },
      { name: 'edge-02', clusterId: 'c-edge-02', pksCluster: 'edge-02' },
    ];
    const { ctx, progress } = context(new FakeKube(), {
      rotate: { force: false, caChanges: true, imported },
    });
    expect(await step.isDone!(ctx)).toBe(false);
    await step.run(ctx);
    const sum = caChecksum(newCa);
    expect(progress).toContain(
      `edge-01: deployment/cattle-cluster-agent now pins CATTLE_CA_CHECKSUM=${sum.slice(0, 12)}…`,
    );
    expect(progress.at(-1)).toBe('2 clusters Active');
    for (const k of kubes.values())
      expect(k.writes).toEqual(['replace Deployment/cattle-cluster-agent']);
    expect(await step.isDone!(ctx)).toBe(true);
  });

  it('nothing imported: skipped with its reason', async () => {
    const { ports } = fakeDownstream([]);
    const { ctx } = context(new FakeKube(), { rotate: { force: true, caChanges: true } });
    expect(await agentsStep(() => ports).isDone!(ctx)).toBe(
      'no cluster imported by this tool to update',
    );
  });
});

describe('the rotation as a plan', () => {
  it('checks before it changes anything, then proves each change', () => {
    expect(planOf('rotate-certs').map((s) => [s.id, s.steps.map((t) => t.id)])).toEqual([
      ['rotate-check', ['rotate.validate', 'rotate.ca-change', 'rotate.downstream']],
      [
        'rotate-certs',
        [
          'rotate.tls-secret',
          'rotate.ca-secret',
          'rotate.served',
          'rotate.restart',
          'rotate.agents',
          'rancher.ping',
          'finish.local-cluster',
        ],
      ],
    ]);
  });

  it('its runbook prints every command, the in-place updates as Rancher documents them', () => {
    const text = renderRunbook(planOf('rotate-certs'), configOf(newTls), 'rotate-certs');
    expect(text.split('\n')[0]).toBe(
      `# Rotate Rancher's certificate (rancher.example.com) on cluster c1: ${newTls.cert}, ${newTls.key}, CA ${newTls.caCerts}`,
    );
    for (const line of [
      `$ kubectl -n cattle-system create secret tls tls-rancher-ingress --cert=${newTls.cert} --key=${newTls.key} --dry-run=client -o yaml | kubectl apply -f -`,
      `$ kubectl -n cattle-system create secret generic tls-ca --from-file=cacerts.pem=${newTls.caCerts} --dry-run=client -o yaml | kubectl apply -f -`,
      '$ kubectl -n cattle-system rollout restart deploy/rancher',
      '$ kubectl -n cattle-system rollout status deploy/rancher',
      `$ sha256sum ${newTls.caCerts}`,
      '$ kubectl --kubeconfig <DOWNSTREAM_KUBECONFIG> -n cattle-system set env deploy/cattle-cluster-agent CATTLE_CA_CHECKSUM=<CHECKSUM>',
      '$ kubectl get clusters.management.cattle.io',
    ])
      expect(text).toContain(line);
  });

  it('its summary says whether the CA changed, and whose agents were told or need a hand', () => {
    const c = configOf(newTls);
    expect(rotateSummaryLines(c, { rotate: { force: false, caChanges: false } }, '/t.log')).toEqual(
      [
        `https://rancher.example.com serves ${newTls.cert}, verified with ${newTls.caCerts}`,
        '  the CA stayed: Rancher kept running, downstream agents untouched',
        '  transcript: /t.log',
      ],
    );
    const changed = rotateSummaryLines(
      c,
      {
        rotate: {
          force: true,
          caChanges: true,
          imported: [{ name: 'edge-01', clusterId: 'c-aaaaa', context: 'edge-01' }],
          registered: ['edge-01', 'legacy'],
        },
      },
      '/t.log',
    );
    expect(changed[1]).toBe(
      '  the CA changed: Rancher restarted and serves it at https://rancher.example.com/cacerts; agents updated and Active: edge-01',
    );
    expect(changed[2]).toBe("  update these agents' CATTLE_CA_CHECKSUM by hand (--force): legacy");
  });
});
