/**
 * The fleet import's inventory, once loaded and validated (config/load-inventory.ts reads the
 * YAML or CSV form). One row per cluster to register in Rancher.
 */
export type InventoryAccess =
  /** A kubeconfig file (absolute path once loaded) and, optionally, one of its contexts. */
  | { kind: 'kubeconfig'; kubeconfig: string; context?: string }
  /** A PKS/TKGI cluster: credentials through `pks get-credentials`. */
  | { kind: 'pks'; pksCluster: string }
  /** The jump box cannot reach it: a bundle is written for the site to apply. */
  | { kind: 'offline' };

export interface InventoryRow {
  /** The cluster's name in Rancher. */
  name: string;
  access: InventoryAccess;
  /** Rancher and Fleet group by these (site, region, environment, …). */
  labels: Record<string, string>;
  /** Where the row is in the file (1-based), for messages. */
  line: number;
}

export interface Inventory {
  /** The file it came from (absolute), or a description (`pks clusters matching "edge-*"`). */
  source: string;
  rows: InventoryRow[];
}
