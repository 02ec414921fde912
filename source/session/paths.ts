import { homedir as osHomedir } from 'node:os';
import { join } from 'node:path';
import { ensurePrivateDir } from './private-files.js';
import type { Env } from '../shared/env.js';

/** conf's project name; with conf's default suffix the folder is `rancher-pks-tui-nodejs`. */
export const PROJECT_NAME = 'rancher-pks-tui';
/** Overrides where sessions live (tests, CI, several operators on one jump host). */
export const HOME_ENV_VAR = 'RANCHER_PKS_TUI_HOME';

export interface SessionPaths {
  /** The tool's folder: `$RANCHER_PKS_TUI_HOME`, or conf's standard config folder. */
  readonly home: string;
  /** `<home>/sessions`: `<id>.json`, `<id>.transcript.log`, `<id>.lock`. */
  readonly sessionsDir: string;
  /** True when the home came from `RANCHER_PKS_TUI_HOME` (then we never chmod it). */
  readonly fromEnv: boolean;
}

export interface PathsEnvironment {
  readonly env?: Env;
  readonly platform?: NodeJS.Platform;
  readonly homedir?: string;
}

/** Where sessions live. Everything is a parameter so tests never touch the real home. */
export function resolveSessionPaths(environment: PathsEnvironment = {}): SessionPaths {
  const env = environment.env ?? process.env;
  const override = env[HOME_ENV_VAR]?.trim();
  const home = override
    ? override
    : confDefaultDir(
        env,
        environment.platform ?? process.platform,
        environment.homedir ?? osHomedir(),
      );
  return { home, sessionsDir: join(home, 'sessions'), fromEnv: Boolean(override) };
}

/**
 * The folder conf picks for `projectName: 'rancher-pks-tui'` (env-paths `config` with
 * the `-nodejs` suffix). Mirrored here rather than asking conf because conf only
 * reads the live process.env and creates the folder as a side effect; a test checks
 * that both agree.
 */
export function confDefaultDir(env: Env, platform: NodeJS.Platform, homedir: string): string {
  const name = `${PROJECT_NAME}-nodejs`;
  if (platform === 'darwin') return join(homedir, 'Library', 'Preferences', name);
  if (platform === 'win32')
    return join(env.APPDATA || join(homedir, 'AppData', 'Roaming'), name, 'Config');
  return join(env.XDG_CONFIG_HOME || join(homedir, '.config'), name);
}

/** Creates the folders 0700 (the sessions folder is always tightened; a user-chosen home is not). */
export function ensureSessionDirs(paths: SessionPaths): void {
  ensurePrivateDir(paths.home, !paths.fromEnv);
  ensurePrivateDir(paths.sessionsDir);
}

export const sessionFile = (sessionsDir: string, id: string): string =>
  join(sessionsDir, `${id}.json`);
export const transcriptFile = (sessionsDir: string, id: string): string =>
  join(sessionsDir, `${id}.transcript.log`);
export const lockFile = (sessionsDir: string, id: string): string =>
  join(sessionsDir, `${id}.lock`);
