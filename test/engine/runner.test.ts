import { describe, expect, it } from 'vitest';
import type { Config } from '../../source/config/config.js';
import type { Stage, Step } from '../../source/engine/contract.js';
import { defaultTiming } from '../../source/engine/timing.js';
import type { RunEvent } from '../../source/engine/contract.js';
import { runPlan } from '../../source/engine/runner.js';
import type { Systems } from '../../source/systems/systems.js';
import { PermanentError, TransientError } from '../../source/systems/errors.js';

const timing = { ...defaultTiming, retryBaseMs: 1, minPollMs: 1, maxPollMs: 2 };

function step(id: string, parts: Partial<Step>): Step {
  return { id, title: id, run: async () => {}, runbook: () => [], ...parts };
}

async function run(stages: Stage[], signal = new AbortController().signal) {
  const events: RunEvent[] = [];
  const steps: string[] = [];
  const status = await runPlan({
    stages,
    context: {
      config: {} as Config,
      systems: {} as Systems,
      facts: {},
      signal,
      timing,
      secrets: {},
    },
    onEvent: (e) => events.push(e),
    recorder: {
      step: (id, s) => steps.push(`${id}:${s}`),
      stageReached: () => {},
      facts: () => {},
    },
    sessionId: 'test',
  });
  return { status, events, steps };
}

describe('runPlan', () => {
  it('skips steps that prove themselves done and runs the rest in order', async () => {
    const ran: string[] = [];
    const { status, steps, events } = await run([
      {
        id: 'cluster',
        title: 'Cluster',
        steps: [
          step('a', { isDone: async () => true }),
          step('b', { run: async () => void ran.push('b') }),
          step('c', { isDone: async () => 'not needed with Helm 3' }),
        ],
      },
    ]);
    expect(status).toBe('done');
    expect(ran).toEqual(['b']);
    expect(steps).toEqual([
      'a:running',
      'a:skipped',
      'b:running',
      'b:done',
      'c:running',
      'c:skipped',
    ]);
    const reasons = events.flatMap((e) => (e.type === 'step-skipped' ? [e.reason] : []));
    expect(reasons).toEqual(['already done', 'not needed with Helm 3']);
  });

  it('retries transient errors with backoff, then succeeds', async () => {
    let calls = 0;
    const { status, events } = await run([
      {
        id: 'helm',
        title: 'Helm',
        steps: [
          step('flaky', {
            run: async () => {
              if (++calls < 3) throw new TransientError('503 from the API');
            },
          }),
        ],
      },
    ]);
    expect(status).toBe('done');
    expect(events.filter((e) => e.type === 'step-retry')).toHaveLength(2);
  });

  it('stops on a permanent error with its remedy and does not run later steps', async () => {
    let later = false;
    const { status, events } = await run([
      {
        id: 'ingress',
        title: 'Ingress',
        steps: [
          step('bad', {
            run: async () => Promise.reject(new PermanentError('no IP', 'enlarge the pool')),
          }),
          step('later', { run: async () => void (later = true) }),
        ],
      },
    ]);
    expect(status).toBe('failed');
    expect(later).toBe(false);
    const failed = events.find((e) => e.type === 'step-failed');
    expect(failed).toMatchObject({ error: 'no IP', remedy: 'enlarge the pool' });
  });

  it('gives up on a transient error that keeps coming back', async () => {
    const { status } = await run([
      {
        id: 'cluster',
        title: 'C',
        steps: [
          step('down', { run: async () => Promise.reject(new TransientError('ECONNREFUSED')) }),
        ],
      },
    ]);
    expect(status).toBe('failed');
  });

  it('stops cleanly when aborted', async () => {
    const controller = new AbortController();
    const { status, events } = await run(
      [
        {
          id: 'rancher',
          title: 'R',
          steps: [
            step('slow', {
              run: async () => {
                controller.abort(new Error('interrupted'));
                throw new Error('aborted');
              },
            }),
          ],
        },
      ],
      controller.signal,
    );
    expect(status).toBe('interrupted');
    expect(events.at(-1)).toMatchObject({ type: 'run-finished', status: 'interrupted' });
    // A step that throws because of the stop did not fail: it was interrupted.
    expect(events.some((e) => e.type === 'step-failed')).toBe(false);
  });
});

describe('runPlan once the run is stopped', () => {
  const stage = (...steps: Step[]): Stage[] => [{ id: 'cluster', title: 'Cluster', steps }];

  it('starts no later step after a step that stopped the run finishes', async () => {
    const controller = new AbortController();
    const ran: string[] = [];
    const { status, steps, events } = await run(
      stage(
        step('a', {
          run: async () => {
            ran.push('a');
            controller.abort(new Error('interrupted'));
          },
        }),
        step('b', { run: async () => void ran.push('b') }),
      ),
      controller.signal,
    );
    expect(ran).toEqual(['a']);
    expect(status).toBe('interrupted');
    expect(steps).toEqual(['a:running', 'a:done']);
    expect(events.filter((e) => e.type === 'stage-done')).toEqual([]);
    expect(events.at(-1)).toMatchObject({ type: 'run-finished', status: 'interrupted' });
  });

  it('runs nothing when stopped before it starts', async () => {
    const controller = new AbortController();
    controller.abort(new Error('interrupted'));
    let ran = false;
    const { status, steps } = await run(
      stage(step('a', { run: async () => void (ran = true) })),
      controller.signal,
    );
    expect(ran).toBe(false);
    expect(status).toBe('interrupted');
    expect(steps).toEqual([]);
  });

  it('does not run the step when the stop came during its isDone (even one that swallowed it)', async () => {
    const controller = new AbortController();
    const ran: string[] = [];
    const { status, steps } = await run(
      stage(
        step('a', {
          isDone: async () => {
            controller.abort(new Error('interrupted'));
            return false; // e.g. a failed look-up read as "not there yet"
          },
          run: async () => void ran.push('a'),
        }),
        step('b', { run: async () => void ran.push('b') }),
      ),
      controller.signal,
    );
    expect(ran).toEqual([]);
    expect(status).toBe('interrupted');
    expect(steps).toEqual(['a:running', 'a:failed']);
  });

  it('stops after an isDone that found the step done while the run was stopped', async () => {
    const controller = new AbortController();
    const ran: string[] = [];
    const { status, steps } = await run(
      stage(
        step('a', {
          isDone: async () => {
            controller.abort(new Error('interrupted'));
            return true;
          },
        }),
        step('b', { run: async () => void ran.push('b') }),
      ),
      controller.signal,
    );
    expect(ran).toEqual([]);
    expect(status).toBe('interrupted');
    expect(steps).toEqual(['a:running', 'a:skipped']);
  });

  it('stops during a retry backoff without trying the step again', async () => {
    const controller = new AbortController();
    let calls = 0;
    const events: RunEvent[] = [];
    const result = runPlan({
      stages: stage(
        step('flaky', {
          run: async () => {
            calls++;
            throw new TransientError('503 from the API');
          },
        }),
      ),
      context: {
        config: {} as Config,
        systems: {} as Systems,
        facts: {},
        signal: controller.signal,
        // A backoff far longer than any test: only the stop can end it.
        timing: { ...timing, retryBaseMs: 3_600_000 },
        secrets: {},
      },
      onEvent: (e) => {
        events.push(e);
        if (e.type === 'step-retry') controller.abort(new Error('interrupted'));
      },
      sessionId: 'test',
    });
    expect(await result).toBe('interrupted');
    expect(calls).toBe(1);
    expect(events.some((e) => e.type === 'step-failed')).toBe(false);
  });
});
