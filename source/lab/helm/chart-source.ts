import {
  pickVersion,
  repoIndexFor,
  type ChartDefinition,
  type ChartVersion,
} from './charts/index.js';
import { HelmError } from './errors.js';
import { fetchIndexError, notAChartRepository } from './repositories.js';
import type { HelmSession } from './session.js';

export interface LocatedChart {
  definition: ChartDefinition;
  version: ChartVersion;
  repo: string;
}

/**
 * `CHART --repo URL`: the chart straight from a repository URL, nothing added (helm's
 * `ChartPathOptions.RepoURL`: it downloads that index and picks the chart by name; the
 * not-found wording is pkg/repo/chartrepo.go at v3.18.0).
 */
function locateInRepoUrl(
  s: HelmSession,
  url: string,
  chartName: string,
  wanted: string | undefined,
): LocatedChart {
  const failure = fetchIndexError(url, s.major);
  if (failure) throw new HelmError(notAChartRepository(url, failure, s.major));
  const entry = repoIndexFor(url)?.charts.find((c) => c.chart.name === chartName);
  const version = entry ? pickVersion(entry, wanted) : undefined;
  if (!entry || !version) {
    throw new HelmError(
      `chart "${chartName}"${wanted ? ` version "${wanted}"` : ''} not found in ${url} repository`,
    );
  }
  return { definition: entry.chart, version, repo: url };
}

/** `REPO/CHART [--version V]` resolved against the configured repositories' indexes. */
export function locateChart(s: HelmSession, ref: string, wanted: string | undefined): LocatedChart {
  const repoUrl = s.flags.has('repo') ? s.flags.string('repo') : undefined;
  if (repoUrl && s.major !== 2) return locateInRepoUrl(s, repoUrl, ref, wanted);
  const v2Failure = () =>
    new HelmError(`failed to download "${ref}" (hint: running \`helm repo update\` may help)`);
  const slash = ref.indexOf('/');
  if (slash < 0 || ref.startsWith('.') || ref.startsWith('/')) {
    if (s.major === 2) throw v2Failure();
    throw new HelmError(
      `non-absolute URLs should be in form of repo_name/path_to_chart, got: ${ref}`,
    );
  }
  const repoName = ref.slice(0, slash);
  const chartName = ref.slice(slash + 1);
  const repo = s.repositories().get(repoName);
  if (!repo) {
    if (s.major === 2) throw v2Failure();
    throw new HelmError(`repo ${repoName} not found`);
  }
  const index = fetchIndexError(repo.url, s.major) ? undefined : repoIndexFor(repo.url);
  const entry = index?.charts.find((c) => c.chart.name === chartName);
  const notFound = (why: string) =>
    s.major === 2
      ? v2Failure()
      : new HelmError(
          `chart "${chartName}" matching ${wanted ?? ''} not found in ${repoName} index. (try 'helm repo update'): ${why}`,
        );
  if (!entry) throw notFound('no chart name found');
  const version = pickVersion(entry, wanted);
  if (!version) throw notFound(`no chart version found for ${chartName}-${wanted ?? ''}`);
  // helm v2.17.0 pkg/chartutil/load.go: Helm 2 loads only apiVersion v1 charts.
  if (s.major === 2 && entry.chart.apiVersion !== 'v1') {
    throw new HelmError(
      `apiVersion '${entry.chart.apiVersion}' is not valid. The value must be "v1"`,
    );
  }
  return { definition: entry.chart, version, repo: repoName };
}
