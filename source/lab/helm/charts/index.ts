import { compareVersions, parseVersion, satisfies } from '../semver.js';
import type { ChartDefinition, ChartVersion } from './chart.js';
import { ingressNginxChart, ingressNginxVersions } from './ingress-nginx.js';
import { nginxIngressChart, nginxIngressVersions } from './nginx-ingress.js';
import { rancherChart, rancherLatestVersions, rancherStableVersions } from './rancher.js';
import { traefikChart, traefikVersions } from './traefik.js';

export type { ChartDefinition, ChartVersion } from './chart.js';

export interface RepoChart {
  chart: ChartDefinition;
  /** Newest first. */
  versions: ChartVersion[];
}

/** What a repository's index.yaml offers. */
export interface RepoIndex {
  url: string;
  charts: RepoChart[];
}

const indexes: RepoIndex[] = [
  {
    url: 'https://kubernetes.github.io/ingress-nginx',
    charts: [{ chart: ingressNginxChart, versions: ingressNginxVersions }],
  },
  {
    url: 'https://traefik.github.io/charts',
    charts: [{ chart: traefikChart, versions: traefikVersions }],
  },
  {
    url: 'https://releases.rancher.com/server-charts/stable',
    charts: [{ chart: rancherChart, versions: rancherStableVersions }],
  },
  {
    url: 'https://releases.rancher.com/server-charts/latest',
    charts: [{ chart: rancherChart, versions: rancherLatestVersions }],
  },
  {
    url: 'https://charts.helm.sh/stable',
    charts: [{ chart: nginxIngressChart, versions: nginxIngressVersions }],
  },
  // Reachable, but the lab simulates no cert-manager: the index is empty.
  { url: 'https://charts.jetstack.io', charts: [] },
];

export function repoIndexFor(url: string): RepoIndex | undefined {
  const wanted = url.replace(/\/+$/, '');
  return indexes.find((i) => i.url === wanted);
}

/** `--version`: an exact version or a constraint; empty means the newest release. */
export function pickVersion(
  entry: RepoChart,
  wanted: string | undefined,
): ChartVersion | undefined {
  const releases = entry.versions.filter((v) => !parseVersion(v.version)?.prerelease);
  if (!wanted) return releases[0];
  const exact = entry.versions.find((v) => v.version === wanted.replace(/^v/, ''));
  if (exact) return exact;
  const matching = entry.versions.filter((v) => satisfies(v.version, wanted));
  return matching.sort((a, b) =>
    compareVersions(parseVersion(b.version)!, parseVersion(a.version)!),
  )[0];
}
