import type { KubeObject } from '../kube/object.js';
import { conditionsOf } from './clusters.js';
import { commonFields, normanState } from './norman.js';

/**
 * A management cluster as the v3 API shows it (pkg/schemas/management.cattle.io/v3/schema.go
 * clusterTypes: status embedded, `name` from spec.displayName by the DisplayName mapper,
 * `id` the object's name; state from the conditions by norman's status mapper).
 */
export function clusterView(c: KubeObject, base: string): Record<string, unknown> {
  const id = c.metadata.name;
  const self = `${base}/v3/clusters/${id}`;
  const spec = (c.spec ?? {}) as Record<string, unknown>;
  const status = (c.status ?? {}) as Record<string, unknown>;
  const conditions = conditionsOf(c);
  const state = c.metadata.deletionTimestamp
    ? { state: 'removing', transitioning: 'yes', transitioningMessage: '' }
    : normanState(conditions);
  return {
    ...commonFields(c),
    actions: {
      generateKubeconfig: `${self}?action=generateKubeconfig`,
      importYaml: `${self}?action=importYaml`,
    },
    agentImage: status.agentImage ?? '',
    baseType: 'cluster',
    conditions,
    creatorId: c.metadata.annotations?.['field.cattle.io/creatorId'] ?? '',
    description: spec.description ?? '',
    driver: status.driver ?? '',
    enableNetworkPolicy: spec.enableNetworkPolicy ?? false,
    fleetWorkspaceName: spec.fleetWorkspaceName ?? '',
    id,
    ...(spec.importedConfig ? { importedConfig: spec.importedConfig } : {}),
    internal: spec.internal ?? false,
    links: {
      clusterRegistrationTokens: `${self}/clusterregistrationtokens`,
      remove: self,
      self,
      update: self,
    },
    name: spec.displayName ?? id,
    nodeCount: status.nodeCount ?? 0,
    provider: status.provider ?? '',
    ...state,
    type: 'cluster',
    ...(status.version ? { version: status.version } : {}),
  };
}

/** A clusterRegistrationToken (status embedded), its id `<clusterId>:<name>`. */
export function registrationView(
  crt: KubeObject,
  base: string,
  commands: Record<string, string>,
): Record<string, unknown> {
  const clusterId = crt.metadata.namespace ?? '';
  const id = `${clusterId}:${crt.metadata.name}`;
  const self = `${base}/v3/clusterRegistrationTokens/${id}`;
  return {
    ...commonFields(crt),
    baseType: 'clusterRegistrationToken',
    clusterId,
    ...commands,
    expiresAt: crt.status?.expiresAt ?? '',
    id,
    links: { remove: self, self, update: self },
    name: crt.metadata.name,
    namespaceId: null,
    state: 'active',
    tokenSecretName: crt.status?.tokenSecretName ?? '',
    transitioning: 'no',
    transitioningMessage: '',
    type: 'clusterRegistrationToken',
  };
}

/** A token without its secret (only creation answers carry `token`). */
export function tokenView(t: KubeObject, base: string, expiresAt: string): Record<string, unknown> {
  const self = `${base}/v3/tokens/${t.metadata.name}`;
  return {
    ...commonFields(t),
    authProvider: t.authProvider ?? 'local',
    baseType: 'token',
    current: false,
    description: t.description ?? '',
    enabled: t.enabled !== false,
    expired: false,
    expiresAt,
    id: t.metadata.name,
    isDerived: t.isDerived === true,
    links: { remove: self, self },
    name: t.metadata.name,
    ttl: t.ttl ?? 0,
    type: 'token',
    userId: t.userId ?? '',
  };
}
