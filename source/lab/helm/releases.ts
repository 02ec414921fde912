import { gunzipSync, gzipSync } from 'node:zlib';
import { ApiError } from '../kube/api-error.js';
import type { KubeObject } from '../kube/object.js';
import type { Store } from '../kube/store.js';
import type { Values } from './set-values.js';

export type ReleaseStatus =
  | 'unknown'
  | 'deployed'
  | 'uninstalled'
  | 'superseded'
  | 'failed'
  | 'uninstalling'
  | 'pending-install'
  | 'pending-upgrade'
  | 'pending-rollback';

export interface ChartMetadata {
  name: string;
  version: string;
  appVersion: string;
  apiVersion: string;
  description: string;
  home: string;
  kubeVersion?: string;
  deprecated?: boolean;
}

/** A release revision, shaped like Helm 3's `release.Release` JSON. */
export interface Release {
  name: string;
  namespace: string;
  version: number;
  info: {
    first_deployed: string;
    last_deployed: string;
    deleted: string;
    description: string;
    status: ReleaseStatus;
    notes?: string;
  };
  chart: { metadata: ChartMetadata; values: Values };
  /** The user-supplied values. */
  config: Values;
  manifest: string;
  /** Helm 4: how the revision was applied (pkg/release/v1/release.go at v4.1.4). */
  apply_method?: 'ssa' | 'csa';
}

/** Where releases live: Secrets for Helm 3/4, ConfigMaps in Tiller's namespace for Helm 2. */
export interface ReleaseStorage {
  /** Every revision of a release, oldest first. */
  history(name: string): Release[];
  /** Every revision of every release in a namespace (all namespaces when undefined). */
  list(namespace: string | undefined): Release[];
  save(release: Release): void;
  remove(release: Release): void;
}

export function lastRevision(storage: ReleaseStorage, name: string): Release | undefined {
  return storage.history(name).at(-1);
}

/** The latest revision of each release. */
export function latestOfEach(releases: Release[]): Release[] {
  const latest = new Map<string, Release>();
  for (const r of releases) {
    const key = `${r.namespace}/${r.name}`;
    const seen = latest.get(key);
    if (!seen || seen.version < r.version) latest.set(key, r);
  }
  return [...latest.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function encode(release: Release): string {
  return gzipSync(Buffer.from(JSON.stringify(release))).toString('base64');
}

function decode(payload: string): Release {
  return JSON.parse(gunzipSync(Buffer.from(payload, 'base64')).toString('utf8')) as Release;
}

function saveObject(store: Store, key: string, object: KubeObject): void {
  const existing = store.get(key, object.metadata.namespace, object.metadata.name);
  if (existing) store.update(key, object, { force: true });
  else store.create(key, object);
}

function removeObject(store: Store, key: string, namespace: string, name: string): void {
  try {
    store.delete(key, namespace, name);
  } catch (e) {
    if (!(e instanceof ApiError && e.code === 404)) throw e;
  }
}

/**
 * Helm 3's default driver: Secret `sh.helm.release.v1.NAME.vN`, type `helm.sh/release.v1`,
 * `data.release` = base64(gzip(JSON)) — base64 once more by the Secret's own encoding.
 */
export class SecretStorage implements ReleaseStorage {
  constructor(
    private readonly store: Store,
    private readonly namespace: string,
  ) {}

  private read(selector: string, namespace: string | undefined): Release[] {
    return this.store
      .list('secrets', { ...(namespace ? { namespace } : {}), labelSelector: selector })
      .filter((s) => s.type === 'helm.sh/release.v1')
      .map((s) =>
        decode(Buffer.from((s.data as Record<string, string>).release ?? '', 'base64').toString()),
      )
      .sort((a, b) => a.version - b.version);
  }

  history(name: string): Release[] {
    return this.read(`owner=helm,name=${name}`, this.namespace);
  }

  list(namespace: string | undefined): Release[] {
    return this.read('owner=helm', namespace);
  }

  save(release: Release): void {
    const payload = Buffer.from(encode(release)).toString('base64');
    saveObject(this.store, 'secrets', {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: `sh.helm.release.v1.${release.name}.v${release.version}`,
        namespace: release.namespace,
        labels: {
          name: release.name,
          owner: 'helm',
          status: release.info.status,
          version: String(release.version),
          modifiedAt: String(Math.floor(Date.now() / 1000)),
        },
      },
      type: 'helm.sh/release.v1',
      data: { release: payload },
    });
  }

  remove(release: Release): void {
    removeObject(
      this.store,
      'secrets',
      release.namespace,
      `sh.helm.release.v1.${release.name}.v${release.version}`,
    );
  }
}

/** Helm 2's status names, as Tiller writes them in the STATUS label. */
export function tillerStatus(status: ReleaseStatus): string {
  const names: Record<ReleaseStatus, string> = {
    unknown: 'UNKNOWN',
    deployed: 'DEPLOYED',
    uninstalled: 'DELETED',
    superseded: 'SUPERSEDED',
    failed: 'FAILED',
    uninstalling: 'DELETING',
    'pending-install': 'PENDING_INSTALL',
    'pending-upgrade': 'PENDING_UPGRADE',
    'pending-rollback': 'PENDING_ROLLBACK',
  };
  return names[status];
}

/** Tiller's driver: ConfigMap `NAME.vN` in Tiller's namespace, labels OWNER=TILLER, NAME, STATUS, VERSION. */
export class ConfigMapStorage implements ReleaseStorage {
  constructor(
    private readonly store: Store,
    private readonly tillerNamespace: string,
  ) {}

  private read(selector: string): Release[] {
    return this.store
      .list('configmaps', { namespace: this.tillerNamespace, labelSelector: selector })
      .map((c) => decode((c.data as Record<string, string>).release ?? ''))
      .sort((a, b) => a.version - b.version);
  }

  history(name: string): Release[] {
    return this.read(`OWNER=TILLER,NAME=${name}`);
  }

  list(namespace: string | undefined): Release[] {
    return this.read('OWNER=TILLER').filter((r) => !namespace || r.namespace === namespace);
  }

  save(release: Release): void {
    saveObject(this.store, 'configmaps', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: `${release.name}.v${release.version}`,
        namespace: this.tillerNamespace,
        labels: {
          NAME: release.name,
          OWNER: 'TILLER',
          STATUS: tillerStatus(release.info.status),
          VERSION: String(release.version),
          MODIFIED_AT: String(Math.floor(Date.now() / 1000)),
        },
      },
      data: { release: encode(release) },
    });
  }

  remove(release: Release): void {
    removeObject(
      this.store,
      'configmaps',
      this.tillerNamespace,
      `${release.name}.v${release.version}`,
    );
  }
}
