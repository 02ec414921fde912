import {
  fails,
  passes,
  skips,
  warns,
  type Verdict,
  type VerdictStatus,
} from '../engine/desired/verdict.js';

/**
 * A preflight check's outcome: a rule's verdict with the check's id. `skip`: the check could
 * not run (an earlier one failed, or what it looks at does not exist yet). Same shape as the
 * TLS findings, so those pass through unchanged.
 */
export type CheckStatus = VerdictStatus;

/** The mark before a status, the same in the table and the preflight screen. */
export const statusMarks: Record<CheckStatus, string> = {
  pass: '✓',
  warn: '!',
  fail: '✗',
  skip: '-',
};

export interface CheckResult extends Verdict {
  id: string;
}

export function pass(id: string, message: string): CheckResult {
  return { id, ...passes(message) };
}

export function warn(id: string, message: string, remedy: string): CheckResult {
  return { id, ...warns(message, remedy) };
}

export function fail(id: string, message: string, remedy: string): CheckResult {
  return { id, ...fails(message, remedy) };
}

export function skip(id: string, because: string, remedy = ''): CheckResult {
  return { id, ...skips(because, remedy) };
}

/** The same skip for several checks that share one missing input. */
export function skipAll(ids: readonly string[], because: string): CheckResult[] {
  return ids.map((id) => skip(id, because));
}

/** What a check reports when its system call itself failed (not logged in, unreachable…). */
export function errored(id: string, error: unknown, fallbackRemedy: string): CheckResult {
  const remedy = (error as { remedy?: unknown }).remedy;
  return fail(
    id,
    error instanceof Error ? error.message : String(error),
    typeof remedy === 'string' && remedy ? remedy : fallbackRemedy,
  );
}

/** What a read gave: its value, or why it failed (so one failed read ends no report). */
export type Read<T> = T | Error;

export async function settle<T>(read: () => Promise<T>): Promise<Read<T>> {
  try {
    return await read();
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}
