import { isTransient } from '../../systems/errors.js';
import { RancherApiError } from '../../systems/rancher-api-types.js';
import { sleep } from '../wait.js';

/**
 * Per-cluster retries of a whole step (create, register, apply) on transient failures. The
 * HTTP client already retries 429/5xx per call; this layer covers what outlasts that (a
 * Rancher restarting, a downstream's API server blinking) without holding up other clusters.
 */
export interface RetryPolicy {
  attempts: number;
  baseMs: number;
}

export const defaultRetry: RetryPolicy = { attempts: 4, baseMs: 1_000 };

export function transient(error: unknown): boolean {
  if (error instanceof RancherApiError) return error.transient;
  return isTransient(error);
}

/** Exponential backoff with full jitter in its upper half (as the runner's). */
export function backoffMs(attempt: number, baseMs: number, random = Math.random): number {
  const exp = Math.min(30_000, baseMs * 2 ** attempt);
  return Math.round(exp / 2 + (random() * exp) / 2);
}

export async function withRetries<T>(
  work: () => Promise<T>,
  policy: RetryPolicy,
  signal: AbortSignal,
  onRetry: (attempt: number, delayMs: number, error: unknown) => void,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (signal.aborted || !transient(error) || attempt + 1 >= policy.attempts) throw error;
      const delayMs = backoffMs(attempt, policy.baseMs);
      onRetry(attempt + 1, delayMs, error);
      await sleep(delayMs, signal);
    }
  }
}
