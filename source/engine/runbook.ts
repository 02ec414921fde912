import type { Config } from '../config/config.js';
import { shellLine } from '../shared/shell-quote.js';
import { controllerOf } from './desired/ingress-controller.js';
import { rancherRepo } from './desired/charts.js';
import type { SessionPlan } from '../session/session-record.js';
import type { RunbookItem, Stage } from './contract.js';

function renderItem(item: RunbookItem): string[] {
  switch (item.kind) {
    case 'command':
      return [
        `    $ ${[item.argv, ...(item.pipeTo ?? [])].map(shellLine).join(' | ')}`,
        ...(item.note ? [`      # ${item.note}`] : []),
      ];
    case 'manifest':
      return [
        `    # ${item.note ?? 'manifest'}:`,
        ...item.yaml
          .trimEnd()
          .split('\n')
          .map((l) => `      ${l}`),
      ];
    case 'manual':
      return [`    MANUAL: ${item.text}`];
    case 'check':
      return [`    CHECK: ${item.text}`];
  }
}

function chartLines(config: Config): string[] {
  const controller = controllerOf(config.ingress.controller);
  const version = (v: string) => v || '(the newest that fits the cluster, chosen at run time)';
  return [
    `# Ingress controller: ${controller.label}, chart ${controller.chart} ${version(config.ingress.chartVersion)}`,
    `# Rancher chart: ${rancherRepo(config).name}/rancher ${version(config.rancher.chartVersion)}`,
  ];
}

/** What the runbook is for, in its first lines. */
function headerLines(config: Config, kind: SessionPlan): string[] {
  const { hostname } = config.rancher;
  const { cluster } = config.pks;
  switch (kind) {
    case 'install':
      return [
        `# Rancher HA on Enterprise PKS: ${hostname} on cluster ${cluster}`,
        ...chartLines(config),
      ];
    case 'migrate-ingress':
      return [
        `# Move Rancher's ingress (${hostname}) on cluster ${cluster} to ${controllerOf(config.ingress.controller).label}`,
        ...chartLines(config),
      ];
    case 'uninstall':
      return [`# Uninstall Rancher (${hostname}) from cluster ${cluster}`];
    case 'upgrade':
      return [
        `# Upgrade Rancher (${hostname}) on cluster ${cluster}, one minor line at a time; then its ingress controller, one chart major at a time`,
        '# First: `status` passes, and a backup (rancher-backup) is taken.',
      ];
    case 'rotate-certs':
      return [
        `# Rotate Rancher's certificate (${hostname}) on cluster ${cluster}: ${config.tls.cert}, ${config.tls.key}, CA ${config.tls.caCerts}`,
        '# A CA change restarts Rancher and needs every downstream agent told the new CA checksum.',
      ];
    case 'import':
      return [
        `# Import a fleet of clusters into Rancher (${hostname}) as imported clusters`,
        '# First: `status` passes; every step below runs per cluster, N at a time.',
      ];
  }
}

/** The runbook: every operation a plan performs, in order, as commands and manifests. */
export function renderRunbook(
  stages: Stage[],
  config: Config,
  kind: SessionPlan = 'install',
): string {
  const lines = [
    ...headerLines(config, kind),
    kind === 'uninstall'
      ? `# Each step is skipped at run time when the system shows it is already gone.`
      : `# Each step is skipped at run time when the system shows it is already done.`,
    '',
  ];
  stages.forEach((stage, i) => {
    lines.push(`${i + 1}. ${stage.title}`);
    for (const step of stage.steps) {
      lines.push(`  ${step.id} — ${step.title}`);
      for (const item of step.runbook(config)) lines.push(...renderItem(item));
    }
    lines.push('');
  });
  return lines.join('\n');
}
