import type { SessionPlan } from '../session/session-record.js';
import type { ManualAction, Stage, Step, StepContext } from './contract.js';
import { sleep } from './wait.js';
import { isTransient, PermanentError } from '../systems/errors.js';
import type { PanelUpdate, PlanOutline, RunEventListener } from './contract.js';
import { noRecorder, type StepRecorder } from './step-recorder.js';

export type RunStatus = 'done' | 'failed' | 'interrupted';

export type BaseContext = Omit<
  StepContext,
  'progress' | 'manual' | 'panel' | 'waiting' | 'checked' | 'persist' | 'fleetUpdate'
>;

export interface RunOptions {
  stages: Stage[];
  context: BaseContext;
  onEvent: RunEventListener;
  recorder?: StepRecorder;
  sessionId: string;
  /** Which plan the stages are (default install). */
  plan?: SessionPlan;
  resumed?: boolean;
}

export function outlineOf(stages: Stage[]): PlanOutline {
  return {
    stages: stages.map((s) => ({
      id: s.id,
      title: s.title,
      steps: s.steps.map((t) => ({ id: t.id, title: t.title })),
    })),
  };
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

function backoff(attempt: number, baseMs: number): number {
  const exp = Math.min(30_000, baseMs * 2 ** attempt);
  return Math.round(exp / 2 + (Math.random() * exp) / 2);
}

/**
 * Runs the plan's steps in order. Each step first proves itself done by looking at
 * the system; transient errors are retried with backoff; a permanent one stops the
 * run (resumable); an abort stops it cleanly: the signal is looked at before and after
 * every step and its isDone, so no step starts once the run was stopped.
 */
export async function runPlan(options: RunOptions): Promise<RunStatus> {
  const { stages, context, onEvent } = options;
  const recorder = options.recorder ?? noRecorder;
  const started = Date.now();
  onEvent({
    type: 'run-started',
    sessionId: options.sessionId,
    plan: options.plan ?? 'install',
    outline: outlineOf(stages),
    resumed: options.resumed ?? false,
  });
  const stopped = () => context.signal.aborted;
  let status: RunStatus = 'done';
  for (const stage of stages) {
    if (stopped()) {
      status = 'interrupted';
      break;
    }
    const stageStarted = Date.now();
    onEvent({ type: 'stage-started', stage: stage.id, title: stage.title });
    recorder.stageReached(stage.id);
    for (const step of stage.steps) {
      status = stopped() ? 'interrupted' : await runStep(stage, step, context, onEvent, recorder);
      // A step that finished while the run was being stopped is done; the run is not.
      if (status === 'done' && stopped()) status = 'interrupted';
      if (status !== 'done') break;
    }
    if (status !== 'done') break;
    onEvent({
      type: 'stage-done',
      stage: stage.id,
      title: stage.title,
      durationMs: Date.now() - stageStarted,
    });
  }
  onEvent({ type: 'run-finished', status, durationMs: Date.now() - started });
  return status;
}

function stepContext(
  base: BaseContext,
  step: Step,
  onEvent: RunEventListener,
  recorder: StepRecorder,
): StepContext {
  let recorded = JSON.stringify(base.facts);
  const recordFacts = () => {
    const now = JSON.stringify(base.facts);
    if (now !== recorded) {
      recorded = now;
      recorder.facts({ ...base.facts });
    }
  };
  return {
    ...base,
    progress: (message: string) => {
      recordFacts();
      onEvent({ type: 'step-progress', step: step.id, message });
    },
    manual: (action: ManualAction) => onEvent({ type: 'manual-action', step: step.id, ...action }),
    panel: (panel: PanelUpdate) => onEvent({ type: 'panel', step: step.id, panel }),
    waiting: (wait) => onEvent({ type: 'wait-started', step: step.id, ...wait }),
    checked: (early) => onEvent({ type: 'wait-checked', step: step.id, early }),
    persist: recordFacts,
    fleetUpdate: (update) => onEvent(update),
  };
}

async function runStep(
  stage: Stage,
  step: Step,
  base: BaseContext,
  onEvent: RunEventListener,
  recorder: StepRecorder,
): Promise<RunStatus> {
  const ctx = stepContext(base, step, onEvent, recorder);
  const started = Date.now();
  onEvent({ type: 'step-started', stage: stage.id, step: step.id, title: step.title });
  recorder.step(step.id, 'running');
  const interrupted = (): RunStatus => {
    recorder.step(step.id, 'failed', 'interrupted');
    return 'interrupted';
  };
  for (let attempt = 0; ; attempt++) {
    try {
      const done = step.isDone ? await step.isDone(ctx) : false;
      // An isDone that swallowed the abort must not let the step's changes start.
      if (base.signal.aborted && !done) return interrupted();
      if (done) {
        const reason = typeof done === 'string' ? done : 'already done';
        recorder.facts({ ...base.facts });
        recorder.step(step.id, 'skipped', reason);
        onEvent({
          type: 'step-skipped',
          stage: stage.id,
          step: step.id,
          title: step.title,
          reason,
        });
        return 'done';
      }
      await step.run(ctx);
      recorder.facts({ ...base.facts });
      recorder.step(step.id, 'done');
      onEvent({
        type: 'step-done',
        stage: stage.id,
        step: step.id,
        title: step.title,
        durationMs: Date.now() - started,
      });
      return 'done';
    } catch (error) {
      // Whatever the step threw once the run was stopped, the stop is why.
      if (base.signal.aborted) return interrupted();
      if (isTransient(error) && attempt < base.timing.retries) {
        const delayMs = backoff(attempt, base.timing.retryBaseMs);
        onEvent({
          type: 'step-retry',
          step: step.id,
          attempt: attempt + 1,
          delayMs,
          error: describe(error),
        });
        try {
          await sleep(delayMs, base.signal);
        } catch {
          return interrupted();
        }
        continue;
      }
      const remedy =
        error instanceof PermanentError
          ? error.remedy
          : isTransient(error)
            ? 'the failure kept coming back; check the connection to the cluster, then resume'
            : undefined;
      recorder.step(step.id, 'failed', describe(error));
      onEvent({
        type: 'step-failed',
        stage: stage.id,
        step: step.id,
        title: step.title,
        error: describe(error),
        remedy,
      });
      return 'failed';
    }
  }
}
