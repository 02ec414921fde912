export interface Throttled {
  /** Asks for a call: now if the last was long enough ago, else once when it is. */
  request(): void;
  cancel(): void;
}

/**
 * Calls `fn` at most once per `intervalMs`, always with a trailing call so the last
 * change is never lost (watches can fire dozens of times a second while pods churn).
 */
export function throttle(fn: () => void, intervalMs: number, clock = Date.now): Throttled {
  let last = -Infinity;
  let timer: NodeJS.Timeout | undefined;
  const fire = () => {
    timer = undefined;
    last = clock();
    fn();
  };
  return {
    request() {
      if (timer) return;
      const wait = last + intervalMs - clock();
      if (wait <= 0) fire();
      else timer = setTimeout(fire, wait);
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
