import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SessionLockedError, SessionLocks } from '../../source/session/lock.js';
import { isProcessAlive } from '../../source/session/process-alive.js';
import { tempHome } from './temp-home.js';

const id = '20261128-091205-czpksrancher05';

/** The pid of a process that has exited (and been reaped). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid!;
}

describe('SessionLocks', () => {
  let t: ReturnType<typeof tempHome>;
  beforeEach(() => (t = tempHome()));
  afterEach(() => t.cleanup());

  it('excludes a second holder and names the holding pid', () => {
    const locks = new SessionLocks(t.home);
    const held = locks.acquire(id);
    expect(() => locks.acquire(id)).toThrow(SessionLockedError);
    expect(() => new SessionLocks(t.home, { pid: 4242 }).acquire(id)).toThrow(
      new RegExp(`in use by another process \\(pid ${process.pid}\\)`),
    );
    expect(locks.holder(id)?.pid).toBe(process.pid);
    held.release();
    expect(locks.holder(id)).toBeUndefined();
    locks.acquire(id).release();
  });

  it('locks sessions independently', () => {
    const locks = new SessionLocks(t.home);
    const a = locks.acquire(id);
    const b = locks.acquire(`${id}-2`);
    a.release();
    b.release();
  });

  it('takes over a lock left by a dead pid', () => {
    const pid = deadPid();
    expect(isProcessAlive(pid)).toBe(false);
    const dead = new SessionLocks(t.home, { pid });
    dead.acquire(id); // never released: its process "died"
    const lock = new SessionLocks(t.home).acquire(id);
    expect(lock.owner.pid).toBe(process.pid);
    expect(JSON.parse(readFileSync(lock.path, 'utf8'))).toMatchObject({ pid: process.pid });
    lock.release();
  });

  it('takes over a corrupt lock file', () => {
    writeFileSync(join(t.home, `${id}.lock`), 'garbage');
    new SessionLocks(t.home).acquire(id).release();
  });

  it('treats a lock from another host as held (its pid cannot be probed)', () => {
    new SessionLocks(t.home, { hostname: 'jumphost-2', pid: deadPid() }).acquire(id);
    expect(() => new SessionLocks(t.home).acquire(id)).toThrow(/on jumphost-2/);
  });

  it('release only removes its own lock and is idempotent', () => {
    const locks = new SessionLocks(t.home, { isAlive: () => false }); // every holder looks dead
    const first = locks.acquire(id);
    const second = locks.acquire(id); // took over "stale" first
    first.release();
    expect(existsSync(second.path)).toBe(true);
    second.release();
    second.release();
    expect(existsSync(second.path)).toBe(false);
  });

  it('is taken over after its holder is SIGKILLed', async () => {
    const lockModule = new URL('../../source/session/lock.ts', import.meta.url).href;
    const script = `
      const { SessionLocks } = await import(${JSON.stringify(lockModule)});
      new SessionLocks(${JSON.stringify(t.home)}).acquire(${JSON.stringify(id)});
      console.log('locked');
      setInterval(() => {}, 1000);`;
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve());
      child.on('exit', (code) => reject(new Error(`child exited early (${code})`)));
    });
    expect(() => new SessionLocks(t.home).acquire(id)).toThrow(new RegExp(`pid ${child.pid}`));

    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    const lock = new SessionLocks(t.home).acquire(id);
    expect(lock.owner.pid).toBe(process.pid);
    lock.release();
  });
});
