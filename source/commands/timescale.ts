import { UsageError } from '../exit-codes.js';

/** `--timescale`: the lab's speed, a number ≥ 0. */
export function parseTimescale(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) {
    throw new UsageError(
      `--timescale: "${value}" is not a number ≥ 0; use e.g. 1 (watchable) or 0 (as fast as possible)`,
    );
  }
  return n;
}
