import type { Inventory, InventoryRow } from '../../config/inventory.js';
import type { KubeObject, ObjectRef } from '../../systems/kube.js';
import type { RancherApi } from '../../systems/rancher-api-types.js';

/** What the import needs of a downstream cluster's API (systems/kube.ts's Kube has it all). */
export interface DownstreamKube {
  version(): Promise<string>;
  apply<T extends KubeObject>(obj: T): Promise<T>;
  get<T extends KubeObject = KubeObject>(ref: ObjectRef): Promise<T | undefined>;
  list<T extends KubeObject = KubeObject>(
    apiVersion: string,
    kind: string,
    options?: { namespace?: string; labelSelector?: string },
  ): Promise<{ items: T[]; resourceVersion: string }>;
  delete(ref: ObjectRef): Promise<boolean>;
  podLog(namespace: string, name: string, tailLines?: number): Promise<string>;
}

/**
 * The import's outside world, made by the command (it holds the Rancher token, so it is never
 * persisted) and handed to the run: Rancher's API, each downstream's client, the bundle folder.
 */
export interface FleetSystems {
  rancher: RancherApi;
  /** Loaded again on resume from the path (or `--from-pks` pattern) the facts keep. */
  inventory: Inventory;
  /** The API of a push row's cluster (kubeconfig, or `pks get-credentials`). */
  downstream(row: InventoryRow): Promise<DownstreamKube>;
  /** Rancher's hostname, as agents must reach it (CATTLE_SERVER's host). */
  rancherHost: string;
  /** Rancher's CA bundle (PEM) for the reachability Job; undefined: a public CA (no --cacert). */
  caPem?: string;
  /** The agent image the reachability Job runs (`rancher/rancher-agent:v2.13.8`). */
  agentImage: string;
  /** Namespaces in Rancher's own cluster now (the NSX-T budget); undefined when unreadable. */
  localNamespaces(): Promise<number | undefined>;
  /** The folder offline bundles go to (0700, made on first use). */
  bundleDir: string;
  /** Writes an offline row's bundle (systems/offline-bundle.ts); returns its folder. */
  writeBundle(name: string, manifest: string): Promise<string>;
}
