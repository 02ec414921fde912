import type { Config } from '../../config/config.js';
import { PermanentError } from '../../systems/errors.js';
import {
  kubeVersionAdmits,
  minorLine,
  newestFitting,
  type ChartRepoReader,
} from '../desired/chart-version.js';
import {
  minorOf,
  newestSupportedLine,
  rancherSupport,
  supports,
} from '../desired/rancher-support.js';
import type { Step, StepContext } from '../step.js';
import { namespace, rancherRepo } from './charts.js';

/** `rancher-stable/rancher`: the chart as the added repository names it. */
export function rancherChartRef(config: Config): string {
  return `${rancherRepo(config).name}/rancher`;
}

function rancherReader(ctx: StepContext): ChartRepoReader {
  const ref = rancherChartRef(ctx.config);
  return {
    versions: () => ctx.systems.helm.chartVersions(ref),
    kubeVersion: async (version) =>
      (await ctx.systems.helm.showChart(ref, { version })).kubeVersion,
  };
}

async function clusterVersion(ctx: StepContext): Promise<string> {
  ctx.facts.kubeVersion ??= await ctx.systems.kube().version();
  return ctx.facts.kubeVersion;
}

/** A warning when SUSE does not validate the chosen line on this cluster's minor. */
function supportNote(version: string, kubeVersion: string): string | undefined {
  const kube = minorOf(kubeVersion) ?? kubeVersion;
  const line = minorLine(version);
  if (supports(line, kube) !== false) return undefined;
  const range = rancherSupport.lines[line]!;
  const newest = newestSupportedLine(kube);
  return `warning: SUSE validates Rancher ${line} on Kubernetes ${range[0]}–${range[1]}, not ${kube}${newest ? `; ${newest} is the newest line validated on ${kube}` : ''}`;
}

async function checkPinned(ctx: StepContext, pinned: string, kubeVersion: string): Promise<void> {
  const reader = rancherReader(ctx);
  const bound = await reader.kubeVersion(pinned);
  if (kubeVersionAdmits(bound, kubeVersion)) return;
  const fits = await newestFitting(reader, kubeVersion, { lineOf: minorLine });
  throw new PermanentError(
    `rancher.chartVersion ${pinned} does not install on Kubernetes ${kubeVersion}: the chart requires kubeVersion ${bound}`,
    fits
      ? `set rancher.chartVersion to ${fits.version} (the newest that fits), or leave it empty to choose automatically; then resume`
      : `no chart in ${ctx.config.rancher.chartRepo} installs on Kubernetes ${kubeVersion}`,
  );
}

async function chooseNewest(ctx: StepContext, kubeVersion: string): Promise<string> {
  const kube = minorOf(kubeVersion) ?? kubeVersion;
  const choice = await newestFitting(rancherReader(ctx), kubeVersion, {
    lineOf: minorLine,
    prefer: (line) => supports(line, kube) === true,
  });
  if (!choice)
    throw new PermanentError(
      `no Rancher chart in ${ctx.config.rancher.chartRepo} installs on Kubernetes ${kubeVersion}`,
      'use a cluster on an older Kubernetes minor, or wait for a Rancher release that supports it',
    );
  return choice.version;
}

/** The version of a deployed Rancher release (`rancher-2.9.10` → `2.9.10`), if any. */
async function installedVersion(ctx: StepContext): Promise<string | undefined> {
  const release = await ctx.systems.helm.release('rancher', namespace);
  if (release?.status !== 'deployed') return undefined;
  return /^rancher-(.+)$/.exec(release.chart)?.[1];
}

/**
 * Picks the Rancher chart once, after the repositories are added and the cluster's version
 * is known: the pinned one if it fits, else the newest whose `kubeVersion` admits the
 * cluster, preferring the lines SUSE validates on it. An installed release keeps its
 * version (upgrades are a separate, deliberate act), and the choice is kept in the
 * session, so a resume days later installs exactly the same chart.
 */
export const chartVersions: Step = {
  id: 'helm.chart-versions',
  title: 'Chart versions that fit the cluster',
  async isDone(ctx) {
    const chosen = ctx.facts.rancherChartVersion;
    const pinned = ctx.config.rancher.chartVersion;
    if (!chosen || (pinned && pinned !== chosen)) return false;
    ctx.progress(`rancher ${chosen} (chosen earlier in this session)`);
    return true;
  },
  async run(ctx) {
    const kubeVersion = await clusterVersion(ctx);
    const pinned = ctx.config.rancher.chartVersion;
    if (pinned) await checkPinned(ctx, pinned, kubeVersion);
    const installed = pinned ? undefined : await installedVersion(ctx);
    const version = pinned || installed || (await chooseNewest(ctx, kubeVersion));
    ctx.facts.rancherChartVersion = version;
    const why = pinned
      ? 'pinned in the answers'
      : installed
        ? 'already installed: a re-run does not upgrade Rancher'
        : 'the newest that fits';
    ctx.progress(`rancher ${version} for Kubernetes ${kubeVersion} (${why})`);
    const note = supportNote(version, kubeVersion);
    if (note) ctx.progress(note);
  },
  runbook: (config) => [
    {
      kind: 'command',
      argv: ['helm', 'search', 'repo', rancherChartRef(config), '--versions'],
      note: config.rancher.chartVersion
        ? `rancher.chartVersion ${config.rancher.chartVersion} is pinned`
        : 'the newest version whose kubeVersion admits the cluster, preferring lines SUSE validates on it',
    },
    {
      kind: 'command',
      argv: [
        'helm',
        'show',
        'chart',
        rancherChartRef(config),
        '--version',
        config.rancher.chartVersion || '<VERSION>',
      ],
      note: 'its kubeVersion must admit `kubectl version` of the cluster',
    },
  ],
};
