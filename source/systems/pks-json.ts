import { z } from 'zod';
import { PermanentError } from './errors.js';

/** What we read from `pks plans --json`; fields the API may omit are `undefined` (unknown). */
export interface Plan {
  id: string;
  name: string;
  description: string;
  workerInstances?: number;
  masterInstances?: number;
  maxWorkerInstances?: number;
  /** The tile's "Allow Privileged"; `undefined` when the API does not say. */
  allowPrivileged?: boolean;
}

export interface NetworkProfile {
  name: string;
  description: string;
  /** `parameters.lb_size`; PKS defaults a missing one to `small`. */
  lbSize?: string;
  /** `parameters.pod_subnet_prefix`: each namespace's subnet (TKGI's default is /24). */
  podSubnetPrefix?: number;
  /** `parameters.pod_ip_block_ids`: the profile's own pod IP blocks (else the tile's one). */
  podIpBlockIds?: string[];
  parameters: Record<string, unknown>;
}

export interface PksCluster {
  name: string;
  planName: string;
  uuid: string;
  /** `CREATE`, `UPDATE`, `DELETE`. */
  lastAction: string;
  /** `last_action_state`: `in progress`, `succeeded`, `failed` (docs also show `error`). */
  state: string;
  /** `last_action_description`, e.g. `Instance provisioning completed`. */
  description: string;
  /** Real master addresses only: `["In Progress"]` while creating becomes `[]`. */
  masterIps: string[];
  /** `network_profile_name`; absent when the cluster has none. */
  networkProfile?: string;
  /** `parameters.kubernetes_master_host`: the `-e` name the cluster was created with. */
  externalHostname?: string;
  /** `parameters.kubernetes_master_port` (8443). */
  masterPort?: number;
  workerInstances?: number;
  /** `k8s_version`, when the CLI prints it (unverified). */
  kubernetesVersion?: string;
}

const optionalNumber = z.number().optional().catch(undefined);
const optionalString = z.string().optional().catch(undefined);
const optionalBoolean = z.boolean().optional().catch(undefined);
const text = z.string().catch('');

const planSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: text,
  worker_instances: optionalNumber,
  master_instances: optionalNumber,
  max_worker_instances: optionalNumber,
  // The API's key has hyphens (FACTS); the underscore spellings are tolerated in case a
  // CLI version serialises the model's field name instead (unverified).
  'allow-privileged-containers': optionalBoolean,
  allow_privileged_containers: optionalBoolean,
  allow_privileged: optionalBoolean,
});

/**
 * `parameters`: the PKS API model declares it a string holding JSON, the CLI's `--json`
 * may print it as an object (no real output is public: unverified); accept both.
 */
const profileParameters = z.preprocess((value) => {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return {};
  }
}, z.record(z.string(), z.unknown()).catch({}));

const networkProfileSchema = z.looseObject({
  name: z.string(),
  description: text,
  parameters: profileParameters,
});

const clusterSchema = z.looseObject({
  name: z.string(),
  plan_name: text,
  uuid: text,
  last_action: text,
  last_action_state: text,
  last_action_description: text,
  kubernetes_master_ips: z.array(z.string()).catch([]),
  network_profile_name: optionalString,
  // The cluster's Kubernetes version, beside pks_version (the lab prints both; absent from
  // FACTS' field list, so optional: unverified).
  k8s_version: optionalString,
  parameters: z
    .looseObject({
      kubernetes_master_host: optionalString,
      kubernetes_master_port: optionalNumber,
      kubernetes_worker_instances: optionalNumber,
    })
    .catch({}),
});

const ipv4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const ipv6 = /^[0-9a-f:]+:[0-9a-f:.]*$/i;

/** `kubernetes_master_ips` holds `In Progress` until the masters exist: keep real IPs only. */
export function realIps(values: readonly string[]): string[] {
  return values.map((v) => v.trim()).filter((v) => ipv4.test(v) || ipv6.test(v));
}

/** `failed` and `error` both mean the last operation failed (FACTS). */
export function isFailedState(state: string): boolean {
  return /^(failed|error)$/i.test(state.trim());
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const start = text.slice(0, 120).replace(/\s+/g, ' ');
    throw new PermanentError(
      `could not read ${what}: the output is not JSON (${start || 'empty'})`,
      'check that the pks/tkgi CLI is a supported version (it must support --json)',
    );
  }
}

function parseWith<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
  throw new PermanentError(
    `could not read ${what}: unexpected JSON${where} (${issue?.message ?? 'invalid'})`,
    'check that the pks/tkgi CLI is a supported version',
  );
}

function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function toPlan(raw: z.output<typeof planSchema>): Plan {
  return definedOnly({
    id: raw.id,
    name: raw.name,
    description: raw.description,
    workerInstances: raw.worker_instances,
    masterInstances: raw.master_instances,
    maxWorkerInstances: raw.max_worker_instances,
    allowPrivileged:
      raw['allow-privileged-containers'] ?? raw.allow_privileged_containers ?? raw.allow_privileged,
  });
}

/** A whole number from a JSON number or numeric string (`27` or `"27"`). */
function wholeNumber(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) ? n : undefined;
}

function toNetworkProfile(raw: z.output<typeof networkProfileSchema>): NetworkProfile {
  const { lb_size: lbSize, pod_subnet_prefix: prefix, pod_ip_block_ids: blocks } = raw.parameters;
  return definedOnly({
    name: raw.name,
    description: raw.description,
    lbSize: typeof lbSize === 'string' ? lbSize : undefined,
    podSubnetPrefix: wholeNumber(prefix),
    podIpBlockIds: Array.isArray(blocks)
      ? blocks.filter((b): b is string => typeof b === 'string')
      : undefined,
    parameters: raw.parameters,
  });
}

function toCluster(raw: z.output<typeof clusterSchema>): PksCluster {
  return definedOnly({
    name: raw.name,
    planName: raw.plan_name,
    uuid: raw.uuid,
    lastAction: raw.last_action,
    state: raw.last_action_state,
    description: raw.last_action_description,
    masterIps: realIps(raw.kubernetes_master_ips),
    networkProfile: raw.network_profile_name || undefined,
    externalHostname: raw.parameters.kubernetes_master_host || undefined,
    masterPort: raw.parameters.kubernetes_master_port,
    workerInstances: raw.parameters.kubernetes_worker_instances,
    kubernetesVersion: raw.k8s_version || undefined,
  });
}

/** A JSON list; the CLI prints `null` for an empty one on some versions. */
function list(text: string, what: string): unknown[] {
  const value = parseJson(text.trim() || '[]', what);
  if (value === null) return [];
  return parseWith(z.array(z.unknown()), value, what);
}

export function parsePlans(text: string): Plan[] {
  return list(text, 'the plans').map((p) => toPlan(parseWith(planSchema, p, 'a plan')));
}

export function parseNetworkProfiles(text: string): NetworkProfile[] {
  return list(text, 'the network profiles').map((p) =>
    toNetworkProfile(parseWith(networkProfileSchema, p, 'a network profile')),
  );
}

export function parseNetworkProfile(text: string): NetworkProfile {
  return toNetworkProfile(
    parseWith(networkProfileSchema, parseJson(text, 'the network profile'), 'the network profile'),
  );
}

export function parseClusters(text: string): PksCluster[] {
  return list(text, 'the clusters').map((c) => toCluster(parseWith(clusterSchema, c, 'a cluster')));
}

export function parseCluster(text: string): PksCluster {
  return toCluster(parseWith(clusterSchema, parseJson(text, 'the cluster'), 'the cluster'));
}
