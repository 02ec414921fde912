import { createHash } from 'node:crypto';
import { ApiError } from '../kube/api-error.js';
import type { KubeObject } from '../kube/object.js';
import type { Store } from '../kube/store.js';
import type { Condition } from './norman.js';

export const clustersKey = 'management.cattle.io/clusters';
const projectsKey = 'management.cattle.io/projects';
/** pkg/controllers/management/auth/project_cluster/common.go reconcileResourceToNamespace. */
const systemNamespace = { 'management.cattle.io/system-namespace': 'true' };
/** project_cluster/cluster_handler.go defaultProjectLabels / systemProjectLabels. */
const projectLabels = {
  Default: { 'authz.management.cattle.io/default-project': 'true' },
  System: { 'authz.management.cattle.io/system-project': 'true' },
};
/** fleetcluster.go assignWorkspace: every cluster but `local` goes to fleet-default. */
const fleetWorkspace = 'fleet-default';

export interface NewCluster {
  name: string;
  description: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  creatorId: string;
}

function now(): string {
  return new Date().toISOString().replace(/\.\d+Z$/, 'Z');
}

function cond(type: string, status: Condition['status'], message?: string): Condition {
  return { type, status, ...(message ? { message } : {}), lastUpdateTime: now() };
}

/** Sets a condition in place, keeping the order others were added in (norman's state reads it). */
function setCondition(conditions: Condition[], next: Condition): Condition[] {
  const i = conditions.findIndex((c) => c.type === next.type);
  if (i < 0) return [...conditions, next];
  const copy = [...conditions];
  copy[i] = { ...conditions[i], ...next };
  if (!next.message) delete copy[i]!.message;
  if (!next.reason) delete copy[i]!.reason;
  return copy;
}

export function conditionsOf(cluster: KubeObject): Condition[] {
  return (cluster.status?.conditions as Condition[] | undefined) ?? [];
}

/**
 * Fleet's namespace for a registered cluster: `cluster-<namespace>-<name>-<hash>`, the
 * documented format of fleet's Cluster.Status.Namespace (names.SafeConcatName with
 * KeyHash(namespace+"::"+name)); the hash's length here is (unverified).
 */
export function fleetClusterNamespace(clusterId: string): string {
  const hash = createHash('sha256').update(`${fleetWorkspace}::${clusterId}`).digest('hex');
  return `cluster-${fleetWorkspace}-${clusterId}-${hash.slice(0, 12)}`;
}

/**
 * Imported clusters in the Rancher cluster's store (clusters.management.cattle.io), and what
 * Rancher's controllers make for each in the local cluster. Every namespace here costs an
 * NSX-T /24 on PKS, which is what the fleet import measures.
 */
export class Clusters {
  constructor(private readonly store: Store) {}

  list(): KubeObject[] {
    return this.store.list(clustersKey);
  }

  get(id: string): KubeObject | undefined {
    return this.store.get(clustersKey, undefined, id);
  }

  /**
   * Creates the cluster as the v3 store does (norman's proxy store: generateName from the
   * kind's first letter, `c-`; unverified beyond the ids Rancher shows), with the conditions
   * clusterprovisioner's Create sets first (provisioner.go: Pending and Provisioned Unknown,
   * Waiting Unknown "Waiting for API to be available"): state `pending`.
   */
  create(input: NewCluster): KubeObject {
    const created = this.store.create(clustersKey, {
      apiVersion: 'management.cattle.io/v3',
      kind: 'Cluster',
      metadata: {
        name: '',
        generateName: 'c-',
        labels: input.labels,
        // project_cluster CreatorIDAnnotation.
        annotations: { ...input.annotations, 'field.cattle.io/creatorId': input.creatorId },
      },
      spec: {
        displayName: input.name,
        description: input.description,
        internal: false,
        importedConfig: {},
        fleetWorkspaceName: fleetWorkspace,
        localClusterAuthEndpoint: { enabled: false },
        agentImageOverride: '',
        desiredAgentImage: '',
        desiredAuthImage: '',
        enableNetworkPolicy: false,
      },
    });
    return this.writeStatus(created.metadata.name, (status) => ({
      ...status,
      // The driver a cluster with no engine config gets (cluster_types.go ClusterDriverImported).
      driver: 'imported',
      provider: '',
      conditions: [
        cond('Pending', 'Unknown'),
        cond('Provisioned', 'Unknown'),
        cond('Waiting', 'Unknown', 'Waiting for API to be available'),
      ],
    }))!;
  }

  /**
   * What the cluster controllers do at once (project_cluster/cluster_handler.go Sync): the
   * cluster's namespace, its Default and System projects, each with a backing namespace in
   * the local cluster.
   */
  setUp(id: string): void {
    const cluster = this.get(id);
    if (!cluster || cluster.metadata.deletionTimestamp) return;
    this.ensureNamespace(id);
    for (const name of ['Default', 'System'] as const) this.ensureProject(id, name);
    this.writeStatus(id, (status) => {
      let conditions = (status.conditions as Condition[] | undefined) ?? [];
      for (const type of [
        'BackingNamespaceCreated',
        'DefaultProjectCreated',
        'SystemProjectCreated',
      ])
        conditions = setCondition(conditions, cond(type, 'True'));
      return { ...status, conditions };
    });
  }

  /**
   * provisioner.go update, for an imported cluster once its driver ran: Provisioned and
   * Pending True, still Waiting for the agent: state `waiting`.
   */
  provisioned(id: string): void {
    this.writeStatus(id, (status) => {
      let conditions = (status.conditions as Condition[] | undefined) ?? [];
      for (const type of ['Pending', 'Provisioned'])
        conditions = setCondition(conditions, cond(type, 'True'));
      return { ...status, conditions };
    });
  }

  /**
   * The agent connected: clusterconnected.go sets Connected, the health syncer Ready and
   * Waiting True (healthsyncer.go) and the version the agent reports: state `active`. Fleet
   * then gets a Cluster (fleetcluster.go waits for Ready), and fleet a namespace for it.
   */
  connected(id: string, kubeVersion: string, nodeCount: number): void {
    this.writeStatus(id, (status) => {
      let conditions = (status.conditions as Condition[] | undefined) ?? [];
      conditions = setCondition(conditions, cond('Connected', 'True'));
      conditions = setCondition(conditions, cond('Ready', 'True'));
      conditions = setCondition(conditions, cond('Waiting', 'True'));
      return { ...status, conditions, version: versionInfo(kubeVersion), nodeCount };
    });
    this.ensureNamespace(fleetClusterNamespace(id), {});
  }

  /** clusterconnected.go: Connected False, Ready False "Cluster agent is not connected". */
  disconnected(id: string): void {
    this.writeStatus(id, (status) => {
      let conditions = (status.conditions as Condition[] | undefined) ?? [];
      conditions = setCondition(conditions, cond('Connected', 'False'));
      conditions = setCondition(conditions, {
        ...cond('Ready', 'False', 'Cluster agent is not connected'),
        reason: 'Disconnected',
      });
      return { ...status, conditions };
    });
  }

  /**
   * cluster_handler.go Remove: the system project and the cluster's namespace go; the
   * projects' backing namespaces go with their projects, fleet's namespace with fleet's
   * Cluster. Namespaces take their time to terminate, as in Kubernetes.
   */
  delete(id: string): void {
    const projects = this.store.list(projectsKey, { namespace: id });
    this.store.delete(clustersKey, undefined, id);
    for (const p of projects) {
      this.deleteIfThere('namespaces', undefined, backingNamespace(p));
      this.deleteIfThere(projectsKey, id, p.metadata.name);
    }
    this.deleteIfThere('namespaces', undefined, id);
    this.deleteIfThere('namespaces', undefined, fleetClusterNamespace(id));
  }

  private deleteIfThere(key: string, namespace: string | undefined, name: string): void {
    try {
      this.store.delete(key, namespace, name);
    } catch (e) {
      if (!(e instanceof ApiError && e.code === 404)) throw e;
    }
  }

  ensureNamespace(name: string, annotations: Record<string, string> = systemNamespace): void {
    if (this.store.get('namespaces', undefined, name)) return;
    this.store.create('namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, ...(Object.keys(annotations).length ? { annotations } : {}) },
    });
  }

  /**
   * A project `p-xxxxx` in the cluster's namespace (cluster_handler.go createProject), with
   * its backing namespace in the local cluster (project_handler.go: Status.BackingNamespace,
   * else the project's name). Rancher's webhook fills the status on create "by concatenating
   * Project.ClusterName and Project.Name" (rancher/webhook pkg/resources/management.cattle.io/
   * v3/project/Project.md): `c-xxxxx-p-yyyyy` (the separator is unverified). Either way one
   * namespace per project.
   */
  private ensureProject(clusterId: string, displayName: 'Default' | 'System'): void {
    const labels = projectLabels[displayName];
    const selector = Object.entries(labels)
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    if (this.store.list(projectsKey, { namespace: clusterId, labelSelector: selector }).length)
      return;
    const project = this.store.create(projectsKey, {
      apiVersion: 'management.cattle.io/v3',
      kind: 'Project',
      metadata: { name: '', generateName: 'p-', namespace: clusterId, labels },
      spec: {
        displayName,
        description: `${displayName} project created for the cluster`,
        clusterName: clusterId,
      },
    });
    const backing = `${clusterId}-${project.metadata.name}`;
    this.store.update(
      projectsKey,
      { ...project, status: { ...project.status, backingNamespace: backing } },
      { subresource: 'status', force: true },
    );
    this.ensureNamespace(backing);
  }

  private writeStatus(
    id: string,
    change: (status: Record<string, unknown>) => Record<string, unknown>,
  ): KubeObject | undefined {
    const cluster = this.get(id);
    if (!cluster) return undefined;
    cluster.status = change({ ...(cluster.status ?? {}) });
    return this.store.update(clustersKey, cluster, { subresource: 'status', force: true });
  }
}

function backingNamespace(project: KubeObject): string {
  return (project.status?.backingNamespace as string | undefined) || project.metadata.name;
}

/** version.Info as the agent reports it (k8s.io/apimachinery pkg/version). */
function versionInfo(kubeVersion: string): Record<string, string> {
  const [major = '1', minor = ''] = kubeVersion.replace(/^v/, '').split('.');
  return { major, minor, gitVersion: kubeVersion, platform: 'linux/amd64' };
}
