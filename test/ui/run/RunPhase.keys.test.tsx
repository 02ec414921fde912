import { render } from 'ink-testing-library';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import type { Config } from '../../../source/config/config.js';
import type { Stage } from '../../../source/engine/contract.js';
import type { RunHooks } from '../../../source/engine/execute.js';
import { runPlan } from '../../../source/engine/runner.js';
import { defaultTiming } from '../../../source/engine/timing.js';
import { waitFor } from '../../../source/engine/wait.js';
import type { Session } from '../../../source/session/session.js';
import type { SessionStore } from '../../../source/session/session-store.js';
import type { Systems } from '../../../source/systems/systems.js';
import { RunPhase } from '../../../source/ui/RunPhase.js';
import { PermanentError } from '../../../source/systems/errors.js';
import { send, waitForText } from '../wizard/wizard-fixtures.js';

// The run as the UI drives it, with a fake wait in place of the plan: the real runner and the
// real waitFor, fed the hooks the UI hands executeRun. Its polls are an hour apart, so only
// a check-now can make it look again within the test.
let checks = 0;
let dnsAnswers = false;
let failing = false;
const fakeWait: Stage = {
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
          timeoutMs: 3_600_000,
          remedy: 'create the record',
          check: async () => {
            if (failing)
              throw new PermanentError('dns: SERVFAIL from 10.0.0.2', 'fix the resolver');
            checks++;
            return {
              done: dnsAnswers,
              message: `look ${checks}: ${dnsAnswers ? 'answers' : 'no answer'}`,
            };
          },
        });
      },
    },
  ],
};

vi.mock('../../../source/engine/execute.js', () => ({
  executeRun: async (_request: unknown, hooks: RunHooks) => {
    const status = await runPlan({
      stages: [fakeWait],
      context: {
        config: {} as Config,
        systems: {} as Systems,
        facts: {},
        signal: hooks.signal,
        timing: { ...defaultTiming, minPollMs: 3_600_000, maxPollMs: 3_600_000 },
        secrets: {},
        ...(hooks.checkNow ? { checkNow: hooks.checkNow } : {}),
      },
      onEvent: hooks.onEvent,
      sessionId: 's-1',
    });
    return { status, session: { id: 's-1' } as Session, transcriptPath: '' };
  },
}));

describe('c on the run screen', () => {
  it('makes the waiting step look again now, through the run’s hooks', async () => {
    const onDone = vi.fn();
    const app = render(
      <RunPhase
        request={{
          config: {} as Config,
          store: { transcriptPath: () => '' } as unknown as SessionStore,
          env: {},
        }}
        onDone={onDone}
        onStopped={() => {}}
        onRefused={() => {}}
      />,
    );
    const frame = () => stripVTControlCharacters(app.lastFrame() ?? '');
    await waitForText(frame, '› look 1: no answer');
    expect(frame()).toMatch(/◷ gives up at \d\d:\d\d \(in (59|60)m\) · checked 0s ago/);
    expect(frame()).toContain('c check now');

    await send(app, 'c');
    await waitForText(frame, '› look 2: no answer');

    dnsAnswers = true; // the user created the record, then pressed c
    await send(app, 'c');
    await waitForText(frame, 'Rancher hostname resolves');
    await vi.waitFor(() => expect(checks).toBe(3));
    await waitForText(frame, 'Install finished');
    app.unmount();
  });

  it('Ctrl-C after a failure quits, as q does (the run is over: nothing to stop)', async () => {
    failing = true;
    const onStopped = vi.fn();
    const app = render(
      <RunPhase
        request={{
          config: {} as Config,
          store: { transcriptPath: () => '' } as unknown as SessionStore,
          env: {},
        }}
        onDone={() => {}}
        onStopped={onStopped}
        onRefused={() => {}}
      />,
    );
    const frame = () => stripVTControlCharacters(app.lastFrame() ?? '');
    await waitForText(frame, 'Failed: Rancher hostname resolves');
    expect(frame()).toContain('Ctrl-C quit');
    await send(app, '\u0003');
    expect(onStopped).toHaveBeenCalledWith('failed', expect.objectContaining({ id: 's-1' }));
    app.unmount();
  });
});
