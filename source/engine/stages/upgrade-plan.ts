import { stringify } from 'yaml';
import type { Step, StepContext } from '../contract.js';
import { namespace } from '../desired/names.js';
import { backupCrd, backupReminder } from '../desired/rancher-backup.js';
import { ingressControllerOf } from '../desired/charts.js';
import {
  hopsLine,
  hopsOf,
  keptValuesLines,
  previewLines,
  previewUpgrade,
  refusal,
  type PreviewSource,
} from '../upgrade-preview.js';
import { rancherChartRef } from './chart-versions.js';

function source(ctx: StepContext): PreviewSource {
  return {
    config: ctx.config,
    systems: ctx.systems,
    ...(ctx.facts.kubeVersion ? { kubeVersion: ctx.facts.kubeVersion } : {}),
    ...(ctx.facts.workers !== undefined ? { workers: ctx.facts.workers } : {}),
  };
}

/** Nothing landed yet: the values each hop sets still read against the releases as they are. */
function notStarted(ctx: StepContext): boolean {
  const u = ctx.facts.upgrade;
  return (u?.landed ?? []).length === 0 && (u?.ingressLanded ?? []).length === 0;
}

/**
 * The hops, planned once from the installed releases, the repositories and the cluster's
 * Kubernetes, and kept in the session: a resume runs the same hops even if a repository
 * gained a release meanwhile. The confirmation plans them (read-only) and hands them over,
 * so the hops the user said yes to are the hops run.
 */
export const upgradePlanStep: Step = {
  id: 'upgrade.plan',
  title: 'Upgrade hops that fit the cluster',
  async isDone(ctx) {
    const u = ctx.facts.upgrade;
    if (!u?.hops || !u.ingressHops) return false;
    const label = ingressControllerOf(ctx.config).label;
    const values = notStarted(ctx)
      ? await keptValuesLines(source(ctx), { rancher: u.hops, ingress: u.ingressHops })
      : [];
    ctx.progress(
      [
        `${hopsLine('Rancher', u.hops)}; ${hopsLine(label, u.ingressHops)} (planned earlier)`,
        ...values,
      ].join('\n'),
    );
    return true;
  },
  async run(ctx) {
    const u = ctx.facts.upgrade ?? {};
    const preview = await previewUpgrade(source(ctx), {
      ...(u.rancherVersion ? { rancherVersion: u.rancherVersion } : {}),
      ...(u.ingressVersion ? { ingressVersion: u.ingressVersion } : {}),
    });
    ctx.facts.kubeVersion = preview.kubeVersion;
    const refused = refusal(preview);
    if (refused) throw refused;
    ctx.facts.rancherChartVersion = preview.rancher.installed;
    ctx.facts.ingressChartVersion = preview.ingress.installed;
    // Hops kept by an older session stay as they were planned.
    ctx.facts.upgrade = {
      ...u,
      hops: u.hops ?? hopsOf(preview.rancher),
      ingressHops: u.ingressHops ?? hopsOf(preview.ingress),
    };
    ctx.progress(previewLines(preview).join('\n'));
  },
  runbook: (config) => {
    const controller = ingressControllerOf(config);
    return [
      { kind: 'command', argv: ['helm', 'list', '-n', namespace] },
      {
        kind: 'command',
        argv: ['helm', 'search', 'repo', rancherChartRef(config), '--versions'],
        note: 'one hop per minor line, each to its newest patch whose kubeVersion admits the cluster; never skip a line (SUSE KB 360051866152)',
      },
      {
        kind: 'command',
        argv: ['helm', 'search', 'repo', controller.chart, '--versions'],
        note: `${controller.label}: one hop per chart major (a major holds the breaking changes: traefik-helm-chart README, "Upgrading"), each to its newest version whose kubeVersion admits the cluster`,
      },
      {
        kind: 'command',
        argv: ['helm', 'get', 'values', 'rancher', '-n', namespace],
        note: 'compare with the values below: the upgrade sets ours and keeps nothing else (no --reuse-values)',
      },
      { kind: 'command', argv: ['helm', 'get', 'values', controller.release, '-n', namespace] },
    ];
  },
};

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
