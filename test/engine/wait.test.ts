import { describe, expect, it } from 'vitest';
import type { Config } from '../../source/config/config.js';
import type { StepContext } from '../../source/engine/contract.js';
import { defaultTiming } from '../../source/engine/timing.js';
import { waitFor, type WaitCheck } from '../../source/engine/wait.js';
import type { Systems } from '../../source/systems/systems.js';

/** A context whose poll would not look again for an hour: only a wake can. */
function hourPollContext() {
  const stop = new AbortController();
  const progress: string[] = [];
  const ctx: StepContext = {
    config: {} as Config,
    systems: {} as Systems,
    facts: {},
    signal: stop.signal,
    timing: { ...defaultTiming, minPollMs: 3_600_000, maxPollMs: 3_600_000 },
    secrets: {},
    progress: (message) => progress.push(message),
    manual: () => {},
    panel: () => {},
    waiting: () => {},
    checked: () => {},
  };
  return { ctx, progress, stop };
}

/** A stand-in for a watch: the test says when the watched objects changed. */
function fakeWatch() {
  let listener: (() => void) | undefined;
  let stopped = 0;
  return {
    wakeOn: (wake: () => void) => {
      listener = wake;
      return () => {
        stopped++;
        listener = undefined;
      };
    },
    change: () => listener?.(),
    get listening() {
      return listener !== undefined;
    },
    get stopped() {
      return stopped;
    },
  };
}

/** Resolves once `predicate` holds, looking after each turn of the event loop. */
async function until(predicate: () => boolean): Promise<void> {
  while (!predicate()) await new Promise((resolve) => setImmediate(resolve));
}

describe('waitFor', () => {
  it(
    'looks again as soon as the watch sees a change, not at the next poll',
    { timeout: 10_000 },
    async () => {
      const { ctx, progress, stop } = hourPollContext();
      const watch = fakeWatch();
      const ready = [0, 3];
      let checks = 0;
      const wait = waitFor(ctx, {
        what: 'controllers',
        timeoutMs: 3_600_000,
        remedy: 'none',
        wakeOn: watch.wakeOn,
        check: async (): Promise<WaitCheck<string>> => {
          const n = ready[Math.min(checks++, ready.length - 1)]!;
          return { done: n === 3, value: 'ds', message: `controllers ready ${n}/3` };
        },
      });
      try {
        await until(() => checks === 1 && watch.listening);
        expect(progress).toEqual(['controllers ready 0/3']);
        watch.change();
        await expect(wait).resolves.toBe('ds');
        expect(progress).toEqual(['controllers ready 0/3', 'controllers ready 3/3']);
        expect(watch.stopped).toBe(1);
      } finally {
        stop.abort();
      }
    },
  );

  it(
    'keeps a change seen while a check runs, and looks again right after it',
    { timeout: 10_000 },
    async () => {
      const { ctx, stop } = hourPollContext();
      const watch = fakeWatch();
      let checks = 0;
      const wait = waitFor(ctx, {
        what: 'pods',
        timeoutMs: 3_600_000,
        remedy: 'none',
        wakeOn: watch.wakeOn,
        check: async () => {
          checks++;
          // The object changes while the first check reads it: that check saw the old state.
          if (checks === 1) watch.change();
          return { done: checks === 2, message: `check ${checks}` };
        },
      });
      try {
        await wait;
        expect(checks).toBe(2);
      } finally {
        stop.abort();
      }
    },
  );
});
