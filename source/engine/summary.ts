/** What a finished install tells the user: the model the UI renders, and the same as lines. */
import type { Config } from '../config/config.js';
import { nsxNamespaceWarning } from './stages/finish.js';
import type { Facts } from './facts.js';
import { controllerOf } from './desired/ingress-controller.js';

export interface PodPlacement {
  pod: string;
  node: string;
}

export interface SummaryModel {
  url: string;
  passwordCommand: string;
  /** `Traefik (chart 37.4.0)`. */
  ingress: string;
  /** `rancher 2.12.5`. */
  rancherChart: string;
  /** The NSX-T virtual server in front of the controller. */
  vip?: string;
  /** The A records the install needs, as a zone file writes them. */
  dnsRecords: string[];
  spread: PodPlacement[];
  /** Set when the pods share nodes they need not share. */
  spreadWarning?: string;
  drs: string;
  /** `bosh -d service-instance_… vms`, when the VMs were not listed: to be copied. */
  drsCommand?: string;
  nsxNote: string;
  transcriptPath: string;
}

/** What the summary screen shows, from the run's facts (the line reporter prints the same). */
export function summaryModel(config: Config, facts: Facts, transcriptPath: string): SummaryModel {
  const spread = facts.haSpread ?? [];
  const drs = facts.drsMasters
    ? `one rule for the masters (${facts.drsMasters.join(' ')}), one for the workers (${(facts.drsWorkers ?? []).join(' ')})`
    : 'one rule for the masters, one for the workers; the bosh command lists their VMs';
  const drsCommand = facts.drsMasters
    ? undefined
    : (facts.drsCommand ?? 'bosh -d service-instance_<UUID> vms');
  const controller = controllerOf(config.ingress.controller);
  const chart = (version: string | undefined) => (version ? ` ${version}` : '');
  const records = [
    facts.masterIp ? `${config.pks.externalHostname}.  IN  A  ${facts.masterIp}` : undefined,
    facts.vip ? `${config.rancher.hostname}.  IN  A  ${facts.vip}` : undefined,
  ].filter((r): r is string => r !== undefined);
  return {
    url: `https://${config.rancher.hostname}`,
    ingress: `${controller.label} (chart ${controller.chart}${chart(facts.ingressChartVersion)})`,
    rancherChart: `rancher${chart(facts.rancherChartVersion)}`,
    ...(facts.vip ? { vip: facts.vip } : {}),
    dnsRecords: records,
    passwordCommand: `kubectl -n cattle-system get secret bootstrap-secret -o go-template='{{.data.bootstrapPassword|base64decode}}{{"\\n"}}'`,
    spread,
    ...(facts.haSpreadWarning ? { spreadWarning: facts.haSpreadWarning } : {}),
    drs,
    ...(drsCommand ? { drsCommand } : {}),
    nsxNote: facts.nsxCapacity
      ? `${facts.nsxCapacity}. ${nsxNamespaceWarning}`
      : nsxNamespaceWarning,
    transcriptPath,
  };
}

/** The summary as plain lines (the line reporter, and what stays in scrollback after the UI). */
export function summaryLines(config: Config, facts: Facts, transcriptPath: string): string[] {
  const model = summaryModel(config, facts, transcriptPath);
  return [
    `Rancher is up: ${model.url}`,
    // Commands on lines of their own, so a triple-click copies exactly the command.
    '  bootstrap password:',
    `    ${model.passwordCommand}`,
    `  charts: ${model.rancherChart}; ingress: ${model.ingress}`,
    ...(model.vip ? [`  NSX-T virtual server: ${model.vip}`] : []),
    ...(model.dnsRecords.length
      ? ['  DNS records (keep them):', ...model.dnsRecords.map((r) => `    ${r}`)]
      : []),
    ...(model.spread.length
      ? [`  HA spread: ${model.spread.map((p) => `${p.pod} → ${p.node}`).join('; ')}`]
      : []),
    ...(model.spreadWarning ? [`  HA spread warning: ${model.spreadWarning}`] : []),
    `  DRS anti-affinity: ${model.drs}`,
    ...(model.drsCommand ? [`    ${model.drsCommand}`] : []),
    `  ${model.nsxNote}`,
    `  transcript: ${model.transcriptPath}`,
  ];
}
