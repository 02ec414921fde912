import { parseAllDocuments, stringify } from 'yaml';
import type { KubeObject } from '../kube/object.js';
import type { RenderedObject } from './charts/chart.js';

/** Helm's InstallOrder (pkg/releaseutil/kind_sorter.go); uninstall goes in reverse. */
const installOrder = [
  'PriorityClass',
  'Namespace',
  'NetworkPolicy',
  'ResourceQuota',
  'LimitRange',
  'PodSecurityPolicy',
  'PodDisruptionBudget',
  'ServiceAccount',
  'Secret',
  'SecretList',
  'ConfigMap',
  'StorageClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'CustomResourceDefinition',
  'ClusterRole',
  'ClusterRoleList',
  'ClusterRoleBinding',
  'ClusterRoleBindingList',
  'Role',
  'RoleList',
  'RoleBinding',
  'RoleBindingList',
  'Service',
  'DaemonSet',
  'Pod',
  'ReplicationController',
  'ReplicaSet',
  'Deployment',
  'HorizontalPodAutoscaler',
  'StatefulSet',
  'Job',
  'CronJob',
  'IngressClass',
  'Ingress',
  'APIService',
];

function rank(kind: string): number {
  const i = installOrder.indexOf(kind);
  return i < 0 ? installOrder.length : i;
}

export function sortForInstall<T extends { object: KubeObject }>(items: T[]): T[] {
  return [...items].sort((a, b) => rank(a.object.kind) - rank(b.object.kind));
}

export function sortForUninstall<T extends { object: KubeObject }>(items: T[]): T[] {
  return sortForInstall(items).reverse();
}

/** The release manifest: every template's output, as `helm get manifest` shows it. */
export function toManifest(objects: RenderedObject[]): string {
  return sortForInstall(objects)
    .map((o) => `---\n# Source: ${o.source}\n${stringify(o.object, { lineWidth: 0 })}`)
    .join('');
}

/** Reads a stored manifest back into objects (for upgrades and uninstall). */
export function parseManifest(manifest: string): KubeObject[] {
  return parseAllDocuments(manifest)
    .map((d) => d.toJS() as KubeObject | null)
    .filter((o): o is KubeObject => o !== null && typeof o === 'object' && Boolean(o.kind));
}

/** `apiVersion/kind/namespace/name`: how an object is matched between revisions. */
export function objectId(o: KubeObject, namespace: string | undefined): string {
  return `${o.apiVersion}/${o.kind}/${namespace ?? ''}/${o.metadata.name}`;
}
