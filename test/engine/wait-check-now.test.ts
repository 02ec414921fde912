import { describe, expect, it } from 'vitest';
import type { Config } from '../../source/config/config.js';
import type { CheckNowRequests, RunEvent, Stage } from '../../source/engine/contract.js';
import { runPlan } from '../../source/engine/runner.js';
import { defaultTiming } from '../../source/engine/timing.js';
import { waitFor } from '../../source/engine/wait.js';
import type { Systems } from '../../source/systems/systems.js';

/** What a run's driver holds: the requests it hands the engine, and the button. */
function checkNowButton(): CheckNowRequests & { press(): void; listeners: number } {
  const listeners = new Set<() => void>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    press: () => listeners.forEach((l) => l()),
    get listeners() {
      return listeners.size;
    },
  };
}

/** A plan of one step that waits: `check` decides, polls are an hour apart unless asked. */
async function runWait(
  check: () => Promise<{ done: boolean; message?: string }>,
  options: { checkNow?: CheckNowRequests; timeoutMs?: number; minPollMs?: number } = {},
) {
  const events: RunEvent[] = [];
  const stages: Stage[] = [
    {
      id: 'ingress',
      title: 'Ingress',
      steps: [
        {
          id: 'ingress.dns',
          title: 'Rancher hostname resolves',
          runbook: () => [],
          run: async (ctx) => {
            await waitFor(ctx, {
              what: 'DNS to answer rancher.example.com → 10.0.0.5',
              timeoutMs: options.timeoutMs ?? 3_600_000,
              remedy: 'create the record',
              check,
            });
          },
        },
      ],
    },
  ];
  const minPollMs = options.minPollMs ?? 3_600_000;
  const status = runPlan({
    stages,
    context: {
      config: {} as Config,
      systems: {} as Systems,
      facts: {},
      signal: new AbortController().signal,
      timing: { ...defaultTiming, minPollMs, maxPollMs: minPollMs, retries: 0 },
      secrets: {},
      ...(options.checkNow ? { checkNow: options.checkNow } : {}),
    },
    onEvent: (e) => events.push(e),
    sessionId: 'test',
  });
  return { status, events };
}

const until = async (done: () => boolean) => {
  for (let i = 0; i < 500 && !done(); i++) await new Promise((r) => setTimeout(r, 2));
  expect(done()).toBe(true);
};

describe('waitFor', () => {
  it('says once what it waits for and when it gives up, then after each look that it looked', async () => {
    let checks = 0;
    const before = Date.now();
    const { status, events } = await runWait(async () => ({ done: ++checks === 3 }), {
      minPollMs: 1,
    });
    expect(await status).toBe('done');
    const started = events.filter((e) => e.type === 'wait-started');
    expect(started).toEqual([
      {
        type: 'wait-started',
        step: 'ingress.dns',
        what: 'DNS to answer rancher.example.com → 10.0.0.5',
        deadline: expect.any(Number),
      },
    ]);
    const deadline = (started[0] as { deadline: number }).deadline;
    expect(deadline).toBeGreaterThanOrEqual(before + 3_600_000);
    expect(deadline).toBeLessThanOrEqual(Date.now() + 3_600_000);
    expect(events.filter((e) => e.type === 'wait-checked')).toHaveLength(3);
  });

  it('looks again at once when asked to check now, instead of at its next poll an hour away', async () => {
    const button = checkNowButton();
    let checks = 0;
    let recordCreated = false;
    const { status, events } = await runWait(
      async () => {
        checks++;
        return { done: recordCreated, message: recordCreated ? 'answers' : 'no answer' };
      },
      { checkNow: button },
    );
    await until(() => checks === 1);
    recordCreated = true; // the user created the DNS record, then pressed c
    button.press();
    expect(await status).toBe('done');
    expect(checks).toBe(2);
    expect(events.filter((e) => e.type === 'wait-checked')).toEqual([
      { type: 'wait-checked', step: 'ingress.dns', early: false },
      { type: 'wait-checked', step: 'ingress.dns', early: true },
    ]);
    // The wait let go of the button.
    expect(button.listeners).toBe(0);
  });

  it('a request made while a look is under way gets a look of its own right after it', async () => {
    const button = checkNowButton();
    let checks = 0;
    let release: () => void = () => {};
    const { status } = await runWait(
      async () => {
        checks++;
        if (checks === 1) {
          // Asked while the first look is under way (it began before what was fixed).
          button.press();
          await new Promise<void>((r) => (release = r));
        }
        return { done: checks === 2 };
      },
      { checkNow: button },
    );
    await until(() => checks === 1);
    release();
    expect(await status).toBe('done');
    expect(checks).toBe(2);
  });

  it('without anyone to ask (the line reporter), it just polls', async () => {
    let checks = 0;
    const { status } = await runWait(async () => ({ done: ++checks === 2 }), { minPollMs: 1 });
    expect(await status).toBe('done');
  });

  it('times out after its deadline with the remedy', async () => {
    const { status, events } = await runWait(async () => ({ done: false }), {
      timeoutMs: 5,
      minPollMs: 2,
    });
    expect(await status).toBe('failed');
    const failed = events.find((e) => e.type === 'step-failed');
    expect(failed).toMatchObject({ remedy: 'create the record' });
  });
});
