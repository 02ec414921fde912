import { stringify } from 'yaml';
import type { KubeObject } from '../kube/object.js';
import { locateChart } from './chart-source.js';
import { repoIndexFor } from './charts/index.js';
import { json, table } from './output.js';
import { fetchIndexError } from './repositories.js';
import { satisfies } from './semver.js';
import type { HelmSession } from './session.js';
import { requireArgs } from './flags.js';

interface SearchHit {
  name: string;
  version: string;
  app_version: string;
  description: string;
}

function searchHits(s: HelmSession, keyword: string): SearchHit[] {
  const hits: SearchHit[] = [];
  const wanted = s.flags.string('version');
  const allVersions = s.flags.bool('versions');
  for (const repo of s.repositories().list()) {
    if (fetchIndexError(repo.url, s.major)) continue;
    for (const entry of repoIndexFor(repo.url)?.charts ?? []) {
      const name = `${repo.name}/${entry.chart.name}`;
      const text = `${name} ${entry.chart.description}`.toLowerCase();
      if (keyword && !text.includes(keyword.toLowerCase())) continue;
      const versions = entry.versions.filter((v) => !wanted || satisfies(v.version, wanted));
      for (const v of allVersions ? versions : versions.slice(0, 1)) {
        hits.push({
          name,
          version: v.version,
          app_version: v.appVersion,
          description: entry.chart.description,
        });
      }
    }
  }
  return hits;
}

/** `helm search repo KEYWORD` (Helm 3/4) and `helm search KEYWORD` (Helm 2). */
export function searchCommand(s: HelmSession): void {
  const hits = searchHits(s, s.flags.positionals[0] ?? '');
  const format = s.flags.string('output') ?? 'table';
  if (format === 'json') return s.print(json(hits));
  if (format === 'yaml') return s.print(stringify(hits));
  if (hits.length === 0) return s.print('No results found\n');
  const rows = hits.map((h) => [h.name, h.version, h.app_version, h.description]);
  s.print(table([['NAME', 'CHART VERSION', 'APP VERSION', 'DESCRIPTION'], ...rows]));
}

/**
 * The chart's crds/ files, each followed by a newline (pkg/action/show.go at v3.18.0);
 * traefik's files start with `---`. The lab's CRDs carry no status there.
 */
function crdsText(crds: KubeObject[]): string {
  return crds
    .map((crd) => {
      const file = { ...crd };
      delete file.status;
      return `---\n${stringify(file)}\n`;
    })
    .join('');
}

/** `helm show chart|values|crds REF` (`helm inspect` in Helm 2). */
export function showCommand(s: HelmSession, what: string): void {
  requireArgs(`show ${what}`, `show ${what} [CHART]`, s.flags.positionals, 1);
  const located = locateChart(s, s.flags.positionals[0]!, s.flags.string('version'));
  const def = located.definition;
  const chartYaml = {
    apiVersion: def.apiVersion,
    appVersion: located.version.appVersion,
    ...(def.deprecated ? { deprecated: true } : {}),
    description: def.description,
    home: def.home,
    ...(located.version.kubeVersion ? { kubeVersion: located.version.kubeVersion } : {}),
    name: def.name,
    version: located.version.version,
  };
  const values = stringify(def.defaults(located.version));
  if (what === 'crds') return s.print(crdsText(def.crds?.(located.version) ?? []));
  if (what === 'chart') s.print(stringify(chartYaml));
  else if (what === 'values') s.print(values);
  else s.print(`${stringify(chartYaml)}\n---\n${values}`);
}
