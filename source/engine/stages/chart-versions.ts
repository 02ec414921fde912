import type { Config } from '../../config/config.js';
import { PermanentError } from '../../systems/errors.js';
import {
  kubeVersionAdmits,
  majorLine,
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
import type { Step, StepContext } from '../contract.js';
import { ingressControllerOf, rancherRepo } from '../desired/charts.js';
import { namespace } from '../desired/names.js';

/** `rancher-stable/rancher`: the chart as the added repository names it. */
export function rancherChartRef(config: Config): string {
  return `${rancherRepo(config).name}/rancher`;
}

/** One chart to choose a version of. */
interface ChartChoiceSpec {
  /** `rancher`, `traefik`: the chart, for messages. */
  label: string;
  /** `Rancher`, `Traefik`: what the chart installs, for messages. */
  product: string;
  ref: string;
  release: string;
  pinned: string;
  /** Where the pin lives in the answers, for remedies. */
  setting: string;
  /** The session fact that keeps the choice. */
  fact: 'rancherChartVersion' | 'ingressChartVersion';
  lineOf(version: string): string;
  /** Lines tried first. */
  prefer?(line: string, kubeVersion: string): boolean;
  /** Lines whose values we know; versions of other lines are never chosen. */
  known?(line: string): boolean;
}

function rancherSpec(config: Config): ChartChoiceSpec {
  return {
    label: 'rancher',
    product: 'Rancher',
    ref: rancherChartRef(config),
    release: 'rancher',
    pinned: config.rancher.chartVersion,
    setting: 'rancher.chartVersion',
    fact: 'rancherChartVersion',
    lineOf: minorLine,
    prefer: (line, kube) => supports(line, minorOf(kube) ?? kube) === true,
  };
}

function controllerSpec(config: Config): ChartChoiceSpec {
  const controller = ingressControllerOf(config);
  return {
    label: controller.release,
    product: controller.label,
    ref: controller.chart,
    release: controller.release,
    pinned: config.ingress.chartVersion,
    setting: 'ingress.chartVersion',
    fact: 'ingressChartVersion',
    lineOf: majorLine,
    known: (line) => controller.knownMajors.includes(line),
  };
}

function reader(ctx: StepContext, spec: ChartChoiceSpec): ChartRepoReader {
  return {
    versions: async () =>
      (await ctx.systems.helm.chartVersions(spec.ref)).filter(
        (v) => spec.known?.(spec.lineOf(v)) ?? true,
      ),
    kubeVersion: async (version) =>
      (await ctx.systems.helm.showChart(spec.ref, { version })).kubeVersion,
  };
}

async function clusterVersion(ctx: StepContext): Promise<string> {
  ctx.facts.kubeVersion ??= await ctx.systems.kube().version();
  return ctx.facts.kubeVersion;
}

/** A warning when SUSE does not validate the chosen Rancher line on this cluster's minor. */
function supportNote(version: string, kubeVersion: string): string | undefined {
  const kube = minorOf(kubeVersion) ?? kubeVersion;
  const line = minorLine(version);
  if (supports(line, kube) !== false) return undefined;
  const range = rancherSupport.lines[line]!;
  const newest = newestSupportedLine(kube);
  return `warning: SUSE validates Rancher ${line} on Kubernetes ${range[0]}–${range[1]}, not ${kube}${newest ? `; ${newest} is the newest line validated on ${kube}` : ''}`;
}

async function checkPinned(ctx: StepContext, spec: ChartChoiceSpec, kubeVersion: string) {
  const read = reader(ctx, spec);
  const bound = await read.kubeVersion(spec.pinned);
  if (kubeVersionAdmits(bound, kubeVersion)) return;
  const fits = await newestFitting(read, kubeVersion, { lineOf: spec.lineOf });
  throw new PermanentError(
    `${spec.setting} ${spec.pinned} does not install on Kubernetes ${kubeVersion}: the chart requires kubeVersion ${bound}`,
    fits
      ? `set ${spec.setting} to ${fits.version} (the newest that fits), or leave it empty to choose automatically; then resume`
      : `no ${spec.label} chart installs on Kubernetes ${kubeVersion}`,
  );
}

async function chooseNewest(ctx: StepContext, spec: ChartChoiceSpec, kubeVersion: string) {
  const choice = await newestFitting(reader(ctx, spec), kubeVersion, {
    lineOf: spec.lineOf,
    ...(spec.prefer ? { prefer: (line: string) => spec.prefer!(line, kubeVersion) } : {}),
  });
  if (!choice)
    throw new PermanentError(
      `no ${spec.label} chart in ${spec.ref.split('/')[0]} installs on Kubernetes ${kubeVersion}`,
      'use a cluster on an older Kubernetes minor, or wait for a release that supports it',
    );
  return choice.version;
}

/** The version of a deployed release (`rancher-2.9.10` → `2.9.10`), if any. */
async function installedVersion(ctx: StepContext, spec: ChartChoiceSpec) {
  const release = await ctx.systems.helm.release(spec.release, namespace);
  if (release?.status !== 'deployed') return undefined;
  const chartName = spec.ref.split('/').pop()!;
  return new RegExp(`^${chartName}-(.+)$`).exec(release.chart)?.[1];
}

/** Chooses one chart's version, records it, and says why. */
async function choose(ctx: StepContext, spec: ChartChoiceSpec, kubeVersion: string) {
  if (spec.pinned) await checkPinned(ctx, spec, kubeVersion);
  const installed = spec.pinned ? undefined : await installedVersion(ctx, spec);
  const version = spec.pinned || installed || (await chooseNewest(ctx, spec, kubeVersion));
  ctx.facts[spec.fact] = version;
  const why = spec.pinned
    ? 'pinned in the answers'
    : installed
      ? `already installed: a re-run does not upgrade ${spec.product}`
      : 'the newest that fits';
  ctx.progress(`${spec.label} ${version} for Kubernetes ${kubeVersion} (${why})`);
}

function specs(config: Config): ChartChoiceSpec[] {
  return [controllerSpec(config), rancherSpec(config)];
}

/** A choice is still good when it was made and the answers pin nothing else. */
function kept(ctx: StepContext, spec: ChartChoiceSpec): boolean {
  const chosen = ctx.facts[spec.fact];
  return chosen !== undefined && (!spec.pinned || spec.pinned === chosen);
}

/**
 * Picks the ingress controller's and Rancher's charts once, after the repositories are
 * added and the cluster's version is known: the pinned one if it fits, else the newest
 * whose `kubeVersion` admits the cluster (for Rancher, preferring the lines SUSE validates
 * on it; for the controller, among the chart majors whose values we know). An installed
 * release keeps its version (upgrades are a separate, deliberate act), and the choice is
 * kept in the session, so a resume days later installs exactly the same charts.
 */
export const chartVersions: Step = {
  id: 'helm.chart-versions',
  title: 'Chart versions that fit the cluster',
  async isDone(ctx) {
    const all = specs(ctx.config);
    if (!all.every((spec) => kept(ctx, spec))) return false;
    ctx.progress(
      `${all.map((s) => `${s.label} ${ctx.facts[s.fact]}`).join(', ')} (chosen earlier in this session)`,
    );
    return true;
  },
  async run(ctx) {
    const kubeVersion = await clusterVersion(ctx);
    for (const spec of specs(ctx.config)) {
      if (kept(ctx, spec)) continue;
      await choose(ctx, spec, kubeVersion);
    }
    const note = supportNote(ctx.facts.rancherChartVersion!, kubeVersion);
    if (note) ctx.progress(note);
  },
  runbook: (config) =>
    specs(config).flatMap((spec) => [
      {
        kind: 'command' as const,
        argv: ['helm', 'search', 'repo', spec.ref, '--versions'],
        note: spec.pinned
          ? `${spec.setting} ${spec.pinned} is pinned`
          : spec.label === 'rancher'
            ? 'the newest version whose kubeVersion admits the cluster, preferring lines SUSE validates on it'
            : 'the newest version whose kubeVersion admits the cluster',
      },
      {
        kind: 'command' as const,
        argv: ['helm', 'show', 'chart', spec.ref, '--version', spec.pinned || '<VERSION>'],
        note: 'its kubeVersion must admit `kubectl version` of the cluster',
      },
    ]),
};
