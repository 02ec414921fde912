import type { Config } from '../config/config.js';
import { ConfigError } from '../config/errors.js';
import { parseAnswers } from '../config/load-answers.js';
import type { Facts } from '../engine/facts.js';
import { UsageError } from '../exit-codes.js';
import { resumeCommandLine } from '../invocation.js';
import type { Session } from '../session/session.js';
import type { SessionStore } from '../session/session-store.js';
import type { Env } from '../shared/env.js';
import { loadConfigOrFail } from './config-source.js';
import { sessionToWorkOn } from './finished-session.js';

/** What an uninstall reverses: the answers, and what the install recorded making. */
export interface UninstallBase {
  config: Config;
  facts: Facts;
  /** The install session, when there is one. */
  of?: string;
}

const installs = new Set(['install', 'migrate-ingress']);

function chosenSession(store: SessionStore, id: string | undefined): Session {
  const chosen =
    id ?? store.list().find((s) => s.status === 'done' && !s.demo && installs.has(s.plan))?.id;
  if (!chosen)
    throw new UsageError(
      'ID: no finished install to uninstall; name a session (see `sessions`), or pass --answers FILE',
    );
  const session = sessionToWorkOn(store, chosen, 'uninstall');
  if (session.plan === 'uninstall')
    throw new UsageError(
      `ID: session ${session.id} is an uninstall; ${session.status === 'done' ? 'it finished' : `go on with it: ${resumeCommandLine(session)}`}`,
    );
  return session;
}

/**
 * What every install of this cluster recorded making: a re-install on a cluster the first
 * install made does not make it again, yet it is still ours to delete.
 */
function createdFacts(store: SessionStore, cluster: string): Facts {
  const made: Facts = {};
  for (const summary of store.list()) {
    if (summary.demo || summary.cluster !== cluster || !installs.has(summary.plan)) continue;
    const facts = store.get(summary.id)?.facts ?? {};
    for (const key of ['createdCluster', 'createdNetworkProfile', 'createdNamespace'] as const)
      if (facts[key]) made[key] = true;
  }
  return made;
}

export function uninstallBase(
  store: SessionStore,
  id: string | undefined,
  answers: string | undefined,
  env: Env,
): UninstallBase {
  if (id && answers)
    throw new UsageError('--answers: a session brings its own answers; drop --answers (or the ID)');
  if (answers) {
    const config = loadConfigOrFail(answers, env);
    return { config, facts: createdFacts(store, config.pks.cluster) };
  }
  const session = chosenSession(store, id);
  let config: Config;
  try {
    config = parseAnswers(session.answers, '/', env);
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(`session ${session.id}: ${e.message}`);
    throw e;
  }
  const { vip, masterIp } = session.facts;
  return {
    config,
    of: session.id,
    facts: {
      ...(vip ? { vip } : {}),
      ...(masterIp ? { masterIp } : {}),
      ...createdFacts(store, config.pks.cluster),
    },
  };
}
