import { PermanentError } from '../systems/errors.js';
import type { CheckNowRequests, StepContext } from './contract.js';
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
 * Wakes the wait's sleep when `wakeOn` fires or the user asks to check now (the run
 * screen's `c`); a wake that comes while `check` runs is kept, so the next sleep is skipped
 * and nothing seen by the watch (or fixed by the user) goes unchecked.
 */
function waker(wakeOn: WaitOptions<unknown>['wakeOn'], checkNow: CheckNowRequests | undefined) {
  let pending = false;
  let asked = false;
  let wakeSleep: (() => void) | undefined;
  const wake = () => {
    pending = true;
    wakeSleep?.();
  };
  const unsubscribe = [
    wakeOn?.(wake),
    checkNow?.subscribe(() => {
      asked = true;
      wake();
    }),
  ];
  return {
    /** Resolves `true` when the user asked to look now. */
    async sleep(ms: number, signal: AbortSignal): Promise<boolean> {
      if (!pending) await sleep(ms, signal, (wake) => (wakeSleep = wake));
      pending = false;
      wakeSleep = undefined;
      const early = asked;
      asked = false;
      return early;
    },
    stop: () => unsubscribe.forEach((stop) => stop?.()),
  };
}

/**
 * Polls until `check` says done, growing the interval while nothing changes so a
 * fast lab and a slow PKS are both served; with `wakeOn`, a change looks again at once, as
 * does a check-now request. Says once when it gives up (the UI and the line reporter show
 * it), and after each look that it looked. A timeout is a permanent error with a remedy.
 * Transient errors thrown by `check` propagate to the runner, which retries the step.
 */
export async function waitFor<T>(
  ctx: StepContext,
  options: WaitOptions<T>,
): Promise<T | undefined> {
  const started = Date.now();
  ctx.waiting({ what: options.what, deadline: started + options.timeoutMs });
  let interval = ctx.timing.minPollMs;
  let lastMessage: string | undefined;
  let early = false;
  const pause = waker(options.wakeOn, ctx.checkNow);
  try {
    for (;;) {
      const result = await options.check();
      ctx.checked(early);
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
      early = await pause.sleep(interval, ctx.signal);
      // Asked to look now: the user expects a change, so look closely again for a while.
      interval = early
        ? ctx.timing.minPollMs
        : Math.min(ctx.timing.maxPollMs, Math.round(interval * 1.5));
    }
  } finally {
    pause.stop();
  }
}

export { sleep };
