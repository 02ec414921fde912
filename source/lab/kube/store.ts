import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { ApiError, errors } from './api-error.js';
import { admit } from './admission.js';
import {
  recordUpdate,
  sameWriter,
  ownedKeys,
  withOwned,
  dropEmpty,
  newEntry,
  type ManagedFieldsEntry,
  type WriteContext,
} from './managed-fields.js';
import { clone, type KubeObject } from './object.js';
import {
  apiVersionOf,
  crdKey,
  resourceType,
  type ResourceKey,
  type ResourceType,
} from './resources.js';
import { fieldMatcher, labelMatcher } from './selectors.js';
import { serverSideApply } from './server-side-apply.js';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: WatchEventType;
  key: ResourceKey;
  object: KubeObject;
  resourceVersion: number;
}

export interface ListOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

export interface WriteOptions {
  /** `status` writes only `.status`; a main write leaves `.status` alone for such types. */
  subresource?: 'status';
  /** Skip the resourceVersion precondition (a PATCH, or a controller's write). */
  force?: boolean;
  /** Validate and default, but store nothing (`?dryRun=All`). */
  dryRun?: boolean;
  /**
   * Who writes (an Update): the fields it changes become its own in `managedFields`.
   * Without one (the lab's own controllers) ownership stays as it is.
   */
  manager?: string;
}

export interface ApplyOptions {
  manager: string;
  /** `?force=true`: take conflicting fields from their other managers. */
  force?: boolean;
  dryRun?: boolean;
}

export interface StoreOptions {
  /** How many past events a watch may resume from before it gets 410 Gone. */
  historySize?: number;
  /** Runs background work (namespace finalization, garbage collection) later. */
  defer?: (fn: () => void) => void;
  /**
   * When the namespace controller gets to a terminating namespace (default: as `defer`);
   * a real one takes seconds, more with many objects (the lab's clock sets it).
   */
  deferNamespace?: (fn: () => void) => void;
  now?: () => Date;
}

const nameChars = 'bcdfghjklmnpqrstvwxz2456789';

function randomSuffix(length = 5): string {
  let s = '';
  for (let i = 0; i < length; i++) s += nameChars[Math.floor(Math.random() * nameChars.length)];
  return s;
}

function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

function hasStatusSubresource(t: ResourceType): boolean {
  return t.subresources?.includes('status') ?? false;
}

/**
 * The lab's etcd: typed objects with one global resourceVersion, watch history for
 * resuming watches, namespace finalization and owner-reference garbage collection.
 * Listeners are called after each write, in order, never re-entrantly.
 */
export class Store {
  private readonly objects = new Map<ResourceKey, Map<string, KubeObject>>();
  private readonly history: StoreEvent[] = [];
  private readonly listeners = new Set<(e: StoreEvent) => void>();
  private readonly pending: StoreEvent[] = [];
  private dispatching = false;
  private revision = 1;
  private readonly historySize: number;
  private readonly defer: (fn: () => void) => void;
  private readonly deferNamespace: (fn: () => void) => void;
  private readonly now: () => Date;

  constructor(options: StoreOptions = {}) {
    this.historySize = options.historySize ?? 5000;
    this.defer = options.defer ?? ((fn) => setImmediate(fn));
    this.deferNamespace = options.deferNamespace ?? this.defer;
    this.now = options.now ?? (() => new Date());
  }

  get resourceVersion(): string {
    return String(this.revision);
  }

  /** The oldest resourceVersion a watch can still resume from. */
  get oldestResumable(): number {
    return this.history[0] ? this.history[0].resourceVersion - 1 : this.revision;
  }

  private bucket(key: ResourceKey): Map<string, KubeObject> {
    let b = this.objects.get(key);
    if (!b) {
      b = new Map();
      this.objects.set(key, b);
    }
    return b;
  }

  get(key: ResourceKey, namespace: string | undefined, name: string): KubeObject | undefined {
    const obj = this.bucket(key).get(objectKey(namespace, name));
    return obj ? clone(obj) : undefined;
  }

  /** Whether the object exists, without copying it (get copies: a CRD's schema is large). */
  has(key: ResourceKey, namespace: string | undefined, name: string): boolean {
    return this.bucket(key).has(objectKey(namespace, name));
  }

  mustGet(key: ResourceKey, namespace: string | undefined, name: string): KubeObject {
    const obj = this.get(key, namespace, name);
    if (!obj) throw errors.notFound(resourceType(key), name);
    return obj;
  }

  list(key: ResourceKey, options: ListOptions = {}): KubeObject[] {
    const byLabel = labelMatcher(options.labelSelector);
    const byField = fieldMatcher(options.fieldSelector);
    const items: KubeObject[] = [];
    for (const obj of this.bucket(key).values()) {
      if (options.namespace && obj.metadata.namespace !== options.namespace) continue;
      if (byLabel(obj) && byField(obj)) items.push(clone(obj));
    }
    return items.sort((a, b) =>
      objectKey(a.metadata.namespace, a.metadata.name).localeCompare(
        objectKey(b.metadata.namespace, b.metadata.name),
      ),
    );
  }

  create(key: ResourceKey, input: KubeObject, options: WriteOptions = {}): KubeObject {
    return this.createObject(key, input, options);
  }

  private createObject(
    key: ResourceKey,
    input: KubeObject,
    options: WriteOptions,
    managedFields?: ManagedFieldsEntry[],
  ): KubeObject {
    const t = resourceType(key);
    const obj = clone(input);
    obj.apiVersion = apiVersionOf(t);
    obj.kind = t.kind;
    const meta = obj.metadata ?? { name: '' };
    obj.metadata = meta;
    if (!meta.name && meta.generateName) meta.name = meta.generateName + randomSuffix();
    if (!t.namespaced) delete meta.namespace;
    else if (!meta.namespace) meta.namespace = 'default';
    if (t.namespaced) this.checkNamespaceOpen(t, meta.namespace!, meta.name);
    // Set before admission: a Job's generated selector names its own uid.
    meta.uid = randomUUID();
    admit(this, t, obj, undefined);
    delete meta.managedFields;
    if (managedFields) meta.managedFields = managedFields;
    else if (options.manager) this.track(t, obj, undefined, options.manager, options.subresource);
    const b = this.bucket(key);
    const k = objectKey(meta.namespace, meta.name);
    if (b.has(k)) throw errors.alreadyExists(t, meta.name);
    meta.creationTimestamp = this.now()
      .toISOString()
      .replace(/\.\d+Z$/, 'Z');
    meta.generation = 1;
    delete meta.deletionTimestamp;
    delete meta.resourceVersion;
    if (options.dryRun) return obj;
    return this.commit('ADDED', key, obj);
  }

  update(key: ResourceKey, input: KubeObject, options: WriteOptions = {}): KubeObject {
    return this.updateObject(key, input, options);
  }

  private updateObject(
    key: ResourceKey,
    input: KubeObject,
    options: WriteOptions,
    managedFields?: ManagedFieldsEntry[],
  ): KubeObject {
    const t = resourceType(key);
    const name = input.metadata?.name;
    const namespace = t.namespaced ? (input.metadata?.namespace ?? 'default') : undefined;
    const current = this.bucket(key).get(objectKey(namespace, name));
    if (!current) throw errors.notFound(t, name);
    const rv = input.metadata.resourceVersion;
    if (!options.force && rv && rv !== current.metadata.resourceVersion) {
      throw errors.conflict(t, name);
    }
    const next = this.merged(t, current, clone(input), options);
    admit(this, t, next, current);
    if (managedFields) next.metadata.managedFields = managedFields;
    else if (options.manager) this.track(t, next, current, options.manager, options.subresource);
    if (!next.metadata.managedFields?.length) delete next.metadata.managedFields;
    if (isDeepStrictEqual(next, current) || options.dryRun) return clone(next);
    if (!isDeepStrictEqual(next.spec, current.spec)) {
      next.metadata.generation = (current.metadata.generation ?? 1) + 1;
    }
    // An object whose deletion was waiting on finalizers goes once they are gone.
    if (next.metadata.deletionTimestamp && (next.metadata.finalizers ?? []).length === 0) {
      if (key !== 'namespaces') return this.remove(key, next);
      this.deferNamespace(() => this.finalizeNamespace(next.metadata.name));
    }
    return this.commit('MODIFIED', key, next);
  }

  /** Builds the next version: identity fields are the server's, status follows the subresource. */
  private merged(
    t: ResourceType,
    current: KubeObject,
    input: KubeObject,
    options: WriteOptions,
  ): KubeObject {
    const subresourced = hasStatusSubresource(t);
    let next: KubeObject;
    if (options.subresource === 'status') {
      next = clone(current);
      next.status = input.status;
    } else {
      next = input;
      if (subresourced) next.status = clone(current.status);
    }
    next.apiVersion = current.apiVersion;
    next.kind = current.kind;
    // The server keeps managedFields itself: what a client sends back is ignored.
    const keep = [
      'uid',
      'creationTimestamp',
      'generation',
      'deletionTimestamp',
      'namespace',
      'managedFields',
    ];
    for (const field of keep) {
      if (current.metadata[field] === undefined) delete next.metadata[field];
      else next.metadata[field] = current.metadata[field];
    }
    next.metadata.resourceVersion = current.metadata.resourceVersion;
    return next;
  }

  /** Server-side apply: creates or merges `input` as `options.manager`; conflicts are a 409. */
  apply(key: ResourceKey, input: KubeObject, options: ApplyOptions): KubeObject {
    const t = resourceType(key);
    const namespace = t.namespaced ? (input.metadata?.namespace ?? 'default') : undefined;
    const current = this.bucket(key).get(objectKey(namespace, input.metadata?.name));
    const applied = serverSideApply({
      live: current ? clone(current) : undefined,
      config: clone(input),
      force: options.force ?? false,
      ctx: this.writeContext(t, { manager: options.manager, operation: 'Apply' }),
    });
    const write = { force: true, ...(options.dryRun ? { dryRun: true } : {}) };
    if (!current) return this.createObject(key, applied.object, write, applied.managedFields);
    return this.updateObject(key, applied.object, write, applied.managedFields);
  }

  /**
   * Moves what `manager` owns through Updates (client-side apply) to its Apply entry, as
   * helm 4 does before its first server-side apply of a release (k8s.io/client-go
   * util/csaupgrade UpgradeManagedFields, called from pkg/kube/client.go at v4.1.4).
   */
  upgradeToApply(
    key: ResourceKey,
    namespace: string | undefined,
    name: string,
    manager: string,
  ): void {
    const current = this.get(key, namespace, name);
    const entries = current?.metadata.managedFields ?? [];
    const isCsa = (e: ManagedFieldsEntry) =>
      e.manager === manager && e.operation === 'Update' && !e.subresource;
    if (!current || !entries.some(isCsa)) return;
    const t = resourceType(key);
    const ctx = this.writeContext(t, { manager, operation: 'Apply' });
    const keys = new Set(
      entries
        .filter((e) => isCsa(e) || sameWriter(e, ctx.writer, ctx.apiVersion))
        .flatMap((e) => [...ownedKeys(e)]),
    );
    const rest = entries.filter((e) => !isCsa(e) && !sameWriter(e, ctx.writer, ctx.apiVersion));
    current.metadata.managedFields = dropEmpty([...rest, withOwned(newEntry(ctx), keys)]);
    this.updateObject(key, current, { force: true }, current.metadata.managedFields);
  }

  private writeContext(t: ResourceType, writer: WriteContext['writer']): WriteContext {
    return {
      writer,
      apiVersion: apiVersionOf(t),
      now: this.now()
        .toISOString()
        .replace(/\.\d+Z$/, 'Z'),
      statusSubresource: hasStatusSubresource(t),
    };
  }

  /** Records an Update by `manager` in `next.metadata.managedFields`. */
  private track(
    t: ResourceType,
    next: KubeObject,
    current: KubeObject | undefined,
    manager: string,
    subresource: 'status' | undefined,
  ): void {
    const ctx = this.writeContext(t, {
      manager,
      operation: 'Update',
      ...(subresource ? { subresource } : {}),
    });
    const entries = current?.metadata.managedFields ?? [];
    next.metadata.managedFields = recordUpdate(entries, current, next, ctx);
  }

  delete(
    key: ResourceKey,
    namespace: string | undefined,
    name: string,
    options: WriteOptions = {},
  ): KubeObject {
    const t = resourceType(key);
    const ns = t.namespaced ? (namespace ?? 'default') : undefined;
    const current = this.bucket(key).get(objectKey(ns, name));
    if (!current) throw errors.notFound(t, name);
    if (options.dryRun) return clone(current);
    if (key === 'namespaces') return this.terminateNamespace(current);
    if (key === crdKey) return this.deleteDefinition(current);
    if ((current.metadata.finalizers ?? []).length > 0) {
      if (current.metadata.deletionTimestamp) return clone(current);
      const next = clone(current);
      next.metadata.deletionTimestamp = this.now()
        .toISOString()
        .replace(/\.\d+Z$/, 'Z');
      return this.commit('MODIFIED', key, next);
    }
    return this.remove(key, current);
  }

  private remove(key: ResourceKey, obj: KubeObject): KubeObject {
    this.bucket(key).delete(objectKey(obj.metadata.namespace, obj.metadata.name));
    const gone = this.commit('DELETED', key, clone(obj), false);
    const uid = obj.metadata.uid;
    if (uid) this.defer(() => this.collectOrphans(uid));
    // What a terminating namespace or definition was waiting for may be this.
    const ns = obj.metadata.namespace;
    if (ns && this.bucket('namespaces').get(ns)?.metadata.deletionTimestamp)
      this.deferNamespace(() => this.finalizeNamespace(ns));
    const crd = resourceType(key).crd;
    if (crd && this.bucket(crdKey).get(crd)?.metadata.deletionTimestamp)
      this.defer(() => this.finishDefinition(crd));
    return gone;
  }

  /**
   * Deleting a CustomResourceDefinition deletes its custom resources first (the API server's
   * `customresourcecleanup.apiextensions.k8s.io` finalizer); one with finalizers of its own
   * holds the definition in deletion until they are removed (why rancher-cleanup's cleanup.sh
   * strips them before deleting CRDs).
   */
  private deleteDefinition(crd: KubeObject): KubeObject {
    if (crd.metadata.deletionTimestamp) return clone(crd);
    const next = clone(crd);
    next.metadata.deletionTimestamp = this.now()
      .toISOString()
      .replace(/\.\d+Z$/, 'Z');
    next.metadata.finalizers = ['customresourcecleanup.apiextensions.k8s.io'];
    const result = this.commit('MODIFIED', crdKey, next);
    for (const key of this.keysOfDefinition(crd.metadata.name))
      for (const obj of [...this.bucket(key).values()])
        this.tryDelete(key, obj.metadata.namespace, obj.metadata.name);
    this.finishDefinition(crd.metadata.name);
    return result;
  }

  private keysOfDefinition(name: string): ResourceKey[] {
    return [...this.objects.keys()].filter((key) => resourceType(key).crd === name);
  }

  private finishDefinition(name: string): void {
    const crd = this.bucket(crdKey).get(name);
    if (!crd?.metadata.deletionTimestamp) return;
    if (this.keysOfDefinition(name).some((key) => this.bucket(key).size > 0)) return;
    this.remove(crdKey, crd);
  }

  /** Background cascading deletion: dependents of a deleted owner go too. */
  private collectOrphans(ownerUid: string): void {
    for (const [key, bucket] of this.objects) {
      for (const obj of [...bucket.values()]) {
        if (obj.metadata.ownerReferences?.some((r) => r.uid === ownerUid)) {
          this.tryDelete(key, obj.metadata.namespace, obj.metadata.name);
        }
      }
    }
  }

  private tryDelete(key: ResourceKey, namespace: string | undefined, name: string): void {
    try {
      this.delete(key, namespace, name);
    } catch (e) {
      if (!(e instanceof ApiError && e.code === 404)) throw e;
    }
  }

  private terminateNamespace(ns: KubeObject): KubeObject {
    if (ns.metadata.deletionTimestamp) return clone(ns);
    const next = clone(ns);
    next.metadata.deletionTimestamp = this.now()
      .toISOString()
      .replace(/\.\d+Z$/, 'Z');
    next.status = { ...(next.status ?? {}), phase: 'Terminating' };
    const result = this.commit('MODIFIED', 'namespaces', next);
    this.deferNamespace(() => this.finalizeNamespace(ns.metadata.name));
    return result;
  }

  /**
   * The namespace controller: delete everything inside (objects with finalizers are marked
   * and wait for them), then the namespace once it is empty and its own metadata.finalizers
   * are gone; meanwhile it stays Terminating and says what it waits for, as the
   * `NamespaceFinalizersRemaining` / `NamespaceContentRemaining` conditions do.
   */
  private finalizeNamespace(name: string): void {
    const ns = this.bucket('namespaces').get(name);
    if (!ns?.metadata.deletionTimestamp) return;
    const waiting: string[] = [];
    for (const [key, bucket] of this.objects) {
      if (!resourceType(key).namespaced) continue;
      for (const obj of [...bucket.values()]) {
        if (obj.metadata.namespace !== name) continue;
        const finalizers = obj.metadata.finalizers ?? [];
        if (finalizers.length === 0) {
          this.remove(key, obj);
          continue;
        }
        waiting.push(...finalizers.map((f) => `${f} in ${finalizers.length} resource instances`));
        if (!obj.metadata.deletionTimestamp) this.tryDelete(key, name, obj.metadata.name);
      }
    }
    if (waiting.length === 0) {
      // Its own metadata.finalizers hold it until whoever set them (or a user) removes them.
      if ((ns.metadata.finalizers ?? []).length === 0) this.remove('namespaces', ns);
      return;
    }
    const conditions = [
      {
        type: 'NamespaceFinalizersRemaining',
        status: 'True',
        reason: 'SomeFinalizersRemain',
        message: `Some content in the namespace has finalizers remaining: ${[...new Set(waiting)].join(', ')}`,
      },
    ];
    if (isDeepStrictEqual(ns.status?.conditions, conditions)) return;
    const next = clone(ns);
    next.status = { ...(next.status ?? {}), phase: 'Terminating', conditions };
    this.commit('MODIFIED', 'namespaces', next);
  }

  private checkNamespaceOpen(t: ResourceType, namespace: string, name: string): void {
    const ns = this.bucket('namespaces').get(namespace);
    if (!ns) throw errors.notFound(resourceType('namespaces'), namespace);
    if (ns.metadata.deletionTimestamp) throw errors.terminating(t, name, namespace);
  }

  private commit(
    type: WatchEventType,
    key: ResourceKey,
    obj: KubeObject,
    store = true,
  ): KubeObject {
    this.revision++;
    obj.metadata.resourceVersion = String(this.revision);
    if (store) this.bucket(key).set(objectKey(obj.metadata.namespace, obj.metadata.name), obj);
    const event: StoreEvent = { type, key, object: clone(obj), resourceVersion: this.revision };
    this.history.push(event);
    if (this.history.length > this.historySize) this.history.shift();
    this.pending.push(event);
    this.flush();
    return clone(obj);
  }

  private flush(): void {
    if (this.dispatching) return;
    this.dispatching = true;
    try {
      for (let e = this.pending.shift(); e; e = this.pending.shift()) {
        for (const listener of [...this.listeners]) listener(e);
      }
    } finally {
      this.dispatching = false;
    }
  }

  /** Every event, for the simulated controllers. */
  subscribe(listener: (e: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Events after `fromResourceVersion` for one type, then live ones.
   * Throws 410 Expired when history no longer reaches back that far.
   */
  watch(
    key: ResourceKey,
    fromResourceVersion: number,
    options: ListOptions,
    listener: (e: StoreEvent) => void,
  ): () => void {
    if (fromResourceVersion < this.oldestResumable)
      throw errors.expired(String(fromResourceVersion));
    const byLabel = labelMatcher(options.labelSelector);
    const byField = fieldMatcher(options.fieldSelector);
    const wanted = (e: StoreEvent) =>
      e.key === key &&
      e.resourceVersion > fromResourceVersion &&
      (!options.namespace || e.object.metadata.namespace === options.namespace) &&
      byLabel(e.object) &&
      byField(e.object);
    for (const e of this.history) if (wanted(e)) listener(e);
    return this.subscribe((e) => {
      if (wanted(e)) listener(e);
    });
  }
}
