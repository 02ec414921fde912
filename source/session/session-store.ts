import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  ensureSessionDirs,
  HOME_ENV_VAR,
  lockFile,
  resolveSessionPaths,
  sessionFile,
  transcriptFile,
} from './paths.js';
import type { PathsEnvironment, SessionPaths } from './paths.js';

import { SessionLocks, SessionLockedError, type SessionLock } from './lock.js';
import { isProcessAlive } from './process-alive.js';
import { Session, type Clock } from './session.js';
import { SessionError } from './session-error.js';
import { assertSessionId, isSessionId, newSessionId } from './session-id.js';
import type { SessionPlan, SessionStatus } from './session-record.js';
import type { Config } from '../config/config.js';
import { Transcript } from './transcript.js';
import { resumeCommandLine } from '../invocation.js';

/** The folders, or one line saying why the home cannot hold them (a file in the way). */
function ensureUsableDirs(paths: SessionPaths): void {
  try {
    ensureSessionDirs(paths);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const where = paths.fromEnv ? `${HOME_ENV_VAR}: ${paths.home}` : paths.home;
    if (code === 'EEXIST' || code === 'ENOTDIR')
      throw new SessionError(
        `${where} is a file, not a folder; ${paths.fromEnv ? `point ${HOME_ENV_VAR} at a folder` : 'move the file away'} (the folder is created if missing)`,
      );
    if (code === 'EACCES' || code === 'EPERM')
      throw new SessionError(
        `${where} cannot be written (permission denied); ${paths.fromEnv ? `point ${HOME_ENV_VAR} at a folder you own` : 'check its permissions'}`,
      );
    throw error;
  }
}

/** Another session already installs this cluster: say which, and how to go on with it. */
function clusterTaken(cluster: string, owner: SessionSummary): SessionError {
  const where = owner.stageReached ? `, at stage ${owner.stageReached}` : '';
  if (owner.status === 'running')
    return new SessionError(
      `pks.cluster: session ${owner.id} is installing ${cluster} right now${where}; wait for it, or stop it and run \`${resumeCommandLine(owner)}\``,
    );
  return new SessionError(
    `pks.cluster: session ${owner.id} already installs ${cluster} (${owner.status}${where}); go on with it: \`${resumeCommandLine(owner)}\``,
  );
}

/** One line of `sessions list` / the resume picker. */
export interface SessionSummary {
  id: string;
  plan: SessionPlan;
  /** Started with --demo: resumed only with --demo. */
  demo?: boolean;
  cluster?: string;
  hostname?: string;
  stageReached?: string;
  /** `running` only while a live process holds the lock; a crashed run reads `interrupted`. */
  status: SessionStatus;
  createdAt: string;
  updatedAt: string;
}

export interface SessionStoreOptions extends PathsEnvironment {
  /** Use these folders instead of resolving them from env (tests, embedding). */
  readonly paths?: SessionPaths;
  readonly now?: Clock;
  readonly isAlive?: (pid: number) => boolean;
  /** Sessions created here are demo sessions (--demo). */
  readonly demo?: boolean;
}

/**
 * Saved sessions: `<home>/sessions/<id>.json` (one conf store each), with the lock
 * and transcript beside them. Folders are 0700, files 0600.
 */
export class SessionStore {
  readonly paths: SessionPaths;
  readonly #now: Clock;
  readonly #locks: SessionLocks;
  readonly #demo: boolean;

  constructor(options: SessionStoreOptions = {}) {
    this.paths = options.paths ?? resolveSessionPaths(options);
    this.#now = options.now ?? (() => new Date());
    this.#demo = options.demo ?? false;
    ensureUsableDirs(this.paths);
    this.#locks = new SessionLocks(this.paths.sessionsDir, {
      isAlive: options.isAlive ?? isProcessAlive,
      now: this.#now,
    });
    this.#removeStaleTempFiles();
  }

  get sessionsDir(): string {
    return this.paths.sessionsDir;
  }

  /** Saves a new running session. Throws SecretLeakError (and writes nothing) if the answers hold a secret. */
  create(answers: Config, plan: SessionPlan = 'install'): Session {
    ensureSessionDirs(this.paths);
    const cluster = answers.pks.cluster;
    const session = this.#createWithFreshId(cluster, answers, plan);
    // Checked after creating, so of two runs started together exactly one goes on. Each
    // demo has a lab of its own: demo sessions never stand in each other's (or a real one's) way.
    const rival = cluster && !this.#demo ? this.#unfinishedBefore(cluster, session) : undefined;
    if (rival) {
      this.remove(session.id);
      throw clusterTaken(cluster!, rival);
    }
    return session;
  }

  /**
   * A new session under an id nobody holds. Two processes can pick the same id in the same
   * second; the file is claimed exclusively, so the one that loses takes the next id.
   */
  #createWithFreshId(cluster: string | undefined, answers: Config, plan: SessionPlan): Session {
    for (let attempt = 0; ; attempt++) {
      const id = newSessionId(this.#now(), cluster, (candidate) =>
        existsSync(sessionFile(this.sessionsDir, candidate)),
      );
      try {
        return Session.create(this.sessionsDir, id, answers, this.#now, plan, this.#demo);
      } catch (error) {
        if ((error as { code?: unknown }).code !== 'EEXIST' || attempt >= 20) throw error;
      }
    }
  }

  /** An unfinished session for `cluster` that began before `mine` (the one that owns it). */
  #unfinishedBefore(cluster: string, mine: Session): SessionSummary | undefined {
    const first = (a: { createdAt: string; id: string }) => `${a.createdAt} ${a.id}`;
    return this.list()
      .filter((s) => s.cluster === cluster && s.id !== mine.id && s.status !== 'done' && !s.demo)
      .filter((s) => first(s) < first(mine))
      .sort((a, b) => first(a).localeCompare(first(b)))[0];
  }

  /** The saved session, or undefined when there is none with that id. */
  get(id: string): Session | undefined {
    assertSessionId(id);
    if (!existsSync(sessionFile(this.sessionsDir, id))) return undefined;
    return Session.open(this.sessionsDir, id, this.#now);
  }

  /** All readable sessions, most recently updated first. Damaged files are skipped. */
  list(): SessionSummary[] {
    return this.scan().sessions;
  }

  /** The readable sessions, and a SessionError for each damaged file (so none hides the others). */
  scan(): { sessions: SessionSummary[]; damaged: SessionError[] } {
    const damaged: SessionError[] = [];
    const sessions: SessionSummary[] = [];
    for (const id of this.#ids()) {
      try {
        sessions.push(this.#summarize(Session.open(this.sessionsDir, id, this.#now)));
      } catch (error) {
        if (error instanceof SessionError) damaged.push(error);
        else throw error;
      }
    }
    sessions.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.id.localeCompare(a.id));
    return { sessions, damaged };
  }

  /**
   * The most recently updated session that did not finish `done` (the one to resume), of
   * one kind: demo sessions only resume with --demo, others only without.
   */
  latestUnfinished(kind: { demo: boolean } = { demo: false }): Session | undefined {
    const summary = this.list().find((s) => s.status !== 'done' && Boolean(s.demo) === kind.demo);
    return summary ? this.get(summary.id) : undefined;
  }

  /** Deletes a session, its transcript and a stale lock; refuses while a live process runs it. */
  remove(id: string): void {
    assertSessionId(id);
    const holder = this.#locks.holder(id);
    if (holder) throw new SessionLockedError(id, holder, holder.pid === process.pid);
    for (const file of [
      sessionFile(this.sessionsDir, id),
      transcriptFile(this.sessionsDir, id),
      lockFile(this.sessionsDir, id),
    ])
      rmSync(file, { force: true });
  }

  /** Takes the session's run lock (one run per session at a time). */
  lock(id: string): SessionLock {
    return this.#locks.acquire(id);
  }

  /** Where the session's transcript is (or will be). */
  transcriptPath(id: string): string {
    assertSessionId(id);
    return transcriptFile(this.sessionsDir, id);
  }

  /** The session's transcript, created 0600 if new. */
  transcript(id: string): Transcript {
    assertSessionId(id);
    return new Transcript(transcriptFile(this.sessionsDir, id), { now: this.#now });
  }

  /** Session ids from `<id>.json` names (conf's atomic-write temp files end differently). */
  #ids(): string[] {
    return readdirSync(this.sessionsDir)
      .filter((name) => name.endsWith('.json'))
      .map((name) => name.slice(0, -'.json'.length))
      .filter(isSessionId);
  }

  /**
   * A write killed mid-way leaves conf's temp file (`<id>.json.tmp-<stamp>`, atomically's
   * naming) beside the session; it is garbage once no live process holds that session.
   */
  #removeStaleTempFiles(): void {
    for (const name of readdirSync(this.sessionsDir)) {
      const id = /^(.+)\.json\.tmp-\d{10}[a-f0-9]{6}$/.exec(name)?.[1];
      if (id && isSessionId(id) && !this.#locks.holder(id))
        rmSync(join(this.sessionsDir, name), { force: true });
    }
  }

  #summarize(session: Session): SessionSummary {
    const crashed = session.status === 'running' && !this.#locks.holder(session.id);
    return {
      id: session.id,
      plan: session.plan,
      demo: session.demo,
      cluster: session.answers.pks.cluster,
      hostname: session.answers.rancher.hostname,
      stageReached: session.stageReached,
      status: crashed ? 'interrupted' : session.status,
      createdAt: session.createdAt,
      updatedAt: session.updatedAt,
    };
  }
}
