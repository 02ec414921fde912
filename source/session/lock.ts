import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname as osHostname } from 'node:os';
import { lockFile } from './paths.js';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from './private-files.js';
import { isProcessAlive } from './process-alive.js';
import { assertSessionId } from './session-id.js';

/*
 * Why a hand-made pid lock rather than proper-lockfile: proper-lockfile decides
 * staleness by mtime (the holder touches the lock on a timer, stale after ~10 s), so
 * a resume right after a SIGKILL would wait or fail, and the timer keeps running in
 * every process. Here the lock file names its pid: a dead pid means stale, at once.
 */

/** Who holds a lock (the lock file's content). */
export interface LockOwner {
  pid: number;
  hostname: string;
  acquiredAt: string;
  /** Random per acquisition: release only removes the lock it created. */
  nonce: string;
}

export interface SessionLock {
  readonly sessionId: string;
  readonly path: string;
  readonly owner: LockOwner;
  /** Removes the lock if it is still ours. Idempotent; also runs on process exit. */
  release(): void;
}

/** Thrown when another live process runs the session. */
export class SessionLockedError extends Error {
  constructor(
    readonly sessionId: string,
    readonly owner: LockOwner,
    heldBySelf: boolean,
  ) {
    super(lockedMessage(sessionId, owner, heldBySelf));
    this.name = 'SessionLockedError';
  }
}

export interface SessionLocksOptions {
  readonly pid?: number;
  readonly hostname?: string;
  readonly isAlive?: (pid: number) => boolean;
  readonly now?: () => Date;
}

/**
 * Exclusive locks, one per session: `<sessions dir>/<id>.lock`. The lock is created
 * complete (written to a temp file, then hard-linked into place, which fails if the
 * lock exists), so a reader never sees a half-written owner.
 */
export class SessionLocks {
  readonly #dir: string;
  readonly #pid: number;
  readonly #hostname: string;
  readonly #isAlive: (pid: number) => boolean;
  readonly #now: () => Date;

  constructor(sessionsDir: string, options: SessionLocksOptions = {}) {
    this.#dir = sessionsDir;
    this.#pid = options.pid ?? process.pid;
    this.#hostname = options.hostname ?? osHostname();
    this.#isAlive = options.isAlive ?? isProcessAlive;
    this.#now = options.now ?? (() => new Date());
  }

  /** Takes the lock, breaking a stale one; throws SessionLockedError if a live process holds it. */
  acquire(sessionId: string): SessionLock {
    assertSessionId(sessionId);
    ensurePrivateDir(this.#dir);
    const path = lockFile(this.#dir, sessionId);
    // A few rounds: each lost race re-reads who holds the lock now.
    for (let attempt = 0; attempt < 5; attempt++) {
      const owner = this.#newOwner();
      if (this.#tryCreate(path, owner)) return this.#held(sessionId, path, owner);
      const current = readOwner(path);
      if (current && this.#isLive(current)) {
        const self = current.pid === this.#pid && current.hostname === this.#hostname;
        throw new SessionLockedError(sessionId, current, self);
      }
      this.#breakStale(path, current);
    }
    throw new Error(
      `could not lock session ${sessionId}: the lock at ${path} keeps changing hands`,
    );
  }

  /** The live holder of a session's lock, or undefined when it is free or stale. */
  holder(sessionId: string): LockOwner | undefined {
    assertSessionId(sessionId);
    const owner = readOwner(lockFile(this.#dir, sessionId));
    return owner && this.#isLive(owner) ? owner : undefined;
  }

  /** A lock from another host cannot be probed: it counts as live (never steal blindly). */
  #isLive(owner: LockOwner): boolean {
    return owner.hostname !== this.#hostname || this.#isAlive(owner.pid);
  }

  #newOwner(): LockOwner {
    return {
      pid: this.#pid,
      hostname: this.#hostname,
      acquiredAt: this.#now().toISOString(),
      nonce: randomBytes(8).toString('hex'),
    };
  }

  /** Temp file + link(): atomic "create if absent" with the content already in place. */
  #tryCreate(path: string, owner: LockOwner): boolean {
    const temp = `${path}.${owner.nonce}.tmp`;
    writeFileSync(temp, JSON.stringify(owner), { mode: PRIVATE_FILE_MODE, flag: 'wx' });
    try {
      linkSync(temp, path);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    } finally {
      unlinkQuietly(temp);
    }
  }

  /**
   * Removes a stale lock under a short-lived `.break` guard, re-checking that the lock
   * is still the stale one: two resumers racing cannot delete each other's new lock.
   */
  #breakStale(path: string, stale: LockOwner | undefined): void {
    const guard = `${path}.break`;
    const breaker = this.#newOwner();
    try {
      writeFileSync(guard, JSON.stringify(breaker), { mode: PRIVATE_FILE_MODE, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const other = readOwner(guard);
      if (other && this.#isLive(other)) return; // someone else is breaking it; re-read next round
      unlinkQuietly(guard); // a breaker that died mid-break
      return;
    }
    try {
      if (sameOwner(readOwner(path), stale)) unlinkQuietly(path);
    } finally {
      unlinkQuietly(guard);
    }
  }

  #held(sessionId: string, path: string, owner: LockOwner): SessionLock {
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      process.removeListener('exit', release);
      if (readOwner(path)?.nonce === owner.nonce) unlinkQuietly(path);
    };
    // A normal exit (even process.exit) frees the lock; a SIGKILL leaves it stale.
    process.on('exit', release);
    return { sessionId, path, owner, release };
  }
}

/** The owner in a lock file; undefined when absent or unreadable (a corrupt lock is stale). */
function readOwner(path: string): LockOwner | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const value: unknown = JSON.parse(text);
    return isLockOwner(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function isLockOwner(value: unknown): value is LockOwner {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.pid === 'number' &&
    typeof v.hostname === 'string' &&
    typeof v.acquiredAt === 'string' &&
    typeof v.nonce === 'string'
  );
}

function sameOwner(a: LockOwner | undefined, b: LockOwner | undefined): boolean {
  return a?.nonce === b?.nonce;
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

function lockedMessage(sessionId: string, owner: LockOwner, heldBySelf: boolean): string {
  const who = heldBySelf ? `this process (pid ${owner.pid})` : `another process (pid ${owner.pid})`;
  const where = owner.hostname ? ` on ${owner.hostname}` : '';
  return (
    `session ${sessionId} is in use by ${who}${where} since ${owner.acquiredAt}. ` +
    'Wait for it to finish or stop it; a lock left by a process that has died is taken over automatically.'
  );
}
