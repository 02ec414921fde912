import type { KubeObject } from '../kube/object.js';

/** What the management API answers: the front turns it into an HTTP response. */
export interface ApiAnswer {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

const json = 'application/json';

export function jsonAnswer(status: number, data: unknown, headers?: Record<string, string>) {
  return {
    status,
    contentType: json,
    body: JSON.stringify(data),
    ...(headers ? { headers } : {}),
  } satisfies ApiAnswer;
}

/**
 * A norman API error (rancher/rancher pkg/auth/util/common_util.go ReturnAPIError, the same
 * shape norman's writer gives: `{"baseType":"error","code":…,"message":…,"status":N,"type":"error"}`,
 * e.g. rancher/rancher#36538). `fieldName` for field errors (httperror.NewFieldAPIError).
 */
export function apiError(
  status: number,
  code: string,
  message?: string,
  fieldName?: string,
): ApiAnswer {
  return jsonAnswer(status, {
    baseType: 'error',
    code,
    ...(fieldName ? { fieldName } : {}),
    ...(message ? { message } : {}),
    status,
    type: 'error',
  });
}

/**
 * The authentication filter's 401: no `code`, status as a string (rancher/rancher#14235
 * "Authentication errors missing required field code", still so in 2022; pkg/auth/util
 * ReturnHTTPError at v2.13.8 writes the same AuthError shape).
 */
export function mustAuthenticate(): ApiAnswer {
  return jsonAnswer(401, { type: 'error', status: '401', message: 'must authenticate' });
}

export function notFound(message = 'not found'): ApiAnswer {
  return apiError(404, 'NotFound', message);
}

/** Norman's list answer (rancher/norman types.GenericCollection): `data` holds the items. */
export function collection(
  base: string,
  resourceType: string,
  path: string,
  data: Record<string, unknown>[],
  filters: Record<string, string | null>,
): ApiAnswer {
  return jsonAnswer(200, {
    type: 'collection',
    links: { self: `${base}${path}` },
    createTypes: { [resourceType]: `${base}${path}` },
    actions: {},
    pagination: { limit: 1000, total: data.length },
    sort: { order: 'asc', reverse: `${base}${path}?order=desc` },
    filters,
    resourceType,
    data,
  });
}

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  message?: string;
  reason?: string;
  lastUpdateTime?: string;
}

// rancher/norman pkg/types/status/status.go: which condition types mean what.
const transitioning: Record<string, string> = {
  Active: 'activating',
  AddonDeploy: 'provisioning',
  AgentDeployed: 'provisioning',
  BackingNamespaceCreated: 'configuring',
  CertsGenerated: 'provisioning',
  ConfigOK: 'configuring',
  Created: 'creating',
  CreatorMadeOwner: 'configuring',
  DefaultNamespaceAssigned: 'configuring',
  DefaultNetworkPolicyCreated: 'configuring',
  DefaultProjectCreated: 'configuring',
  DockerProvisioned: 'provisioning',
  Downloaded: 'downloading',
  etcd: 'provisioning',
  Inactive: 'deactivating',
  Initialized: 'initializing',
  Installed: 'installing',
  NodesCreated: 'provisioning',
  Pending: 'pending',
  PodScheduled: 'scheduling',
  Provisioned: 'provisioning',
  Registered: 'registering',
  Removed: 'removing',
  Saved: 'saving',
  Updated: 'updating',
  Updating: 'updating',
  Waiting: 'waiting',
  InitialRolesPopulated: 'activating',
};
const reverseError = new Set([
  'OutOfDisk',
  'MemoryPressure',
  'DiskPressure',
  'NetworkUnavailable',
  'KernelHasNoDeadlock',
  'Unschedulable',
  'ReplicaFailure',
]);
const errorWhenFalse = new Set(['Failed', 'Progressing']);
const done: Record<string, string> = {
  Completed: 'activating',
  Ready: 'unavailable',
  Available: 'updating',
};

function concat(a: string, b: string | undefined): string {
  if (!a) return b ?? '';
  if (!b) return a;
  return `${a}; ${b}`;
}

export interface NormanState {
  state: string;
  transitioning: 'yes' | 'no' | 'error';
  transitioningMessage: string;
}

/** norman's status.Set: `state`, `transitioning` and its message from the conditions, in order. */
export function normanState(conditions: Condition[]): NormanState {
  let state = '';
  let error = false;
  let moving = false;
  let message = '';
  const failed = conditions.find((c) => errorWhenFalse.has(c.type) && c.status === 'False');
  if (failed) {
    error = true;
    message = failed.message ?? '';
  } else {
    for (const c of conditions) {
      if (reverseError.has(c.type) && c.status === 'True') {
        error = true;
        message = concat(message, c.message);
      }
    }
  }
  for (const c of conditions) {
    const next = transitioning[c.type];
    if (next === undefined) continue;
    if (c.status === 'False') {
      error = true;
      state = next;
      message = concat(message, c.message);
    } else if (c.status === 'Unknown' && state === '') {
      moving = true;
      state = next;
      message = concat(message, c.message);
    }
  }
  for (const c of conditions) {
    if (state !== '') break;
    const next = done[c.type];
    if (next === undefined) continue;
    if (c.status === 'False') {
      moving = true;
      state = next;
      message = concat(message, c.message);
    } else if (c.status === 'Unknown') {
      error = true;
      state = next;
      message = concat(message, c.message);
    }
  }
  return {
    state: state || 'active',
    transitioning: error ? 'error' : moving ? 'yes' : 'no',
    transitioningMessage: message,
  };
}

/** The fields every norman resource carries, from the object's metadata. */
export function commonFields(obj: KubeObject): Record<string, unknown> {
  const created = obj.metadata.creationTimestamp ?? '';
  return {
    annotations: obj.metadata.annotations ?? {},
    labels: obj.metadata.labels ?? {},
    created,
    createdTS: created ? Date.parse(created) : 0,
    uuid: obj.metadata.uid ?? '',
  };
}
