/** `lab up --edge-clusters N [--edge-offline K] [--edge-old K]`. */
export interface EdgeOptions {
  count: number;
  /** The last K: sites the jump box cannot reach (`mode: offline` in the inventory). */
  offline?: number;
  /** K reachable ones (just before the offline ones) run an old Kubernetes. */
  old?: number;
}

/**
 * The version the old ones run: v1.23.17, the last v1.23 patch, outside the range of
 * every Rancher v2.12/v2.13 support matrix (rancher.com support matrix: v2.12 from v1.31).
 */
export const oldKubeVersion = 'v1.23.17';

export interface EdgeSite {
  name: string;
  index: number;
  offline: boolean;
  kubeVersion: string;
  labels: { site: string; region: string; environment: string };
}

const regions = ['emea', 'us', 'apac'];

/** Deterministic names and labels: edge-001 is store-001 in emea, every tenth one is staging. */
export function planEdges(options: EdgeOptions, kubeVersion: string): EdgeSite[] {
  const { count } = options;
  const offline = Math.min(options.offline ?? 0, count);
  const old = Math.min(options.old ?? 0, count - offline);
  const width = Math.max(3, String(count).length);
  return Array.from({ length: count }, (_, index) => {
    const number = String(index + 1).padStart(width, '0');
    return {
      name: `edge-${number}`,
      index,
      offline: index >= count - offline,
      kubeVersion:
        index >= count - offline - old && index < count - offline ? oldKubeVersion : kubeVersion,
      labels: {
        site: `store-${number}`,
        region: regions[index % regions.length]!,
        environment: index % 10 === 9 ? 'staging' : 'prod',
      },
    };
  });
}
