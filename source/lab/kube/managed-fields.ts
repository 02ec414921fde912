import { isDeepStrictEqual } from 'node:util';
import type { KubeObject } from './object.js';

/**
 * Field ownership as kube-apiserver records it in `metadata.managedFields`
 * (https://kubernetes.io/docs/reference/using-api/server-side-apply/#field-management):
 * every write names a manager (the `fieldManager` query parameter, else the first word of
 * the user agent: apiserver handlers/create.go managerOrUserAgent), and the fields it sets
 * become that manager's. A field whose value an Update changes moves to the writer ("Whenever
 * a field's value does change, ownership moves from its current manager to the manager
 * making the change"). The lab tracks leaf fields only, in the FieldsV1 encoding
 * (`f:spec`, `k:{"name":"rancher"}`), and keys lists as the built-in types do.
 */

export type Operation = 'Apply' | 'Update';

/** Who writes: the manager's name, Apply or Update, and the subresource written. */
export interface Writer {
  manager: string;
  operation: Operation;
  subresource?: 'status';
}

export type FieldsV1 = { [token: string]: FieldsV1 };

export interface ManagedFieldsEntry {
  manager: string;
  operation: Operation;
  apiVersion: string;
  time: string;
  fieldsType: 'FieldsV1';
  fieldsV1: FieldsV1;
  subresource?: string;
}

/** A leaf field: its FieldsV1 path (`['f:spec', 'f:replicas']`) and value. */
export interface Leaf {
  path: string[];
  value: unknown;
}

/** Server-set metadata no manager owns (fieldmanager's stripMeta). */
const serverMetadata = new Set([
  'name',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'selfLink',
  'managedFields',
]);

/** Lists merged by key (x-kubernetes-list-map-keys); the lab's others are atomic. */
const keyedLists: Record<string, string[]> = {
  containers: ['name'],
  initContainers: ['name'],
  ephemeralContainers: ['name'],
  env: ['name'],
  volumes: ['name'],
  imagePullSecrets: ['name'],
  volumeMounts: ['mountPath'],
  conditions: ['type'],
  ownerReferences: ['uid'],
  hostAliases: ['ip'],
};

export function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The key fields of a list, or undefined when the list is atomic. */
export function listKeys(field: string | undefined, items: unknown[]): string[] | undefined {
  if (!field || !items.every(isMap)) return undefined;
  const maps = items as Record<string, unknown>[];
  // Container ports key on containerPort+protocol, Service ports on port+protocol.
  if (field === 'ports') {
    if (maps.every((i) => 'containerPort' in i)) return ['containerPort', 'protocol'];
    if (maps.every((i) => 'port' in i)) return ['port', 'protocol'];
    return undefined;
  }
  const keys = keyedLists[field];
  return keys && maps.every((i) => keys.every((k) => k in i)) ? keys : undefined;
}

/** `k:{"containerPort":80,"protocol":"TCP"}` (protocol defaults to TCP, as the API does). */
export function itemToken(keys: string[], item: Record<string, unknown>): string {
  const key: Record<string, unknown> = {};
  for (const k of keys) key[k] = item[k] ?? (k === 'protocol' ? 'TCP' : undefined);
  return `k:${JSON.stringify(key)}`;
}

function collect(value: unknown, path: string[], field: string | undefined, out: Leaf[]): void {
  if (isMap(value) && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) collect(v, [...path, `f:${k}`], k, out);
    return;
  }
  const keys = Array.isArray(value) && value.length > 0 ? listKeys(field, value) : undefined;
  if (keys) {
    for (const item of value as Record<string, unknown>[])
      collect(item, [...path, itemToken(keys, item)], undefined, out);
    return;
  }
  out.push({ path, value });
}

/** The leaves a write touches: the object minus server fields; status only for `status`. */
export function leaves(
  obj: KubeObject,
  scope: { subresource?: 'status'; statusSubresource: boolean },
): Leaf[] {
  const out: Leaf[] = [];
  for (const [field, value] of Object.entries(obj)) {
    if (field === 'apiVersion' || field === 'kind') continue;
    const isStatus = field === 'status';
    if (scope.subresource === 'status' ? !isStatus : isStatus && scope.statusSubresource) continue;
    if (field === 'metadata' && isMap(value)) {
      for (const [k, v] of Object.entries(value)) {
        if (!serverMetadata.has(k)) collect(v, ['f:metadata', `f:${k}`], k, out);
      }
    } else collect(value, [`f:${field}`], field, out);
  }
  return out;
}

export function pathKey(path: string[]): string {
  return JSON.stringify(path);
}

export function leafMap(list: Leaf[]): Map<string, Leaf> {
  return new Map(list.map((l) => [pathKey(l.path), l]));
}

export function sameValue(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(a, b);
}

/** The path as the API server prints it: `.spec.template.spec.containers[name="rancher"].image`. */
export function pathString(path: string[]): string {
  return path
    .map((token) => {
      if (token.startsWith('f:')) return `.${token.slice(2)}`;
      const key = JSON.parse(token.slice(2)) as Record<string, unknown>;
      const parts = Object.entries(key).map(
        ([k, v]) => `${k}=${typeof v === 'string' ? JSON.stringify(v) : String(v)}`,
      );
      return `[${parts.join(',')}]`;
    })
    .join('');
}

export function toFieldsV1(paths: Iterable<string[]>): FieldsV1 {
  const root: FieldsV1 = {};
  for (const path of paths) {
    let node = root;
    for (const token of path) node = node[token] ??= {};
  }
  return root;
}

export function fromFieldsV1(fields: FieldsV1, prefix: string[] = []): string[][] {
  const tokens = Object.keys(fields).filter((t) => t !== '.');
  if (tokens.length === 0) return prefix.length ? [prefix] : [];
  return tokens.flatMap((t) => fromFieldsV1(fields[t]!, [...prefix, t]));
}

/** Managers are told apart by name, operation, subresource, and (for Update) API version. */
export function sameWriter(entry: ManagedFieldsEntry, writer: Writer, apiVersion: string): boolean {
  return (
    entry.manager === writer.manager &&
    entry.operation === writer.operation &&
    (entry.subresource ?? undefined) === writer.subresource &&
    (writer.operation === 'Apply' || entry.apiVersion === apiVersion)
  );
}

/** The owned path keys of an entry. */
export function ownedKeys(entry: ManagedFieldsEntry): Set<string> {
  return new Set(fromFieldsV1(entry.fieldsV1).map(pathKey));
}

export function withOwned(entry: ManagedFieldsEntry, keys: Set<string>): ManagedFieldsEntry {
  const paths = [...keys].map((k) => JSON.parse(k) as string[]);
  return { ...entry, fieldsV1: toFieldsV1(paths) };
}

export interface WriteContext {
  writer: Writer;
  apiVersion: string;
  now: string;
  statusSubresource: boolean;
}

/**
 * The entries after an Update (create, update, non-apply patch): fields whose value it
 * changed (or added) become the writer's and leave every other manager; removed fields
 * leave everyone.
 */
export function recordUpdate(
  entries: ManagedFieldsEntry[],
  before: KubeObject | undefined,
  after: KubeObject,
  ctx: WriteContext,
): ManagedFieldsEntry[] {
  const scope = { subresource: ctx.writer.subresource, statusSubresource: ctx.statusSubresource };
  const old = before ? leafMap(leaves(before, scope)) : new Map<string, Leaf>();
  const now = leafMap(leaves(after, scope));
  const changed = [...now.keys()].filter(
    (k) => !old.has(k) || !sameValue(old.get(k)!.value, now.get(k)!.value),
  );
  const removed = [...old.keys()].filter((k) => !now.has(k));
  if (changed.length === 0 && removed.length === 0) return entries;
  const next = entries.map((e) => {
    const keys = ownedKeys(e);
    for (const k of [...changed, ...removed]) keys.delete(k);
    return withOwned(e, keys);
  });
  const mine = next.findIndex((e) => sameWriter(e, ctx.writer, ctx.apiVersion));
  const keys = mine >= 0 ? ownedKeys(next[mine]!) : new Set<string>();
  for (const k of changed) keys.add(k);
  const entry = withOwned(newEntry(ctx), keys);
  if (mine >= 0) next[mine] = entry;
  else next.push(entry);
  return dropEmpty(next);
}

export function newEntry(ctx: WriteContext): ManagedFieldsEntry {
  return {
    manager: ctx.writer.manager,
    operation: ctx.writer.operation,
    apiVersion: ctx.apiVersion,
    time: ctx.now,
    fieldsType: 'FieldsV1',
    fieldsV1: {},
    ...(ctx.writer.subresource ? { subresource: ctx.writer.subresource } : {}),
  };
}

export function dropEmpty(entries: ManagedFieldsEntry[]): ManagedFieldsEntry[] {
  return entries.filter((e) => Object.keys(e.fieldsV1).length > 0);
}
