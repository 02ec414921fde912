import type { Config } from '../config/config.js';
import type { Env } from '../shared/env.js';
import { createSystems } from '../systems/systems.js';
import type { RunEventListener } from './contract.js';
import { cliName } from './desired/pks-rules.js';
import type { Facts } from './facts.js';
import { runPlan, type RunStatus } from './runner.js';
import { uninstallCheckStage } from './stages/uninstall-check.js';
import { timingFromEnv } from './timing.js';

/**
 * The uninstall's preflight: its first stage (login, credentials, what goes and what stays,
 * the downstream-cluster refusal) on the same runner, before anything is asked or changed.
 * No session: nothing is recorded; the run repeats the stage anyway.
 */
export async function uninstallPreflight(
  config: Config,
  facts: Facts,
  env: Env,
  onEvent: RunEventListener,
  signal: AbortSignal,
): Promise<RunStatus> {
  const systems = createSystems({
    signal,
    pksBinary: cliName(config.pks),
    cluster: config.pks.cluster,
    dnsServers: config.dns.servers,
    env,
    commands: { finished: () => {} },
    ...(config.pks.caCert ? { pksCaCert: config.pks.caCert } : {}),
    reauthenticate: true,
  });
  return runPlan({
    stages: [uninstallCheckStage()],
    context: {
      config,
      systems,
      facts: structuredClone(facts),
      signal,
      timing: timingFromEnv(env),
      secrets: {},
    },
    onEvent,
    sessionId: 'preflight',
  });
}
