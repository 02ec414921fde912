import type { Config } from '../config/config.js';
import type { Facts } from './facts.js';

/** What a finished rotation says: which certificate is served now, and what a CA change did. */
export function rotateSummaryLines(config: Config, facts: Facts, transcriptPath: string): string[] {
  const url = `https://${config.rancher.hostname}`;
  const rotate = facts.rotate;
  const told = rotate?.imported?.filter((i) => rotate.registered?.includes(i.name)) ?? [];
  const lost = (rotate?.registered ?? []).filter((n) => !told.some((t) => t.name === n));
  return [
    `${url} serves ${config.tls.cert}, verified with ${config.tls.caCerts}`,
    rotate?.caChanges
      ? `  the CA changed: Rancher restarted and serves it at ${url}/cacerts${told.length ? `; agents updated and Active: ${told.map((t) => t.name).join(', ')}` : ''}`
      : '  the CA stayed: Rancher kept running, downstream agents untouched',
    ...(rotate?.caChanges && lost.length
      ? [`  update these agents' CATTLE_CA_CHECKSUM by hand (--force): ${lost.join(', ')}`]
      : []),
    `  transcript: ${transcriptPath}`,
  ];
}
