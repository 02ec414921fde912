import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throwaway RANCHER_PKS_TUI_HOME, passed as env (process.env is left alone). */
export function tempHome(): { home: string; env: Record<string, string>; cleanup: () => void } {
  const home = mkdtempSync(join(tmpdir(), 'rpt-session-'));
  return {
    home,
    env: { RANCHER_PKS_TUI_HOME: home },
    cleanup: () => rmSync(home, { recursive: true, force: true }),
  };
}

/** A clock that moves one second per reading, so ordering by time is deterministic. */
export function steppingClock(start = '2026-11-28T09:12:05.000Z'): () => Date {
  let t = Date.parse(start);
  return () => new Date((t += 1000));
}

export const modeOf = (stat: { mode: number }): number => stat.mode & 0o777;
