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
  /**
   * Calls `wake` when what `check` reads may have changed (a watch on it): the wait then
   * looks again at once instead of at the next poll. Returns how to stop listening.
   */
  wakeOn?: (wake: () => void) => () => void;
}

/** Waits `ms`, or less when `early` is handed a callback and calls it. */
function sleep(ms: number, signal: AbortSignal, early?: (wake: () => void) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    early?.(done);
  });
}

/**
 * Wakes the wait's sleep when `wakeOn` fires; a wake that comes while `check` runs is
 * kept, so the next sleep is skipped and nothing seen by the watch goes unchecked.
 */
function waker(wakeOn: WaitOptions<unknown>['wakeOn']) {
  let pending = false;
  let wakeSleep: (() => void) | undefined;
  const unsubscribe = wakeOn?.(() => {
    pending = true;
    wakeSleep?.();
  });
  return {
    async sleep(ms: number, signal: AbortSignal): Promise<void> {
      if (!pending) await sleep(ms, signal, (wake) => (wakeSleep = wake));
      pending = false;
      wakeSleep = undefined;
    },
    stop: () => unsubscribe?.(),
  };
}

/**
 * Polls until `check` says done, growing the interval while nothing changes so a
 * fast lab and a slow PKS are both served; with `wakeOn`, a change looks again at once.
 * A timeout is a permanent error with a remedy. Transient errors thrown by `check`
 * propagate to the runner, which retries the step.
 */
export async function waitFor<T>(
  ctx: StepContext,
  options: WaitOptions<T>,
): Promise<T | undefined> {
  const started = Date.now();
  let interval = ctx.timing.minPollMs;
  let lastMessage: string | undefined;
  const pause = waker(options.wakeOn);
  try {
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
      await pause.sleep(interval, ctx.signal);
      interval = Math.min(ctx.timing.maxPollMs, Math.round(interval * 1.5));
    }
  } finally {
    pause.stop();
  }
}

export { sleep };
