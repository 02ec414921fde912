import { RancherApiError } from './rancher-api-types.js';
/**
 * How a failure is classified decides what the runner does with it:
 * transient ones are retried with backoff, permanent ones stop the run with a remedy.
 */
export class TransientError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransientError';
  }
}

export class PermanentError extends Error {
  constructor(
    message: string,
    /** What the user should do; shown under the message. */
    readonly remedy: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PermanentError';
  }
}

const transientCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'UND_ERR_SOCKET',
  'ECONNABORTED',
  'EHOSTUNREACH',
]);

/** Network-level failures and 5xx/429 answers are worth retrying. */
export function isTransient(error: unknown): boolean {
  if (error instanceof TransientError) return true;
  if (error instanceof PermanentError) return false;
  // Rancher's client says itself (429, 5xx, no answer): past its own tries, worth a step's retry.
  if (error instanceof RancherApiError) return error.transient;
  const e = error as
    { code?: unknown; statusCode?: unknown; cause?: unknown; name?: string } | undefined;
  if (!e) return false;
  const status =
    typeof e.code === 'number'
      ? e.code
      : typeof e.statusCode === 'number'
        ? e.statusCode
        : undefined;
  if (status !== undefined && (status >= 500 || status === 429)) return true;
  if (typeof e.code === 'string' && transientCodes.has(e.code)) return true;
  if (e.name === 'AbortError' || e.name === 'TimeoutError') return false;
  return e.cause !== undefined && e.cause !== error ? isTransient(e.cause) : false;
}
