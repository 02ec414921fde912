import { readFileSync } from 'node:fs';

/**
 * Whether `pid` is a live process on this machine. `kill(pid, 0)` probes without
 * signalling; EPERM means it exists under another user. A zombie (killed, not yet
 * reaped by its parent) counts as dead: it will never release anything.
 */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
}

/** Linux only (/proc); elsewhere a zombie is reported alive, which errs on the safe side. */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}
