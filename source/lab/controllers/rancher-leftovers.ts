import { randomBytes } from 'node:crypto';
import type { KubeObject } from '../kube/object.js';
import { resourceTypes } from '../kube/resources.js';

/**
 * What a Rancher server makes in its cluster on start that its chart does not, and so
 * `helm uninstall rancher` leaves behind (what rancher/rancher-cleanup's cleanup.sh removes):
 * its CRDs and custom resources, namespaces, the webhook configurations, cluster RBAC and
 * the leader-election ConfigMap. A small, representative set; names from rancher/rancher
 * (59bd052) where cited, else (unverified) illustrative ones of the same pattern.
 */

/** The definitions of the management.cattle.io types the lab serves. */
export function rancherCrds(): KubeObject[] {
  return resourceTypes
    .filter((t) => t.group === 'management.cattle.io')
    .map((t) => ({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: t.crd! },
      spec: {
        group: t.group,
        names: { kind: t.kind, listKind: t.listKind, plural: t.resource, singular: t.singular },
        scope: t.namespaced ? 'Namespaced' : 'Cluster',
        versions: [
          {
            name: t.version,
            served: true,
            storage: true,
            schema: {
              openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
            },
            ...(t.subresources?.includes('status') ? { subresources: { status: {} } } : {}),
          },
        ],
      },
    }));
}

const suffix = () => randomBytes(3).toString('hex').slice(0, 5);

/**
 * Namespaces with Rancher's norman-lifecycle finalizer (`controller.cattle.io/namespace-auth`,
 * pkg/controllers/managementuser/rbac/namespace_handler.go): nothing removes it once Rancher
 * is gone, so they hang in Terminating until someone does (cleanup.sh's kcdns).
 */
export interface RancherExtras {
  namespaces: KubeObject[];
  projects: KubeObject[];
  clusterScoped: { key: string; object: KubeObject }[];
  configMap: KubeObject;
}

export function rancherExtras(): RancherExtras {
  const nsFinalizer = ['controller.cattle.io/namespace-auth'];
  const defaultProject = `p-${suffix()}`;
  const systemProject = `p-${suffix()}`;
  const user = `u-${suffix()}`;
  const namespace = (name: string): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, finalizers: nsFinalizer },
  });
  // Projects live in the cluster's namespace (`local`); the remove finalizer is norman's
  // lifecycle naming for ProjectRemoveController "mgmt-project-rbac-remove" (project_handler.go).
  const project = (name: string, displayName: string): KubeObject => ({
    apiVersion: 'management.cattle.io/v3',
    kind: 'Project',
    metadata: {
      name,
      namespace: 'local',
      finalizers: ['controller.cattle.io/mgmt-project-rbac-remove'],
    },
    spec: { clusterName: 'local', displayName },
  });
  const webhook = (kind: string): KubeObject => ({
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind,
    // usercontrollers/controller.go: WebhookConfigurationName = "rancher.cattle.io".
    metadata: { name: 'rancher.cattle.io' },
    webhooks: [],
  });
  const norman = { 'cattle.io/creator': 'norman' };
  return {
    namespaces: [defaultProject, systemProject, user].map(namespace),
    projects: [project(defaultProject, 'Default'), project(systemProject, 'System')],
    clusterScoped: [
      {
        key: 'admissionregistration.k8s.io/mutatingwebhookconfigurations',
        object: webhook('MutatingWebhookConfiguration'),
      },
      {
        key: 'admissionregistration.k8s.io/validatingwebhookconfigurations',
        object: webhook('ValidatingWebhookConfiguration'),
      },
      {
        key: 'rbac.authorization.k8s.io/clusterroles',
        object: {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'ClusterRole',
          metadata: { name: 'cattle-globalrole-admin' }, // (unverified) name
          rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }],
        },
      },
      {
        key: 'rbac.authorization.k8s.io/clusterrolebindings',
        object: {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'ClusterRoleBinding',
          metadata: { name: `globaladmin-${user}`, labels: norman }, // (unverified) name
          roleRef: {
            apiGroup: 'rbac.authorization.k8s.io',
            kind: 'ClusterRole',
            name: 'cluster-admin',
          },
          subjects: [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: user }],
        },
      },
    ],
    // Rancher's leader election lock (pkg/wrangler/context.go: leader.NewManager("", "cattle-controllers", …)).
    configMap: {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cattle-controllers', namespace: 'kube-system' },
    },
  };
}
