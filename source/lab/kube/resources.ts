/** The resource types the lab's API server knows, as discovery reports them. */
export interface ResourceType {
  group: string; // '' for the core group
  version: string;
  resource: string; // plural, as in the URL
  singular: string;
  kind: string;
  listKind: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  /** Subresources served beside the resource (`status`, `log`). */
  subresources?: string[];
  /** A custom resource: served only while this CustomResourceDefinition exists. */
  crd?: string;
}

const verbs = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
export const allVerbs: readonly string[] = verbs;

function type(
  group: string,
  version: string,
  resource: string,
  kind: string,
  namespaced: boolean,
  extra: Partial<ResourceType> = {},
): ResourceType {
  return {
    group,
    version,
    resource,
    singular: kind.toLowerCase(),
    kind,
    listKind: `${kind}List`,
    namespaced,
    ...extra,
  };
}

export const resourceTypes: readonly ResourceType[] = [
  type('', 'v1', 'namespaces', 'Namespace', false, {
    shortNames: ['ns'],
    subresources: ['status'],
  }),
  type('', 'v1', 'nodes', 'Node', false, { shortNames: ['no'], subresources: ['status'] }),
  type('', 'v1', 'pods', 'Pod', true, {
    shortNames: ['po'],
    categories: ['all'],
    subresources: ['status', 'log'],
  }),
  type('', 'v1', 'services', 'Service', true, {
    shortNames: ['svc'],
    categories: ['all'],
    subresources: ['status'],
  }),
  type('', 'v1', 'endpoints', 'Endpoints', true, { shortNames: ['ep'], singular: 'endpoints' }),
  type('', 'v1', 'secrets', 'Secret', true),
  type('', 'v1', 'configmaps', 'ConfigMap', true, { shortNames: ['cm'] }),
  type('', 'v1', 'serviceaccounts', 'ServiceAccount', true, { shortNames: ['sa'] }),
  type('', 'v1', 'events', 'Event', true, { shortNames: ['ev'] }),
  type('apps', 'v1', 'deployments', 'Deployment', true, {
    shortNames: ['deploy'],
    categories: ['all'],
    subresources: ['status'],
  }),
  type('apps', 'v1', 'daemonsets', 'DaemonSet', true, {
    shortNames: ['ds'],
    categories: ['all'],
    subresources: ['status'],
  }),
  type('apps', 'v1', 'replicasets', 'ReplicaSet', true, {
    shortNames: ['rs'],
    categories: ['all'],
    subresources: ['status'],
  }),
  type('batch', 'v1', 'jobs', 'Job', true, {
    categories: ['all'],
    subresources: ['status'],
  }),
  type('networking.k8s.io', 'v1', 'ingresses', 'Ingress', true, {
    shortNames: ['ing'],
    subresources: ['status'],
  }),
  type('networking.k8s.io', 'v1', 'ingressclasses', 'IngressClass', false),
  type('rbac.authorization.k8s.io', 'v1', 'clusterroles', 'ClusterRole', false),
  type('rbac.authorization.k8s.io', 'v1', 'clusterrolebindings', 'ClusterRoleBinding', false),
  type('rbac.authorization.k8s.io', 'v1', 'roles', 'Role', true),
  type('rbac.authorization.k8s.io', 'v1', 'rolebindings', 'RoleBinding', true),
  type(
    'admissionregistration.k8s.io',
    'v1',
    'mutatingwebhookconfigurations',
    'MutatingWebhookConfiguration',
    false,
  ),
  type(
    'admissionregistration.k8s.io',
    'v1',
    'validatingwebhookconfigurations',
    'ValidatingWebhookConfiguration',
    false,
  ),
  type('apiregistration.k8s.io', 'v1', 'apiservices', 'APIService', false, {
    subresources: ['status'],
  }),
  // Rancher's own types: served once the Rancher server has created their definitions
  // (it does on start), and gone with them.
  type('management.cattle.io', 'v3', 'clusters', 'Cluster', false, {
    subresources: ['status'],
    crd: 'clusters.management.cattle.io',
  }),
  type('management.cattle.io', 'v3', 'settings', 'Setting', false, {
    crd: 'settings.management.cattle.io',
  }),
  type('management.cattle.io', 'v3', 'projects', 'Project', true, {
    subresources: ['status'],
    crd: 'projects.management.cattle.io',
  }),
  // API tokens (pkg/auth/tokens/manager.go createToken: cluster-scoped, generateName `token-`).
  type('management.cattle.io', 'v3', 'tokens', 'Token', false, {
    crd: 'tokens.management.cattle.io',
  }),
  // Registration tokens live in the cluster's namespace (`c-xxxxx/default-token`).
  type(
    'management.cattle.io',
    'v3',
    'clusterregistrationtokens',
    'ClusterRegistrationToken',
    true,
    {
      subresources: ['status'],
      crd: 'clusterregistrationtokens.management.cattle.io',
    },
  ),
  // NCP's error CRD `nsxerrors.nsx.vmware.com` (NCP 2.5 manifest: v1, Cluster scope, short name ne).
  type('nsx.vmware.com', 'v1', 'nsxerrors', 'NSXError', false, { shortNames: ['ne'] }),
  type(
    'apiextensions.k8s.io',
    'v1',
    'customresourcedefinitions',
    'CustomResourceDefinition',
    false,
    {
      shortNames: ['crd', 'crds'],
      subresources: ['status'],
    },
  ),
  ...traefikResourceTypes(),
];

/**
 * What the traefik chart's crds/ folder defines (traefik/traefik-helm-chart `traefik/crds/
 * traefik.io_*.yaml`, the same ten from v37.3.0 to v41.3.0): all namespaced, v1alpha1, no
 * short names or subresources. Served once helm has created their definitions.
 */
function traefikResourceTypes(): ResourceType[] {
  const kinds = [
    'IngressRoute',
    'IngressRouteTCP',
    'IngressRouteUDP',
    'Middleware',
    'MiddlewareTCP',
    'ServersTransport',
    'ServersTransportTCP',
    'TLSOption',
    'TLSStore',
    'TraefikService',
  ];
  return kinds.map((kind) => {
    const plural = `${kind.toLowerCase()}s`;
    return type('traefik.io', 'v1alpha1', plural, kind, true, { crd: `${plural}.traefik.io` });
  });
}

/** `pods`, `apps/deployments`: how the store and the controllers name a resource type. */
export type ResourceKey = string;

export function keyOf(t: Pick<ResourceType, 'group' | 'resource'>): ResourceKey {
  return t.group === '' ? t.resource : `${t.group}/${t.resource}`;
}

export function apiVersionOf(t: Pick<ResourceType, 'group' | 'version'>): string {
  return t.group === '' ? t.version : `${t.group}/${t.version}`;
}

const byKey = new Map(resourceTypes.map((t) => [keyOf(t), t]));

export function resourceType(key: ResourceKey): ResourceType {
  const t = byKey.get(key);
  if (!t) throw new Error(`unknown resource type ${key}`);
  return t;
}

export function findResource(
  group: string,
  version: string,
  resource: string,
  served: readonly ResourceType[] = resourceTypes,
): ResourceType | undefined {
  const t = byKey.get(keyOf({ group, resource }));
  return t && t.version === version && served.includes(t) ? t : undefined;
}

export function findByKind(
  apiVersion: string,
  kind: string,
  served: readonly ResourceType[] = resourceTypes,
): ResourceType | undefined {
  return served.find((t) => apiVersionOf(t) === apiVersion && t.kind === kind);
}

export const crdKey: ResourceKey = 'apiextensions.k8s.io/customresourcedefinitions';

/** Enough of the store to look a CustomResourceDefinition up. */
export interface CrdLookup {
  has(key: ResourceKey, namespace: undefined, name: string): boolean;
}

/**
 * The types the API server serves now: the built-in ones, and custom resources whose definition
 * exists. Runs on every API request, so it asks `has` (no copy of the definitions).
 */
export function servedTypes(store: CrdLookup): readonly ResourceType[] {
  return resourceTypes.filter((t) => !t.crd || store.has(crdKey, undefined, t.crd));
}
