import type { Config } from '../config/config.js';
import { kubeVersionAdmits } from '../engine/desired/chart-version.js';
import {
  compareMinor,
  minorOf,
  newestAdmittingLine,
  newestSupportedLine,
  rancherKubeBounds,
  rancherSupport,
  supports,
} from '../engine/desired/rancher-support.js';
import type { Helm } from '../systems/helm.js';
import { fail, pass, warn, type CheckResult } from './check.js';

/** What preflight knows of the Rancher chart the install would use. */
export interface RancherChartFacts {
  /** The pinned version, or the repository's newest. */
  version: string;
  kubeVersion?: string;
  /** Where `kubeVersion` came from. */
  source: 'repository' | 'offline table';
  /** Why the repository could not be read (offline table only). */
  unreachable?: string;
}

const newestTableLine = Object.keys(rancherKubeBounds).sort((a, b) => compareMinor(b, a))[0]!;

/**
 * Reads the chart's Chart.yaml from the repository URL (`helm show chart rancher --repo URL`:
 * nothing is added to the helm configuration); the table is the offline fallback.
 */
export async function readRancherChart(
  helm: Pick<Helm, 'showChart'>,
  config: Config,
): Promise<RancherChartFacts> {
  const pinned = config.rancher.chartVersion || undefined;
  try {
    const meta = await helm.showChart('rancher', {
      repoUrl: config.rancher.chartRepo,
      ...(pinned ? { version: pinned } : {}),
    });
    return {
      version: meta.version,
      ...(meta.kubeVersion ? { kubeVersion: meta.kubeVersion } : {}),
      source: 'repository',
    };
  } catch (error) {
    const line = (pinned && minorOf(pinned)) || newestTableLine;
    const bound = rancherKubeBounds[line];
    return {
      version: pinned ?? `${line}.x`,
      ...(bound ? { kubeVersion: `< ${bound}.0-0` } : {}),
      source: 'offline table',
      unreachable: error instanceof Error ? error.message : String(error),
    };
  }
}

function fromWhere(chart: RancherChartFacts): string {
  return chart.source === 'repository'
    ? 'read from the chart repository'
    : `from the offline table: the repository could not be read (${chart.unreachable ?? '?'})`;
}

/** `k8s.version`: Helm will accept the chart on this cluster (its `kubeVersion`). */
export function checkKubeVersion(
  gitVersion: string,
  chart: RancherChartFacts,
  pinned: boolean,
): CheckResult {
  const id = 'k8s.version';
  const kube = minorOf(gitVersion) ?? gitVersion;
  const allows = `kubeVersion ${chart.kubeVersion ?? '(none)'}, ${fromWhere(chart)}`;
  if (kubeVersionAdmits(chart.kubeVersion, gitVersion))
    return pass(
      id,
      `Kubernetes ${gitVersion} fits Rancher ${chart.version}${pinned ? '' : ' (the newest)'} (${allows})`,
    );
  const fits = newestAdmittingLine(kube);
  if (!pinned && !fits)
    return fail(
      id,
      `no Rancher chart installs on Kubernetes ${gitVersion}: the newest, ${chart.version}, requires ${allows}`,
      'wait for a Rancher release that supports this Kubernetes minor, or use a cluster on an older one',
    );
  if (!pinned)
    return pass(
      id,
      `the newest Rancher chart ${chart.version} does not install on Kubernetes ${gitVersion} (${allows}); the install picks the newest that does${fits ? ` (a ${fits}.x chart)` : ''}`,
    );
  return fail(
    id,
    `rancher.chartVersion ${chart.version} does not install on Kubernetes ${gitVersion}: chart requires ${allows}`,
    fits
      ? `set rancher.chartVersion to a ${fits}.x chart, or leave it empty and the install picks the newest that fits`
      : 'leave rancher.chartVersion empty and the install picks the newest that fits, or use a cluster on an older Kubernetes',
  );
}

/** `rancher.support`: SUSE validates the Rancher line on this Kubernetes minor (a warning only). */
export function checkRancherSupport(gitVersion: string, pinned: string | undefined): CheckResult {
  const id = 'rancher.support';
  const kube = minorOf(gitVersion);
  const newest = kube ? newestSupportedLine(kube) : undefined;
  const source = `(${rancherSupport.source})`;
  if (!kube) return warn(id, `cannot read the minor of Kubernetes ${gitVersion}`, '');
  if (!pinned) {
    if (newest)
      return pass(
        id,
        `Rancher ${newest} is the newest line SUSE validates on Kubernetes ${kube}: the install prefers it ${source}`,
      );
    return warn(
      id,
      `no Rancher line from ${Object.keys(rancherSupport.lines)[0]} on is validated on Kubernetes ${kube} ${source}`,
      'upgrade the cluster to a Kubernetes minor Rancher supports (a newer TKGI), or accept an unvalidated combination',
    );
  }
  const line = minorOf(pinned) ?? pinned;
  const validated = supports(line, kube);
  const range = rancherSupport.lines[line];
  if (validated) return pass(id, `SUSE validates Rancher ${line} on Kubernetes ${kube} ${source}`);
  return warn(
    id,
    validated === undefined
      ? `no support data for Rancher ${line} ${source}`
      : `SUSE validates Rancher ${line} on Kubernetes ${range![0]}–${range![1]}, not ${kube} ${source}`,
    newest
      ? `Rancher ${newest} is the newest line validated on Kubernetes ${kube}: set rancher.chartVersion to a ${newest}.x chart, or leave it empty`
      : 'upgrade the cluster to a Kubernetes minor Rancher supports',
  );
}
