import type { Config } from '../config/config.js';
import type { Facts } from '../plan/step.js';
import { summaryModel } from './summary-model.js';

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
