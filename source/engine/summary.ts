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
  nsxNote: string;
  transcriptPath: string;
}

/** What the summary screen shows, from the run's facts (the line reporter prints the same). */
export function summaryModel(config: Config, facts: Facts, transcriptPath: string): SummaryModel {
  const spread = facts.haSpread ?? [];
  const drs = facts.drsMasters
    ? `one rule for the masters (${facts.drsMasters.join(' ')}), one for the workers (${(facts.drsWorkers ?? []).join(' ')})`
    : `list the VMs with \`${facts.drsCommand ?? 'bosh -d service-instance_<UUID> vms'}\`; one rule for the masters, one for the workers`;
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
    `  bootstrap password: ${model.passwordCommand}`,
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
    `  ${model.nsxNote}`,
    `  transcript: ${model.transcriptPath}`,
  ];
}
