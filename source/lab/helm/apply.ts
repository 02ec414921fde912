import { ApiError } from '../kube/api-error.js';
import type { KubeObject } from '../kube/object.js';
import { findByKind, keyOf, servedTypes, type ResourceKey } from '../kube/resources.js';
import type { Store } from '../kube/store.js';
import { HelmError } from './errors.js';
import { objectId, sortForInstall, sortForUninstall } from './manifest.js';

/** A manifest object matched to a lab resource type, namespace filled in. */
export interface Resolved {
  key: ResourceKey;
  namespace: string | undefined;
  object: KubeObject;
}

export interface ReleaseTarget {
  store: Store;
  release: string;
  namespace: string;
  major: 2 | 3 | 4;
  /** Helm 4's server-side apply; absent: client-side (creates and updates). */
  serverSide?: ServerSideOptions;
}

export interface ServerSideOptions {
  /** `--force-conflicts`: take fields other managers own. */
  force: boolean;
  /** The release was applied client-side before: move helm's Update fields to its Apply entry first. */
  fromClientSide: boolean;
}

/**
 * Helm's field manager: cmd/helm/helm.go sets kube.ManagedFieldsManager = "helm" (v3.18.0,
 * v4.1.4). Tiller's writes are not tracked (its manager is not documented).
 */
function managerOf(target: ReleaseTarget): string | undefined {
  return target.major === 2 ? undefined : 'helm';
}

const managedBy = 'app.kubernetes.io/managed-by';
const releaseNameKey = 'meta.helm.sh/release-name';
const releaseNamespaceKey = 'meta.helm.sh/release-namespace';

function mappingError(o: KubeObject, namespace: string | undefined, major: number): HelmError {
  const noMatch = `no matches for kind "${o.kind}" in version "${o.apiVersion}"`;
  if (major === 2) return new HelmError(`validation failed: unable to recognize "": ${noMatch}`);
  return new HelmError(
    `unable to build kubernetes objects from release manifest: resource mapping not found for name: "${o.metadata.name}" namespace: "${namespace ?? ''}" from "": ${noMatch}\nensure CRDs are installed first`,
  );
}

/** Maps every object to a known type first, as helm builds all objects before creating any. */
export function resolveObjects(objects: KubeObject[], target: ReleaseTarget): Resolved[] {
  const served = servedTypes(target.store);
  return objects.map((input) => {
    const object = structuredClone(input);
    const t = findByKind(object.apiVersion, object.kind, served);
    const namespace = t?.namespaced ? (object.metadata.namespace ?? target.namespace) : undefined;
    if (!t) throw mappingError(object, object.metadata.namespace ?? target.namespace, target.major);
    if (namespace) object.metadata.namespace = namespace;
    else delete object.metadata.namespace;
    return { key: keyOf(t), namespace, object };
  });
}

export function resolvedId(r: Resolved): string {
  return objectId(r.object, r.namespace);
}

/** Helm 3 marks what it owns so a later install can tell its objects from strangers'. */
function withOwnership(r: Resolved, target: ReleaseTarget): KubeObject {
  const o = structuredClone(r.object);
  if (target.major === 2) return o;
  o.metadata.labels = { ...(o.metadata.labels ?? {}), [managedBy]: 'Helm' };
  o.metadata.annotations = {
    ...(o.metadata.annotations ?? {}),
    [releaseNameKey]: target.release,
    [releaseNamespaceKey]: target.namespace,
  };
  return o;
}

function ownershipProblems(existing: KubeObject, target: ReleaseTarget): string[] {
  const problems: string[] = [];
  const check = (
    kind: 'label' | 'annotation',
    key: string,
    want: string,
    have: string | undefined,
  ) => {
    if (have === undefined)
      problems.push(`${kind} validation error: missing key "${key}": must be set to "${want}"`);
    else if (have !== want) {
      problems.push(
        `${kind} validation error: key "${key}" must equal "${want}": current value is "${have}"`,
      );
    }
  };
  check('label', managedBy, 'Helm', existing.metadata.labels?.[managedBy]);
  check(
    'annotation',
    releaseNameKey,
    target.release,
    existing.metadata.annotations?.[releaseNameKey],
  );
  check(
    'annotation',
    releaseNamespaceKey,
    target.namespace,
    existing.metadata.annotations?.[releaseNamespaceKey],
  );
  return problems;
}

/**
 * Objects new to the release must not already exist unless they carry this release's
 * ownership metadata (helm 3's `existingResourceConflict`).
 */
export function checkOwnership(
  fresh: Resolved[],
  target: ReleaseTarget,
  operation: 'install' | 'update',
): void {
  if (target.major === 2) return;
  for (const r of fresh) {
    const existing = target.store.get(r.key, r.namespace, r.object.metadata.name);
    if (!existing) continue;
    const problems = ownershipProblems(existing, target);
    if (problems.length === 0) continue;
    throw new HelmError(
      `rendered manifests contain a resource that already exists. Unable to continue with ${operation}: ${r.object.kind} "${r.object.metadata.name}" in namespace "${r.namespace ?? ''}" exists and cannot be imported into the current release: invalid ownership metadata; ${problems.join('; ')}`,
    );
  }
}

/** What an update keeps from the live object: identity, others' labels and annotations, finalizers. */
function mergedForUpdate(existing: KubeObject, desired: KubeObject): KubeObject {
  const next = structuredClone(desired);
  next.metadata = {
    ...next.metadata,
    labels: { ...(existing.metadata.labels ?? {}), ...(desired.metadata.labels ?? {}) },
    annotations: {
      ...(existing.metadata.annotations ?? {}),
      ...(desired.metadata.annotations ?? {}),
    },
    ...(existing.metadata.finalizers ? { finalizers: existing.metadata.finalizers } : {}),
    ...(existing.metadata.ownerReferences
      ? { ownerReferences: existing.metadata.ownerReferences }
      : {}),
  };
  if (existing.status !== undefined && next.status === undefined) next.status = existing.status;
  return next;
}

function apiFailure(e: unknown, major: number, release: string): HelmError {
  const message = e instanceof ApiError ? e.message : String(e);
  return new HelmError(major === 2 ? `release ${release} failed: ${message}` : message);
}

/** `apps/v1, Kind=Deployment`, `/v1, Kind=Service`: Go's schema.GroupVersionKind.String(). */
function gvk(o: KubeObject): string {
  const version = o.apiVersion.includes('/') ? o.apiVersion : `/${o.apiVersion}`;
  return `${version}, Kind=${o.kind}`;
}

/** One object applied server-side as helm 4 does (pkg/kube/client.go patchResourceServerSide). */
function applyServerSide(
  r: Resolved,
  desired: KubeObject,
  target: ReleaseTarget,
  ssa: ServerSideOptions,
): void {
  const { store } = target;
  const name = desired.metadata.name;
  if (ssa.fromClientSide) store.upgradeToApply(r.key, r.namespace, name, 'helm');
  try {
    store.apply(r.key, desired, { manager: 'helm', force: ssa.force });
  } catch (e) {
    if (!(e instanceof ApiError && e.reason === 'Conflict')) throw e;
    throw new HelmError(
      `conflict occurred while applying object ${r.namespace ?? ''}/${name} ${gvk(desired)}: ${e.message}`,
    );
  }
}

/**
 * Creates what is missing and updates what exists, in helm's install order. Server-side,
 * a failed update does not stop the others; the failures are joined with " && "
 * (pkg/kube/client.go update() at v4.1.4).
 */
export function applyObjects(
  objects: Resolved[],
  target: ReleaseTarget,
  existingAllowed: boolean,
): void {
  const manager = managerOf(target);
  const failures: string[] = [];
  for (const r of sortForInstall(objects)) {
    const desired = withOwnership(r, target);
    try {
      const existing = target.store.get(r.key, r.namespace, desired.metadata.name);
      if (existing && !existingAllowed)
        target.store.create(r.key, desired); // fails: AlreadyExists, as Helm 2 reports
      else if (target.serverSide) applyServerSide(r, desired, target, target.serverSide);
      else if (!existing) target.store.create(r.key, desired, manager ? { manager } : {});
      else {
        const next = mergedForUpdate(existing, desired);
        target.store.update(r.key, next, { force: true, ...(manager ? { manager } : {}) });
      }
    } catch (e) {
      if (!(target.serverSide && e instanceof HelmError))
        throw apiFailure(e, target.major, target.release);
      failures.push(e.message);
    }
  }
  if (failures.length) throw new HelmError(failures.join(' && '));
}

/** Hook Jobs' side effects: created once, never owned by the release. */
export function applyHookObjects(objects: Resolved[], target: ReleaseTarget): void {
  for (const r of objects) {
    if (target.store.get(r.key, r.namespace, r.object.metadata.name)) continue;
    target.store.create(r.key, r.object);
  }
}

/** Deletes objects (reverse install order); gone already is fine; `resource-policy: keep` stays. */
export function deleteObjects(objects: Resolved[], store: Store): string[] {
  const kept: string[] = [];
  for (const r of sortForUninstall(objects)) {
    if (r.object.metadata.annotations?.['helm.sh/resource-policy'] === 'keep') {
      kept.push(`[${r.object.kind}] ${r.object.metadata.name}`);
      continue;
    }
    try {
      store.delete(r.key, r.namespace, r.object.metadata.name);
    } catch (e) {
      if (!(e instanceof ApiError && e.code === 404)) throw e;
    }
  }
  return kept;
}
