import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Store } from '../kube/store.js';
import { rancherTokenPath } from '../lab-files.js';
import { managementFor, type LabParts } from './management.js';

/**
 * Once the lab's Rancher has started: an admin API key written to DIR/rancher-token (0600),
 * unless the file already holds one this Rancher accepts. A lab without a folder (unit
 * tests' fake labs) writes nothing.
 */
export function publishAdminToken(lab: LabParts & { dir: string }, store: Store): void {
  if (!existsSync(lab.dir)) return;
  const file = rancherTokenPath(lab.dir);
  const m = managementFor(lab, store);
  if (existsSync(file)) {
    const current = readFileSync(file, 'utf8').trim();
    if (m.tokens.authenticate({ authorization: `Bearer ${current}` })) return;
  }
  writeFileSync(file, `${m.adminApiKey('rancher-pks-tui lab: RANCHER_TOKEN')}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  lab.log(`rancher: admin API token written to ${file}`);
}
