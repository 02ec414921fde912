import { setMaxListeners } from 'node:events';
import type { Config } from '../config/config.js';
import type { Env } from '../shared/env.js';
import { Pks } from '../systems/pks.js';
import { createSystems, type Systems } from '../systems/systems.js';

/**
 * The systems preflight and `status` look through: like the install's, but a CLI the answers
 * do not name is looked for as pks, then tkgi, and an expired OIDC session is reported, never
 * renewed with `get-credentials` (that writes the kubeconfig).
 */
export function readOnlySystems(
  config: Config,
  env: Env,
  // Read-only calls: without a stop of the caller's, nothing to stop (Ctrl-C ends the process).
  signal: AbortSignal = new AbortController().signal,
): Systems {
  // Every read in flight listens for the stop: a status run makes a few dozen at once.
  setMaxListeners(100, signal);
  return createSystems({
    signal,
    pksBinary: config.pks.cli ?? Pks.detect(env) ?? 'pks',
    cluster: config.pks.cluster,
    dnsServers: config.dns.servers,
    env,
    ...(config.pks.caCert ? { pksCaCert: config.pks.caCert } : {}),
  });
}
