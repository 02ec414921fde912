import type { Config } from '../config/config.js';
import type { Session } from '../session/session.js';
import type { SessionPlan } from '../session/session-record.js';
import type { SessionStore } from '../session/session-store.js';
import type { Env } from '../shared/env.js';
import type { Facts } from './facts.js';
import type { FleetSystems } from './fleet/fleet-systems.js';

/**
 * What one run of a plan needs, whoever starts it (the line path, the terminal UI, a retry):
 * the engine creates the session from it, or continues the one it names.
 */
export interface RunRequest {
  config: Config;
  /** The plan a new session runs (default `install`); a given session keeps its own. */
  plan?: SessionPlan;
  /** A new session's first facts (an uninstall's options and what its install made). */
  facts?: Facts;
  /** The session to continue (resume, retry); without it the engine creates one. */
  session?: Session;
  store: SessionStore;
  env: Env;
  /** Never persisted, never logged. */
  bootstrapPassword?: string;
  /** A fleet import's Rancher API and downstream clients (they hold the token: never persisted). */
  fleet?: FleetSystems;
  /** Preflight warnings the user accepted to get here; the transcript names each. */
  acceptedWarnings?: readonly string[];
}
