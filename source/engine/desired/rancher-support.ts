/**
 * SUSE validates each Rancher line on about three Kubernetes minors ("ensure all clusters
 * are running Kubernetes v1.A or later", release notes). The support matrix page itself is
 * not public source; these ranges come from the release notes in rancher/rancher-product-docs
 * (`versions/vX/modules/en/pages/release-notes/*.adoc`), read 2026-08. 2.9's range is from a
 * quote of its notes (ovh/public-cloud-roadmap#591) and Rancher's KDM issues.
 */
export const rancherSupport = {
  source:
    'Rancher release notes (rancher/rancher-product-docs, versions/v2.X/…/release-notes), read 2026-08',
  /** Rancher line → the lowest and highest Kubernetes minor it is validated on (local and downstream). */
  lines: {
    '2.9': ['1.27', '1.30'],
    '2.10': ['1.28', '1.31'],
    '2.11': ['1.30', '1.32'],
    '2.12': ['1.31', '1.33'],
    '2.13': ['1.32', '1.34'],
    '2.14': ['1.33', '1.35'],
    '2.15': ['1.34', '1.36'],
  } as Readonly<Record<string, readonly [string, string]>>,
} as const;

/**
 * The chart's `kubeVersion` upper bound per line, at its newest patch (`chart/Chart.yaml`
 * per tag in rancher/rancher; bounds rise within a line: 2.7.0 `< 1.25` but 2.7.11+
 * `< 1.28`). Only the offline fallback: the chart repository is read first.
 */
export const rancherKubeBounds: Readonly<Record<string, string>> = {
  '2.6': '1.25',
  '2.7': '1.28',
  '2.8': '1.29',
  '2.9': '1.31',
  '2.10': '1.32',
  '2.11': '1.33',
  '2.12': '1.34',
  '2.13': '1.35',
  '2.14': '1.36',
  '2.15': '1.37',
};

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

/** Whether SUSE validates Rancher `line` on Kubernetes `kubeMinor`; undefined when the line is not in the data. */
export function supports(line: string, kubeMinor: string): boolean | undefined {
  const range = rancherSupport.lines[line];
  if (!range) return undefined;
  return compareMinor(kubeMinor, range[0]) >= 0 && compareMinor(kubeMinor, range[1]) <= 0;
}

/** The newest Rancher line validated on `kubeMinor`, if any. */
export function newestSupportedLine(kubeMinor: string): string | undefined {
  return Object.keys(rancherSupport.lines)
    .sort((a, b) => compareMinor(b, a))
    .find((line) => supports(line, kubeMinor));
}

/** The newest line whose chart installs on `kubeMinor` per the offline table. */
export function newestAdmittingLine(kubeMinor: string): string | undefined {
  return Object.entries(rancherKubeBounds)
    .sort(([a], [b]) => compareMinor(b, a))
    .find(([, bound]) => compareMinor(kubeMinor, bound) < 0)?.[0];
}
