import type { ObjectRef } from '../../systems/kube.js';

/**
 * What Rancher's import manifest puts in a downstream cluster outside namespaced objects,
 * plus the namespace that holds the rest (rancher/rancher v2.13.8 pkg/systemtemplate/
 * template.go: ClusterRole proxy-clusterrole-kubeapiserver and cattle-admin, their
 * ClusterRoleBindings, Namespace cattle-system — with the ServiceAccount, credentials Secret,
 * Deployment and Service of cattle-cluster-agent in it —, the PriorityClass
 * cattle-cluster-agent-priority-class). `import --remove` deletes these; the namespace last
 * takes its contents with it.
 */
export const agentObjects: readonly ObjectRef[] = [
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    name: 'proxy-role-binding-kubernetes-master',
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    name: 'proxy-clusterrole-kubeapiserver',
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    name: 'cattle-admin-binding',
  },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', name: 'cattle-admin' },
  {
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    name: 'cattle-cluster-agent-priority-class',
  },
  { apiVersion: 'v1', kind: 'Namespace', name: 'cattle-system' },
];

export function describeObject(ref: ObjectRef): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}
