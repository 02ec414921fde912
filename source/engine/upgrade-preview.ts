import type { Config } from '../config/config.js';
import { commandLine } from '../invocation.js';
import { PermanentError } from '../systems/errors.js';
import type { Systems } from '../systems/systems.js';
import { kubeVersionAdmits, stableNewestFirst } from './desired/chart-version.js';
import { ingressControllerOf } from './desired/charts.js';
import type { IngressController } from './desired/ingress-controller.js';
import { namespace } from './desired/names.js';
import {
  ingressHopRules,
  planHops,
  rancherHopRules,
  type ChartRelease,
  type Hop,
  type HopPlan,
  type HopRules,
} from './desired/upgrade-hops.js';
import { flattenValues, valuesDiff, valuesDiffLines } from './desired/upgrade-values.js';
import { rancherChartRef } from './stages/chart-versions.js';
import { rancherValues } from './stages/rancher.js';

/**
 * The upgrade worked out read-only, before anything changes: what is installed, the hops each
 * chart takes (Rancher one minor line at a time, the ingress controller one chart major at a
 * time) and the values each hop sets against what the release has now. The action prints it
 * before the y/N question and hands the hops to the run, so the hops shown are the hops run.
 */

export interface UpgradeTargets {
  /** `--rancher-version`. */
  rancherVersion?: string;
  /** `--ingress-version`. */
  ingressVersion?: string;
}

/** One chart's part of the upgrade. */
export interface ChartUpgrade {
  /** `Rancher`, `Traefik`. */
  product: string;
  release: string;
  /** `rancher`, `traefik`: the chart's name, as Helm's history names its versions. */
  chartName: string;
  chartRef: string;
  installed: string;
  plan: HopPlan;
  /** The values each hop sets, against the release's before it (`valuesDiffLines`). */
  values: { hop: Hop; lines: string[] }[];
}

export interface UpgradePreview {
  kubeVersion: string;
  rancher: ChartUpgrade;
  ingress: ChartUpgrade;
}

/** What the preview reads: the systems the run uses, the cluster's version if already known. */
export interface PreviewSource {
  config: Config;
  systems: Systems;
  kubeVersion?: string;
  /** Schedulable workers when Rancher was installed (its replicas follow). */
  workers?: number;
}

/** `rancher-2.12.3` → `2.12.3`. */
function versionOf(chart: string, chartName: string): string {
  return chart.startsWith(`${chartName}-`) ? chart.slice(chartName.length + 1) : chart;
}

async function installed(
  source: PreviewSource,
  release: string,
  chartName: string,
  product: string,
): Promise<string> {
  const found = await source.systems.helm.release(release, namespace);
  if (!found)
    throw new PermanentError(
      `no ${release} release in ${namespace}: there is no ${product} to upgrade`,
      `install first (${commandLine('install')}), or check \`helm -n ${namespace} list\``,
    );
  return versionOf(found.chart, chartName);
}

/**
 * What the repository offers above the installed version, each read with its `kubeVersion`
 * (`helm show chart`). Per line, newest first, only until one admits the cluster: that one is
 * the line's hop, and reading every patch of a busy chart (Traefik) would take minutes.
 */
async function offered(
  source: PreviewSource,
  ref: string,
  current: string,
  kubeVersion: string,
  rules: HopRules,
  target: string | undefined,
): Promise<ChartRelease[]> {
  const helm = source.systems.helm;
  const newer = stableNewestFirst(await helm.chartVersions(ref)).filter(
    (v) => v.localeCompare(current, 'en', { numeric: true }) > 0,
  );
  const releases: ChartRelease[] = [{ version: current }];
  const settled = new Set<string>();
  for (const version of newer) {
    const line = rules.lineOf(version);
    if (settled.has(line) && version !== target) continue;
    const { kubeVersion: bound } = await helm.showChart(ref, { version });
    releases.push({ version, ...(bound ? { kubeVersion: bound } : {}) });
    if (kubeVersionAdmits(bound, kubeVersion)) settled.add(line);
  }
  return releases;
}

type HopPair = { from: string; to: string };

/**
 * Values per hop: each hop's against the one before (the first's against the release's). A
 * path we set for the version before that the next version no longer gets is ours, moved by
 * the chart major, not a hand-made value lost.
 */
function hopValues<H extends HopPair>(
  current: Record<string, unknown>,
  hops: readonly H[],
  valuesFor: (version: string) => Record<string, string>,
): { hop: H; lines: string[] }[] {
  let before: Record<string, unknown> = current;
  return hops.map((hop, i) => {
    const ours = valuesFor(hop.from);
    const wanted = valuesFor(hop.to);
    const changes = valuesDiff(before, wanted);
    const dropped = (path: string) =>
      path in ours ? `ours for ${hop.from}; ${hop.to} reads it elsewhere` : undefined;
    const lines = valuesDiffLines(i === 0 ? changes : changes.filter((c) => c.kind !== 'same'), {
      dropped,
    });
    before = Object.fromEntries(flattenValues(wanted));
    return { hop, lines };
  });
}

/**
 * The values lines for hops planned earlier (handed over by the confirmation, or kept by the
 * session), against the releases as they are now: for the transcript of the run.
 */
export async function keptValuesLines(
  source: PreviewSource,
  hops: { rancher: readonly HopPair[]; ingress: readonly HopPair[] },
): Promise<string[]> {
  const controller = ingressControllerOf(source.config);
  const workers = source.workers ?? source.config.rancher.replicas;
  const lines: string[] = [];
  const charts = [
    ['rancher', 'rancher', hops.rancher, () => rancherValues(source.config, workers)],
    [
      controller.release,
      controller.chart.split('/').pop()!,
      hops.ingress,
      (v: string) => controller.values(v),
    ],
  ] as const;
  for (const [release, chartName, list, valuesFor] of charts) {
    if (list.length === 0) continue;
    // Once the first hop has touched the release, its values no longer read as "before".
    const found = await source.systems.helm.release(release, namespace);
    if (!found || versionOf(found.chart, chartName) !== list[0]!.from) continue;
    const current = await source.systems.helm.values(release, namespace);
    for (const { hop, lines: values } of hopValues(current, list, valuesFor))
      lines.push(...valuesBlock(release, hop, values));
  }
  return lines;
}

function valuesBlock(release: string, hop: HopPair, values: string[]): string[] {
  return [
    `values for ${release} ${hop.from} → ${hop.to}${values.length === 0 ? ': unchanged' : ':'}`,
    ...values.map((l) => `  ${l}`),
  ];
}

async function rancherUpgrade(
  source: PreviewSource,
  kubeVersion: string,
  target: string | undefined,
): Promise<ChartUpgrade> {
  const ref = rancherChartRef(source.config);
  const current = await installed(source, 'rancher', 'rancher', 'Rancher');
  const available = await offered(source, ref, current, kubeVersion, rancherHopRules, target);
  const plan = planHops(
    { installed: current, available, kubeVersion, ...(target ? { target } : {}) },
    rancherHopRules,
  );
  const workers = source.workers ?? source.config.rancher.replicas;
  const values =
    plan.kind === 'hops'
      ? hopValues(await source.systems.helm.values('rancher', namespace), plan.hops, () =>
          rancherValues(source.config, workers),
        )
      : [];
  return {
    product: 'Rancher',
    release: 'rancher',
    chartName: 'rancher',
    chartRef: ref,
    installed: current,
    plan,
    values,
  };
}

/** Chart majors whose values we do not know are never a hop: our values would not fit them. */
function knownOnly(controller: IngressController, versions: ChartRelease[]): ChartRelease[] {
  return versions.filter((r) => controller.knownMajors.includes(ingressHopRules.lineOf(r.version)));
}

async function ingressUpgrade(
  source: PreviewSource,
  kubeVersion: string,
  target: string | undefined,
): Promise<ChartUpgrade> {
  const controller = ingressControllerOf(source.config);
  const chartName = controller.chart.split('/').pop()!;
  const current = await installed(source, controller.release, chartName, controller.label);
  const base = {
    product: controller.label,
    release: controller.release,
    chartName,
    chartRef: controller.chart,
    installed: current,
  };
  if (target && !controller.knownMajors.includes(ingressHopRules.lineOf(target)))
    return {
      ...base,
      plan: {
        kind: 'refused',
        reason: `${controller.label} chart ${target} is major ${ingressHopRules.lineOf(target)}, whose values this tool does not know (it knows ${controller.knownMajors.join(', ')})`,
      },
      values: [],
    };
  const available = knownOnly(
    controller,
    await offered(source, controller.chart, current, kubeVersion, ingressHopRules, target),
  );
  const plan = planHops(
    {
      installed: current,
      available: [{ version: current }, ...available.filter((r) => r.version !== current)],
      kubeVersion,
      ...(target ? { target } : {}),
    },
    ingressHopRules,
  );
  const values =
    plan.kind === 'hops'
      ? hopValues(
          await source.systems.helm.values(controller.release, namespace),
          plan.hops,
          (version) => controller.values(version),
        )
      : [];
  return { ...base, plan, values };
}

/** Read-only: the releases, the repositories' versions, the values; nothing is changed. */
export async function previewUpgrade(
  source: PreviewSource,
  targets: UpgradeTargets,
): Promise<UpgradePreview> {
  const kubeVersion = source.kubeVersion ?? (await source.systems.kube().version());
  return {
    kubeVersion,
    rancher: await rancherUpgrade(source, kubeVersion, targets.rancherVersion),
    ingress: await ingressUpgrade(source, kubeVersion, targets.ingressVersion),
  };
}

/** `Rancher 2.12.5 → 2.13.7 → 2.14.3 (2 hops)`. */
export function hopsLine(product: string, hops: readonly { from: string; to: string }[]): string {
  if (hops.length === 0) return `${product}: nothing to upgrade`;
  return `${product} ${[hops[0]!.from, ...hops.map((h) => h.to)].join(' → ')} (${hops.length} hop${hops.length === 1 ? '' : 's'})`;
}

export function hopsOf(chart: ChartUpgrade): { from: string; to: string }[] {
  return chart.plan.kind === 'hops' ? chart.plan.hops.map(({ from, to }) => ({ from, to })) : [];
}

/** Nothing to do for either chart. */
export function nothingToUpgrade(preview: UpgradePreview): boolean {
  return preview.rancher.plan.kind === 'current' && preview.ingress.plan.kind === 'current';
}

/** The first refusal, as the error that stops the upgrade before it starts. */
export function refusal(preview: UpgradePreview): PermanentError | undefined {
  for (const [chart, flag] of [
    [preview.rancher, '--rancher-version'],
    [preview.ingress, '--ingress-version'],
  ] as const) {
    if (chart.plan.kind === 'refused')
      return new PermanentError(
        `${flag}: ${chart.plan.reason}`,
        `pick another version (\`helm search repo ${chart.chartRef} --versions\`)`,
      );
  }
  return undefined;
}

function chartLines(chart: ChartUpgrade, kubeVersion: string, withValues: boolean): string[] {
  const { plan } = chart;
  if (plan.kind === 'refused') return [`${chart.product}: ${plan.reason}`];
  if (plan.kind === 'current')
    return [
      `${chart.product} ${chart.installed} is the newest that fits Kubernetes ${kubeVersion}: nothing to upgrade`,
    ];
  const lines = [hopsLine(chart.product, hopsOf(chart))];
  for (const hop of plan.hops)
    if (hop.supported === false)
      lines.push(`${hop.to}: SUSE does not validate this line on Kubernetes ${kubeVersion}`);
  if (withValues)
    for (const { hop, lines: values } of chart.values)
      lines.push(...valuesBlock(chart.release, hop, values));
  return lines;
}

/** The preview as lines: each chart's hops, then the values each hop sets. */
export function previewLines(preview: UpgradePreview, withValues = true): string[] {
  return [
    ...chartLines(preview.rancher, preview.kubeVersion, withValues),
    ...chartLines(preview.ingress, preview.kubeVersion, withValues),
  ];
}
