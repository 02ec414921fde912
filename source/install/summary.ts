import type { Config } from '../config/config.js';
import { nsxNamespaceWarning } from '../plan/stages/finish.js';
import type { Facts } from '../plan/step.js';

/** What the user needs after a finished install: where Rancher is and what is left to do. */
export function summaryLines(config: Config, facts: Facts, transcriptPath: string): string[] {
  const lines = [
    `Rancher is up: https://${config.rancher.hostname}`,
    `  bootstrap password: kubectl -n cattle-system get secret bootstrap-secret -o go-template='{{.data.bootstrapPassword|base64decode}}{{"\\n"}}'`,
  ];
  if (facts.haSpread) lines.push(`  HA spread: ${facts.haSpread}`);
  if (facts.drsMasters) {
    lines.push(
      `  DRS anti-affinity: one rule for the masters (${facts.drsMasters}), one for the workers (${facts.drsWorkers ?? ''})`,
    );
  } else if (facts.drsCommand) {
    lines.push(
      `  DRS anti-affinity: list the VMs with \`${facts.drsCommand}\`; one rule for the masters, one for the workers`,
    );
  }
  lines.push(`  ${nsxNamespaceWarning}`);
  lines.push(`  transcript: ${transcriptPath}`);
  return lines;
}
