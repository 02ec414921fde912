import { PermanentError } from '../systems/errors.js';
import type { StepContext } from './contract.js';
import { formatDuration } from './timing.js';

export interface WaitCheck<T> {
  done: boolean;
  value?: T;
  /** What we see now; reported when it changes. */
  message?: string;
}

export interface WaitOptions<T> {
  what: string;
  timeoutMs: number;
  /** What to do after a timeout; a function when it depends on what was seen last. */
  remedy: string | (() => string);
  check: () => Promise<WaitCheck<T>>;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Polls until `check` says done, growing the interval while nothing changes so a
 * fast lab and a slow PKS are both served; a timeout is a permanent error with a remedy.
 * Transient errors thrown by `check` propagate to the runner, which retries the step.
 */
export async function waitFor<T>(
  ctx: StepContext,
  options: WaitOptions<T>,
): Promise<T | undefined> {
  const started = Date.now();
  let interval = ctx.timing.minPollMs;
  let lastMessage: string | undefined;
  for (;;) {
    const result = await options.check();
    if (result.message && result.message !== lastMessage) {
      ctx.progress(result.message);
      interval = ctx.timing.minPollMs;
    }
    lastMessage = result.message;
    if (result.done) return result.value;
    if (Date.now() - started > options.timeoutMs) {
      throw new PermanentError(
        `timed out after ${formatDuration(options.timeoutMs)} waiting for ${options.what}${lastMessage ? ` (last seen: ${lastMessage})` : ''}`,
        typeof options.remedy === 'function' ? options.remedy() : options.remedy,
      );
    }
    await sleep(interval, ctx.signal);
    interval = Math.min(ctx.timing.maxPollMs, Math.round(interval * 1.5));
  }
}

export { sleep };
