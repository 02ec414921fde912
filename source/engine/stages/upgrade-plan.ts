import { stringify } from 'yaml';
import { commandLine } from '../../invocation.js';
import { PermanentError } from '../../systems/errors.js';
import type { Step, StepContext } from '../contract.js';
import { namespace } from '../desired/names.js';
import { backupCrd, backupReminder } from '../desired/rancher-backup.js';
import { planHops, rancherHopRules, type ChartRelease } from '../desired/upgrade-hops.js';
import { valuesDiff, valuesDiffLines } from '../desired/upgrade-values.js';
import { rancherChartRef } from './chart-versions.js';
import { rancherValues } from './rancher.js';

/** `rancher-2.12.3` → `2.12.3`. */
function chartVersionOf(chart: string): string {
  return chart.replace(/^rancher-/, '');
}

/** The installed Rancher chart version, or a clear stop when there is no deployed release. */
export async function installedRancher(ctx: StepContext): Promise<string> {
  const release = await ctx.systems.helm.release('rancher', namespace);
  if (!release)
    throw new PermanentError(
      `no rancher release in ${namespace}: nothing to upgrade`,
      `install Rancher first (${commandLine('install')})`,
    );
  return chartVersionOf(release.chart);
}

/**
 * What the repository offers above the installed version, each with its `kubeVersion`
 * (`helm show chart` per version: the bound changes within a line).
 */
async function offered(ctx: StepContext, installed: string): Promise<ChartRelease[]> {
  const ref = rancherChartRef(ctx.config);
  const versions = await ctx.systems.helm.chartVersions(ref);
  const newer = versions.filter((v) => v.localeCompare(installed, 'en', { numeric: true }) > 0);
  const releases: ChartRelease[] = [{ version: installed }];
  for (const version of newer) {
    const { kubeVersion } = await ctx.systems.helm.showChart(ref, { version });
    releases.push({ version, ...(kubeVersion ? { kubeVersion } : {}) });
  }
  return releases;
}

/**
 * The hops, planned once from the installed release, the repository and the cluster's
 * Kubernetes, and kept in the session: a resume runs the same hops even if the repository
 * gained a release meanwhile.
 */
export const upgradePlanStep: Step = {
  id: 'upgrade.plan',
  title: 'Upgrade hops that fit the cluster',
  async isDone(ctx) {
    const hops = ctx.facts.upgrade?.hops;
    if (!hops) return false;
    ctx.progress(hopsLine(hops) + ' (planned earlier in this session)');
    return true;
  },
  async run(ctx) {
    const installed = await installedRancher(ctx);
    ctx.facts.rancherChartVersion = installed;
    ctx.facts.kubeVersion ??= await ctx.systems.kube().version();
    const asked = ctx.facts.upgrade?.rancherVersion;
    const plan = planHops(
      {
        installed,
        available: await offered(ctx, installed),
        kubeVersion: ctx.facts.kubeVersion,
        ...(asked ? { target: asked } : {}),
      },
      rancherHopRules,
    );
    if (plan.kind === 'refused')
      throw new PermanentError(
        `--rancher-version: ${plan.reason}`,
        'pick another version (see `helm search repo rancher --versions`)',
      );
    const hops = plan.kind === 'hops' ? plan.hops.map(({ from, to }) => ({ from, to })) : [];
    ctx.facts.upgrade = { ...ctx.facts.upgrade, hops };
    ctx.progress(
      plan.kind === 'current'
        ? `Rancher ${installed} is the newest that fits Kubernetes ${ctx.facts.kubeVersion}: nothing to upgrade`
        : hopsLine(hops),
    );
    for (const hop of plan.kind === 'hops' ? plan.hops : [])
      if (hop.supported === false)
        ctx.progress(
          `${hop.to}: SUSE does not validate this line on Kubernetes ${ctx.facts.kubeVersion}`,
        );
    if (hops.length > 0) await showValuesDiff(ctx);
  },
  runbook: (config) => [
    { kind: 'command', argv: ['helm', 'list', '-n', namespace, '--filter', '^rancher$'] },
    {
      kind: 'command',
      argv: ['helm', 'search', 'repo', rancherChartRef(config), '--versions'],
      note: 'one hop per minor line, each to its newest patch whose kubeVersion admits the cluster; never skip a line (SUSE KB 360051866152)',
    },
    {
      kind: 'command',
      argv: ['helm', 'get', 'values', 'rancher', '-n', namespace],
      note: 'compare with the values below: the upgrade sets ours and keeps nothing else (no --reuse-values)',
    },
  ],
};

function hopsLine(hops: readonly { from: string; to: string }[]): string {
  if (hops.length === 0) return 'nothing to upgrade';
  return `Rancher ${[hops[0]!.from, ...hops.map((h) => h.to)].join(' → ')} (${hops.length} hop${hops.length === 1 ? '' : 's'})`;
}

/** The values the upgrade sets against the release's: shown before anything changes. */
async function showValuesDiff(ctx: StepContext): Promise<void> {
  const current = await ctx.systems.helm.values('rancher', namespace);
  const workers = ctx.facts.workers ?? ctx.config.rancher.replicas;
  const lines = valuesDiffLines(valuesDiff(current ?? {}, rancherValues(ctx.config, workers)));
  ctx.progress(`values for each hop:\n${lines.join('\n')}`);
}

/** Rancher's backup operator: the Backup to take first, or a clear warning that there is none. */
export const backupStep: Step = {
  id: 'upgrade.backup',
  title: 'Backup before the upgrade',
  async run(ctx) {
    const kube = ctx.systems.kube();
    const crd = await kube.get({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      name: backupCrd,
    });
    const sets = crd ? (await kube.list('resources.cattle.io/v1', 'ResourceSet')).items : [];
    const reminder = backupReminder(
      { installed: crd !== undefined, resourceSets: sets.map((s) => s.metadata?.name ?? '') },
      'before-upgrade',
    );
    if (reminder.kind === 'warning') ctx.progress(`warning: ${reminder.message}`);
    else
      ctx.progress(
        `take a backup first: save this as before-upgrade.yaml and run ${reminder.command.join(' ')}\n${reminder.manifest}`,
      );
  },
  runbook: () => [
    {
      kind: 'manifest',
      yaml: stringify({
        apiVersion: 'resources.cattle.io/v1',
        kind: 'Backup',
        metadata: { name: 'before-upgrade' },
        spec: { resourceSetName: 'rancher-resource-set-full' },
      }),
      note: 'before-upgrade.yaml (with rancher-backup installed; name a ResourceSet `kubectl get resourcesets.resources.cattle.io` lists)',
    },
    { kind: 'command', argv: ['kubectl', 'apply', '-f', 'before-upgrade.yaml'] },
  ],
};
