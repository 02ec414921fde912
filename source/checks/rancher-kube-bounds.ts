/**
 * The Rancher chart's `kubeVersion` upper bounds per Rancher minor (FACTS): the chart
 * refuses to install on a cluster at or above the bound.
 */
export const rancherKubeBounds: Readonly<Record<string, string>> = {
  '2.6': '1.22',
  '2.7': '1.25',
  '2.8': '1.28',
  '2.9': '1.31',
  '2.10': '1.32',
  '2.11': '1.33',
  '2.12': '1.34',
  '2.13': '1.35',
  '2.14': '1.36',
};

/** What an empty `rancher.chartVersion` installs today: the latest stable chart. */
export const latestStableRancher = '2.13';

/** `major.minor` of `2.9.3`, `v2.9.3` or `v1.31.4+vmware.1`; undefined when it is not a version. */
export function minorOf(version: string): string | undefined {
  const m = /^v?(\d+)\.(\d+)/.exec(version.trim());
  return m ? `${Number(m[1])}.${Number(m[2])}` : undefined;
}

/** -1, 0 or 1, comparing `major.minor` strings numerically (1.9 < 1.31). */
export function compareMinor(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split('.').map(Number);
  const [bMajor = 0, bMinor = 0] = b.split('.').map(Number);
  return Math.sign(aMajor - bMajor || aMinor - bMinor);
}

/** The oldest Rancher minor whose chart accepts Kubernetes `kubeMinor`, if any we know. */
export function rancherFor(kubeMinor: string): string | undefined {
  return Object.entries(rancherKubeBounds)
    .sort(([a], [b]) => compareMinor(a, b))
    .find(([, bound]) => compareMinor(kubeMinor, bound) < 0)?.[0];
}
