import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isProcessAlive } from '../session/process-alive.js';

/**
 * `--demo` folders hold a private key and a kubeconfig: they go when the demo ends, on
 * every exit path, and one whose owner was killed (kill -9) goes at the next start.
 */
const prefix = 'rancher-pks-tui-demo-';
const ownerFile = 'owner.pid';
/** A folder with no owner file yet is someone's demo being born, unless it is this old. */
const unclaimedAfterMs = 10 * 60_000;

/** A fresh 0700 folder that names this process as its owner, removed when the process exits. */
export function makeDemoDir(): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  writeFileSync(join(dir, ownerFile), String(process.pid), { mode: 0o600 });
  const remove = () => rmSync(dir, { recursive: true, force: true });
  process.once('exit', remove);
  return dir;
}

function ownerOf(dir: string): number | undefined {
  try {
    return Number(readFileSync(join(dir, ownerFile), 'utf8').trim());
  } catch {
    return undefined;
  }
}

/** Removes the demo folders whose owner process is gone; returns them. */
export function removeStaleDemoDirs(
  base = tmpdir(),
  isAlive: (pid: number) => boolean = isProcessAlive,
  now = Date.now(),
): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(base).filter((name) => name.startsWith(prefix));
  } catch {
    return removed;
  }
  for (const name of names) {
    const dir = join(base, name);
    const owner = ownerOf(dir);
    let stale: boolean;
    try {
      stale =
        owner === undefined
          ? now - statSync(dir).mtimeMs > unclaimedAfterMs
          : owner !== process.pid && !isAlive(owner);
    } catch {
      continue; // gone meanwhile
    }
    if (!stale) continue;
    rmSync(dir, { recursive: true, force: true });
    removed.push(dir);
  }
  return removed;
}
