import type { Config } from '../config/config.js';
import { checkTlsFiles, tlsCheckIds } from '../systems/tls.js';
import type { CheckResult } from './check.js';

/** The tls.* checks are the certificate stage's own validation (systems/tls), reported one by one. */
export const tlsIds: readonly string[] = tlsCheckIds;

export async function tlsChecks(config: Config, now: Date = new Date()): Promise<CheckResult[]> {
  const findings = await checkTlsFiles(config.tls, config.rancher.hostname, now);
  return findings.map(({ id, status, message, remedy }) => ({ id, status, message, remedy }));
}
