/**
 * When to ask Rancher again: 429 after its Retry-After, 5xx and lost connections after an
 * exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And
 * Jitter"), so hundreds of clusters importing at once do not retry in lockstep.
 */

export interface RetryPolicy {
  /** Tries per call, the first included. */
  maxAttempts: number;
  /** The backoff's first ceiling; it doubles per attempt. */
  baseDelayMs: number;
  /** The backoff never waits longer than this. */
  maxDelayMs: number;
  /** A Retry-After longer than this is cut to it (a broken header must not park us for hours). */
  maxRetryAfterMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 60_000,
};

/** Full jitter: anywhere between 0 and the attempt's ceiling. `attempt` counts from 1. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

/**
 * `Retry-After` in milliseconds: delta-seconds or an HTTP-date (RFC 9110 §10.2.3); undefined
 * when absent or unreadable (the backoff applies then).
 */
export function retryAfterMs(header: string | undefined, now: number): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Waits `ms`, or throws the signal's reason as soon as it is aborted. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
