import type { Config } from '../../../source/config/config.js';
import type { Inventory, InventoryRow } from '../../../source/config/inventory.js';
import type { RunEvent } from '../../../source/engine/contract.js';
import type { Facts } from '../../../source/engine/facts.js';
import type { DownstreamKube, FleetSystems } from '../../../source/engine/fleet/fleet-systems.js';
import { runPlan, type RunStatus } from '../../../source/engine/runner.js';
import { importPlan } from '../../../source/engine/stages/import.js';
import { defaultTiming } from '../../../source/engine/timing.js';
import type { KubeObject, ObjectRef } from '../../../source/systems/kube.js';
import {
  RancherApiError,
  type RancherApi,
  type RancherCluster,
  type RancherRegistration,
} from '../../../source/systems/rancher-api-types.js';
import type { Systems } from '../../../source/systems/systems.js';
import { TransientError } from '../../../source/systems/errors.js';

/**
 * An in-memory Rancher v3 API for the engine's tests: clusters by id and name, registration
 * tokens, a manifest naming the cluster; a cluster turns active once its agent "connects"
 * (the fake downstream's apply of the agent Deployment calls connect()).
 */
export class FakeRancher implements RancherApi {
  calls = 0;
  readonly clustersById = new Map<string, RancherCluster>();
  #next = 1;
  /** Fail the next N calls of a method with this error. */
  faults: { method: keyof RancherApi; times: number; error: () => Error }[] = [];
  /** Creates that succeed at Rancher but whose answer is lost (a 502 after the commit). */
  lostCreates = 0;
  creates = 0;
  /** Names whose registration token stays empty this many reads. */
  emptyTokenReads = 0;

  #fault(method: keyof RancherApi): void {
    this.calls += 1;
    const fault = this.faults.find((f) => f.method === method && f.times > 0);
    if (fault) {
      fault.times -= 1;
      throw fault.error();
    }
  }

  add(
    name: string,
    labels: Record<string, string> = {},
    state = 'active',
    driver = 'imported',
  ): RancherCluster {
    const cluster: RancherCluster = {
      id: `c-${String(this.#next++).padStart(5, '0')}`,
      name,
      state,
      labels,
      driver,
      conditions: [],
    };
    this.clustersById.set(cluster.id, cluster);
    return cluster;
  }

  named(name: string): RancherCluster[] {
    return [...this.clustersById.values()].filter((c) => c.name === name);
  }

  connect(clusterId: string): void {
    const c = this.clustersById.get(clusterId);
    if (c) c.state = 'active';
  }

  async clusters(): Promise<RancherCluster[]> {
    this.#fault('clusters');
    return [...this.clustersById.values()].map((c) => structuredClone(c));
  }
  async clusterNamed(name: string): Promise<RancherCluster | undefined> {
    this.#fault('clusterNamed');
    const found = this.named(name)[0];
    return found ? structuredClone(found) : undefined;
  }
  async cluster(id: string): Promise<RancherCluster | undefined> {
    this.#fault('cluster');
    const found = this.clustersById.get(id);
    return found ? structuredClone(found) : undefined;
  }
  async createCluster(name: string, labels: Record<string, string>): Promise<RancherCluster> {
    this.#fault('createCluster');
    this.creates += 1;
    const made = this.add(name, labels, 'pending');
    if (this.lostCreates > 0) {
      this.lostCreates -= 1;
      throw new RancherApiError('POST /v3/clusters: 502 Bad Gateway', 502, true);
    }
    return structuredClone(made);
  }
  async registration(clusterId: string): Promise<RancherRegistration> {
    this.#fault('registration');
    const token = this.emptyTokenReads-- > 0 ? '' : `tok${clusterId}secret`;
    const manifestUrl = `https://rancher.lab.test/v3/import/${token}_${clusterId}.yaml`;
    return {
      id: `crt-${clusterId}`,
      clusterId,
      token,
      manifestUrl,
      command: `kubectl apply -f ${manifestUrl}`,
    };
  }
  async manifest(registration: RancherRegistration): Promise<string> {
    this.#fault('manifest');
    return [
      'apiVersion: v1',
      'kind: Namespace',
      'metadata:',
      '  name: cattle-system',
      '---',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: cattle-cluster-agent',
      '  namespace: cattle-system',
      '  annotations:',
      `    fake/cluster-id: ${registration.clusterId}`,
      'spec: {}',
      '',
    ].join('\n');
  }
  async deleteCluster(id: string): Promise<void> {
    this.#fault('deleteCluster');
    this.clustersById.delete(id);
  }
}

/** Reachability outcomes the fake Job's pod ends with: curl's exit code and its line. */
export type FakeReach = { exitCode: number; log: string };

/** A downstream cluster: applies recorded; the agent Deployment "connects" to the fake Rancher. */
export class FakeDownstream implements DownstreamKube {
  readonly applied: KubeObject[] = [];
  readonly objects = new Map<string, KubeObject>();
  unreachable = false;
  kubeVersion = 'v1.33.2';
  /** The agent never connects (can't resolve Rancher from the pods). */
  agentStuck = false;
  reach: FakeReach = { exitCode: 0, log: 'pong' };
  #uid = 0;

  constructor(private readonly rancher: FakeRancher) {}

  #key(ref: { apiVersion?: string; kind?: string; name?: string; namespace?: string }): string {
    return `${ref.apiVersion}/${ref.kind}/${ref.namespace ?? ''}/${ref.name}`;
  }
  #check(): void {
    if (this.unreachable) throw new TransientError('connect ECONNREFUSED 127.0.0.1:6443');
  }
  async version(): Promise<string> {
    this.#check();
    return this.kubeVersion;
  }
  async apply<T extends KubeObject>(obj: T): Promise<T> {
    this.#check();
    const stored = structuredClone(obj);
    stored.metadata = { ...stored.metadata, uid: `uid-${++this.#uid}` };
    this.applied.push(stored);
    this.objects.set(this.#key({ ...obj, ...obj.metadata }), stored);
    const clusterId = obj.metadata?.annotations?.['fake/cluster-id'];
    if (obj.kind === 'Deployment' && clusterId && !this.agentStuck) this.rancher.connect(clusterId);
    if (obj.kind === 'Job') {
      const pod = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: `${obj.metadata!.name}-abcde`,
          namespace: obj.metadata!.namespace,
          ownerReferences: [{ uid: stored.metadata!.uid! }],
        },
        status: {
          phase: 'Failed',
          containerStatuses: [{ state: { terminated: { exitCode: this.reach.exitCode } } }],
        },
      } as unknown as KubeObject;
      this.objects.set(this.#key({ apiVersion: 'v1', kind: 'Pod', ...pod.metadata }), pod);
    }
    return stored;
  }
  async get<T extends KubeObject = KubeObject>(ref: ObjectRef): Promise<T | undefined> {
    this.#check();
    return this.objects.get(this.#key(ref)) as T | undefined;
  }
  async list<T extends KubeObject = KubeObject>(
    apiVersion: string,
    kind: string,
    options: { namespace?: string } = {},
  ) {
    this.#check();
    const items = [...this.objects.values()].filter(
      (o) =>
        o.apiVersion === apiVersion &&
        o.kind === kind &&
        (!options.namespace || o.metadata?.namespace === options.namespace),
    ) as T[];
    return { items, resourceVersion: '1' };
  }
  async delete(ref: ObjectRef): Promise<boolean> {
    this.#check();
    return this.objects.delete(this.#key(ref));
  }
  async podLog(): Promise<string> {
    return this.reach.log;
  }
}

export function inventoryOf(rows: { name: string; offline?: boolean; site?: string }[]): Inventory {
  return {
    source: '/tmp/inventory.yaml',
    rows: rows.map((r, i): InventoryRow => ({
      name: r.name,
      access: r.offline
        ? { kind: 'offline' }
        : { kind: 'kubeconfig', kubeconfig: `/tmp/${r.name}.kubeconfig` },
      labels: { site: r.site ?? `store-${i}` },
      line: i + 3,
    })),
  };
}

export interface FleetWorld {
  rancher: FakeRancher;
  downstreams: Map<string, FakeDownstream>;
  bundles: Map<string, string>;
  namespaces: { count: number; perCreate: number };
  systems: FleetSystems;
}

export function fleetWorld(inventory: Inventory): FleetWorld {
  const rancher = new FakeRancher();
  rancher.add('local', {}, 'active', 'local');
  const downstreams = new Map(inventory.rows.map((r) => [r.name, new FakeDownstream(rancher)]));
  const bundles = new Map<string, string>();
  const namespaces = { count: 12, perCreate: 3 };
  const baseCreates = () => rancher.creates;
  const systems: FleetSystems = {
    rancher,
    inventory,
    downstream: async (row) => {
      const d = downstreams.get(row.name)!;
      if (d.unreachable) throw new TransientError(`connect ECONNREFUSED (${row.name})`);
      return d;
    },
    rancherHost: 'rancher.lab.test',
    caPem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
    agentImage: 'rancher/rancher-agent:v2.13.8',
    localNamespaces: async () => namespaces.count + baseCreates() * namespaces.perCreate,
    bundleDir: '/tmp/bundles',
    writeBundle: async (name, manifest) => {
      bundles.set(name, manifest);
      return `/tmp/bundles/${name}`;
    },
  };
  return { rancher, downstreams, bundles, namespaces, systems };
}

export const fastTiming = {
  ...defaultTiming,
  retryBaseMs: 1,
  minPollMs: 1,
  maxPollMs: 2,
  localClusterMs: 200,
  clusterCreateMs: 200,
  probeMs: 200,
};

export function fleetFacts(
  concurrency = 4,
  extra: Partial<NonNullable<Facts['fleet']>> = {},
): Facts {
  return {
    rancherChartVersion: '2.13.8',
    fleet: {
      inventory: '/tmp/inventory.yaml',
      concurrency,
      marker: 'install-1',
      rows: {},
      ...extra,
    },
  };
}

/** Runs the import plan (or its check stage) against the world, as the runner would. */
export async function runImport(
  world: FleetWorld,
  facts: Facts,
  options: { signal?: AbortSignal; checkOnly?: boolean; onEvent?: (e: RunEvent) => void } = {},
): Promise<{ status: RunStatus; events: RunEvent[]; facts: Facts; writes: number }> {
  const events: RunEvent[] = [];
  let writes = 0;
  const stages = importPlan();
  const status = await runPlan({
    stages: options.checkOnly ? stages.slice(0, 1) : stages,
    plan: 'import',
    context: {
      config: {
        pks: { networkProfile: 'lb-small' },
        rancher: { hostname: 'rancher.lab.test' },
      } as Config,
      systems: {
        pks: { networkProfile: async () => undefined },
        kube: () => ({
          get: async () => ({ value: 'https://rancher.lab.test' }),
          mergePatch: async () => ({}),
        }),
      } as unknown as Systems,
      facts,
      signal: options.signal ?? new AbortController().signal,
      timing: fastTiming,
      secrets: {},
      fleet: world.systems,
    },
    onEvent: (e) => {
      events.push(e);
      options.onEvent?.(e);
    },
    recorder: { step: () => {}, stageReached: () => {}, facts: () => (writes += 1) },
    sessionId: 'import-1',
  });
  return { status, events, facts, writes };
}
