import { ApiError } from './api-error.js';
import {
  dropEmpty,
  isMap,
  itemToken,
  leafMap,
  leaves,
  listKeys,
  newEntry,
  ownedKeys,
  pathKey,
  pathString,
  sameValue,
  sameWriter,
  withOwned,
  type ManagedFieldsEntry,
  type WriteContext,
} from './managed-fields.js';
import type { KubeObject } from './object.js';

/**
 * Server-side apply (PATCH `application/apply-patch+yaml`), after
 * https://kubernetes.io/docs/reference/using-api/server-side-apply/: "fields that have a
 * different value and are owned by another manager will result in a conflict"; forced,
 * "the value of any conflicted field will be overridden, and the ownership will be
 * transferred"; appliers that set the same value share the field; a field the applier no
 * longer states is removed unless another manager owns it. The conflict wording is
 * apimachinery's managedfields/internal/conflict.go (getConflictMessage, printManager).
 */

interface Conflict {
  entry: ManagedFieldsEntry;
  path: string[];
}

export interface ApplyInput {
  live: KubeObject | undefined;
  config: KubeObject;
  force: boolean;
  ctx: WriteContext;
}

export interface Applied {
  object: KubeObject;
  managedFields: ManagedFieldsEntry[];
}

/** `"kubectl-patch" using apps/v1` (Update managers carry their API version). */
function managerLabel(entry: ManagedFieldsEntry): string {
  const sub = entry.subresource ? ` with subresource "${entry.subresource}"` : '';
  const using = entry.operation === 'Update' ? ` using ${entry.apiVersion}` : '';
  return `"${entry.manager}"${sub}${using}`;
}

/** The manager identifier the API server sorts by (BuildManagerIdentifier). */
function managerId(entry: ManagedFieldsEntry): string {
  return JSON.stringify({
    manager: entry.manager,
    operation: entry.operation,
    ...(entry.operation === 'Update' ? { apiVersion: entry.apiVersion } : {}),
    ...(entry.subresource ? { subresource: entry.subresource } : {}),
  });
}

export function conflictMessage(conflicts: Conflict[]): string {
  if (conflicts.length === 1) {
    const [c] = conflicts as [Conflict];
    return `Apply failed with 1 conflict: conflict with ${managerLabel(c.entry)}: ${pathString(c.path)}`;
  }
  const byManager = new Map<string, Conflict[]>();
  for (const c of conflicts)
    byManager.set(managerId(c.entry), [...(byManager.get(managerId(c.entry)) ?? []), c]);
  const lines = [...byManager.keys()].sort().flatMap((id) => {
    const group = byManager.get(id)!;
    return [
      `conflicts with ${managerLabel(group[0]!.entry)}:`,
      ...group.map((c) => `- ${pathString(c.path)}`),
    ];
  });
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
}

function conflictError(conflicts: Conflict[]): ApiError {
  return new ApiError('Conflict', conflictMessage(conflicts), {
    causes: conflicts.map((c) => ({
      reason: 'FieldManagerConflict',
      message: `conflict with ${managerLabel(c.entry)}`,
      field: pathString(c.path),
    })),
  });
}

/** Removes one leaf path; says whether the value it was in is now empty. */
function removeAt(value: unknown, path: string[], field?: string): boolean {
  const [token, ...rest] = path;
  if (!token) return false;
  if (token.startsWith('f:')) {
    const name = token.slice(2);
    if (!isMap(value) || !(name in value)) return false;
    if (rest.length === 0 || removeAt(value[name], rest, name)) delete value[name];
    return Object.keys(value).length === 0;
  }
  if (!Array.isArray(value)) return false;
  const keys = listKeys(field, value);
  const index = keys
    ? value.findIndex((i) => itemToken(keys, i as Record<string, unknown>) === token)
    : -1;
  if (!keys || index < 0) return false;
  const item = value[index] as Record<string, unknown>;
  removeAt(item, rest);
  // An item left with only its keys (or without them) was the applier's alone: it goes.
  if (
    Object.keys(item).every((k) => keys.includes(k)) ||
    keys.some((k) => !(k in item) && k !== 'protocol')
  )
    value.splice(index, 1);
  return value.length === 0;
}

/** The live object with the applied configuration merged in: maps merge, keyed lists by key. */
function merged(live: unknown, config: unknown, field?: string): unknown {
  if (isMap(config)) {
    const out: Record<string, unknown> = isMap(live) ? { ...live } : {};
    for (const [k, v] of Object.entries(config)) out[k] = merged(out[k], v, k);
    return out;
  }
  if (Array.isArray(config) && Array.isArray(live)) {
    const keys = listKeys(field, [...live, ...config]);
    if (!keys) return structuredClone(config);
    const out = live.map((i) => structuredClone(i) as Record<string, unknown>);
    for (const item of config as Record<string, unknown>[]) {
      const at = out.findIndex((o) => itemToken(keys, o) === itemToken(keys, item));
      if (at >= 0) out[at] = merged(out[at], item) as Record<string, unknown>;
      else out.push(structuredClone(item));
    }
    return out;
  }
  return structuredClone(config);
}

function withoutManagedFields(obj: KubeObject): KubeObject {
  const copy = structuredClone(obj);
  delete copy.metadata.managedFields;
  return copy;
}

/** Applies `config` as `ctx.writer` (an Apply): the new object and managedFields, or a 409. */
export function serverSideApply(input: ApplyInput): Applied {
  const { ctx } = input;
  const scope = { subresource: ctx.writer.subresource, statusSubresource: ctx.statusSubresource };
  const config = withoutManagedFields(input.config);
  const live = input.live ? withoutManagedFields(input.live) : undefined;
  const entries = input.live?.metadata.managedFields ?? [];
  const applied = leaves(config, scope);
  const liveLeaves = live ? leafMap(leaves(live, scope)) : new Map();
  const others = entries.filter((e) => !sameWriter(e, ctx.writer, ctx.apiVersion));
  const conflicts: Conflict[] = [];
  for (const leaf of applied) {
    const current = liveLeaves.get(pathKey(leaf.path));
    if (!current || sameValue(current.value, leaf.value)) continue;
    for (const entry of others)
      if (ownedKeys(entry).has(pathKey(leaf.path))) conflicts.push({ entry, path: leaf.path });
  }
  if (conflicts.length > 0 && !input.force) throw conflictError(conflicts);

  const configKeys = new Set(applied.map((l) => pathKey(l.path)));
  // Forced: the conflicting fields leave their other managers.
  const next = entries.map((e) => {
    if (sameWriter(e, ctx.writer, ctx.apiVersion)) return e;
    const keys = ownedKeys(e);
    for (const c of conflicts) if (c.entry === e) keys.delete(pathKey(c.path));
    return withOwned(e, keys);
  });
  const mine = next.findIndex((e) => sameWriter(e, ctx.writer, ctx.apiVersion));
  const previous = mine >= 0 ? ownedKeys(next[mine]!) : new Set<string>();
  const ownedByOthers = new Set(
    next.filter((_, i) => i !== mine).flatMap((e) => [...ownedKeys(e)]),
  );
  const object = structuredClone(
    live ?? {
      apiVersion: config.apiVersion,
      kind: config.kind,
      metadata: { name: config.metadata.name },
    },
  );
  for (const key of previous) {
    if (!configKeys.has(key) && !ownedByOthers.has(key))
      removeAt(object, JSON.parse(key) as string[]);
  }
  const result = merged(object, config) as KubeObject;
  const unchanged =
    live !== undefined &&
    sameValue(result, live) &&
    previous.size === configKeys.size &&
    [...configKeys].every((k) => previous.has(k)) &&
    conflicts.length === 0;
  // Unchanged keeps the manager's entry as it was (its time too); a manager with no entry yet
  // gets one even when its config sets nothing but the name (an empty entry is dropped below).
  const entry = unchanged && mine >= 0 ? next[mine]! : withOwned(newEntry(ctx), configKeys);
  if (mine >= 0) next[mine] = entry;
  else next.push(entry);
  return { object: result, managedFields: dropEmpty(next) };
}
