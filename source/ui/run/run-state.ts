import type { SessionPlan } from '../../session/session-record.js';
import type { StageId } from '../../engine/contract.js';
import type { PanelUpdate, PlanOutline, RunEvent } from '../../engine/contract.js';
import type { ClusterSnapshot } from '../panels/cluster-snapshot.js';
import {
  commandTailLines,
  type CommandView,
  type DnsCheckView,
  type PksClusterView,
  type VirtualServerView,
} from '../panels/panel-data.js';
import { appendCommandOutput } from './command-tail.js';
import {
  emptyFleetTable,
  fleetClosing,
  fleetTableReducer,
  type FleetClosing,
  type FleetEvent,
  type FleetTableState,
} from '../fleet/fleet-table-state.js';
import { panelsForStage } from './stage-panels.js';

export type StageRowStatus =
  'pending' | 'running' | 'done' | 'failed' | 'skipped-all' | 'interrupted';
export type StepRowStatus = 'pending' | 'running' | 'done' | 'skipped' | 'failed' | 'interrupted';

export interface StepRow {
  id: string;
  title: string;
  status: StepRowStatus;
  startedAt?: number;
  durationMs?: number;
  /** Why it was skipped ("already done", "not needed with Helm 3"). */
  note?: string;
  /** What it last said it found or did (the VIP, the release), kept once it ends. */
  found?: string;
  /** Retries of transient errors so far. */
  retries: number;
}

export interface StageRow {
  id: StageId;
  title: string;
  status: StageRowStatus;
  startedAt?: number;
  durationMs?: number;
  steps: StepRow[];
  /** A fleet import's stage, finished: its counts and failed rows, printed with it. */
  fleet?: FleetClosing;
}

export interface RetryState {
  step: string;
  attempt: number;
  delayMs: number;
  error: string;
  at: number;
}

/** A step waiting for something: until when, and when it last looked. */
export interface WaitState {
  step: string;
  what: string;
  /** When it gives up (epoch ms). */
  deadline: number;
  /** When it last looked (after a check-now, the look it asked for). */
  checkedAt?: number;
  /** When the user asked it to check now, until it has. */
  askedAt?: number;
}

export interface ManualActionState {
  step: string;
  title: string;
  lines: string[];
  /** Shown whole, outside the box, to be copied. */
  copy?: string[];
}

export interface RunFailure {
  stage: StageId;
  step: string;
  title: string;
  error: string;
  remedy?: string;
}

export interface PanelsState {
  pksCluster?: PksClusterView;
  /** The latest check of each name, in the order the names were first checked. */
  dns: Record<string, DnsCheckView>;
  virtualServer?: VirtualServerView;
  command?: CommandView;
}

export type RunScreenStatus = 'idle' | 'running' | 'done' | 'failed' | 'interrupted';

export interface RunState {
  status: RunScreenStatus;
  sessionId?: string;
  /** The plan that runs, once it started (install until then). */
  plan?: SessionPlan;
  resumed: boolean;
  startedAt?: number;
  durationMs?: number;
  /** The clock the elapsed times are drawn with (the last tick or event). */
  now: number;
  stages: StageRow[];
  /**
   * Stages in the order they finished, each once: what `<Static>` prints. Only ever
   * appended, even when a retry runs the plan again, so nothing prints twice.
   */
  finished: StageRow[];
  current?: { stage: StageId; step: string };
  progress?: { step: string; message: string };
  retry?: RetryState;
  wait?: WaitState;
  manual?: ManualActionState;
  panels: PanelsState;
  cluster?: ClusterSnapshot;
  failure?: RunFailure;
  /** A fleet import's rows (ui/fleet/): the live table's. */
  fleet: FleetTableState;
}

export type RunAction =
  | { type: 'event'; event: RunEvent; at: number }
  | { type: 'cluster'; snapshot: ClusterSnapshot }
  | { type: 'command-output'; argv: string[]; chunk: string }
  /** Fleet events, batched (ui/fleet/fleet-batch.ts): one state change for many rows. */
  | { type: 'fleet'; events: FleetEvent[] }
  /** The user asked the waiting step to check now (the run screen's `c`). */
  | { type: 'check-now'; at: number }
  | { type: 'tick'; now: number };

function stagesOf(outline: PlanOutline | undefined): StageRow[] {
  return (outline?.stages ?? []).map((s) => ({
    id: s.id,
    title: s.title,
    status: 'pending',
    steps: s.steps.map((t) => ({ id: t.id, title: t.title, status: 'pending', retries: 0 })),
  }));
}

export function initialRunState(outline?: PlanOutline): RunState {
  return {
    status: 'idle',
    resumed: false,
    now: 0,
    stages: stagesOf(outline),
    finished: [],
    panels: { dns: {} },
    fleet: emptyFleetTable,
  };
}

function updateStage(
  state: RunState,
  id: StageId,
  title: string,
  change: (stage: StageRow) => StageRow,
): StageRow[] {
  // Events for a stage the outline did not list still show (a plan without outline).
  const known = state.stages.some((s) => s.id === id);
  const stages = known
    ? state.stages
    : [...state.stages, { id, title, status: 'pending' as const, steps: [] }];
  return stages.map((s) => (s.id === id ? change(s) : s));
}

function updateStep(
  state: RunState,
  stage: StageId,
  step: string,
  title: string,
  change: (step: StepRow) => StepRow,
): StageRow[] {
  return updateStage(state, stage, stage, (s) => {
    const known = s.steps.some((t) => t.id === step);
    const steps = known
      ? s.steps
      : [...s.steps, { id: step, title, status: 'pending' as const, retries: 0 }];
    return { ...s, steps: steps.map((t) => (t.id === step ? change(t) : t)) };
  });
}

/** The stage a step belongs to, for events that only name the step. */
function stageOfStep(state: RunState, step: string): StageId | undefined {
  return state.stages.find((s) => s.steps.some((t) => t.id === step))?.id;
}

function updateStepById(
  state: RunState,
  step: string,
  change: (step: StepRow) => StepRow,
): StageRow[] {
  const stage = stageOfStep(state, step);
  return stage ? updateStep(state, stage, step, step, change) : state.stages;
}

/** The step's last progress message, kept on its row once it ends. */
function foundBy(state: RunState, step: string): { found?: string } {
  return state.progress?.step === step ? { found: state.progress.message } : {};
}

/** What is left behind when a step ends: its manual action, retry notice, wait and command tail go. */
function withoutStepLeftovers(state: RunState, step: string): RunState {
  const panels =
    state.panels.command?.step === step ? { ...state.panels, command: undefined } : state.panels;
  return {
    ...state,
    manual: state.manual?.step === step ? undefined : state.manual,
    retry: state.retry?.step === step ? undefined : state.retry,
    wait: state.wait?.step === step ? undefined : state.wait,
    progress: state.progress?.step === step ? undefined : state.progress,
    panels,
  };
}

function withPanel(panels: PanelsState, step: string, update: PanelUpdate): PanelsState {
  switch (update.kind) {
    case 'pks-cluster':
      return { ...panels, pksCluster: update };
    case 'dns':
      return { ...panels, dns: { ...panels.dns, [update.name]: { ...update, step } } };
    case 'virtual-server':
      return { ...panels, virtualServer: update };
    case 'command':
      return {
        ...panels,
        command: {
          argv: update.argv,
          lines: update.tail.slice(-commandTailLines),
          partial: '',
          step,
        },
      };
  }
}

function finishStage(state: RunState, id: StageId, title: string, durationMs: number): RunState {
  // The fleet table goes with its stage: what stays printed is the counts and the failures.
  const fleet =
    panelsForStage(id).includes('fleet') && state.fleet.rows.size > 0
      ? { fleet: fleetClosing(state.fleet) }
      : {};
  const stages = updateStage(state, id, title, (s) => ({
    ...s,
    ...fleet,
    status:
      s.steps.length > 0 && s.steps.every((t) => t.status === 'skipped') ? 'skipped-all' : 'done',
    durationMs,
  }));
  const stage = stages.find((s) => s.id === id)!;
  const logged = state.finished.some((s) => s.id === id);
  return { ...state, stages, finished: logged ? state.finished : [...state.finished, stage] };
}

/** How long a stage or step ran when it stopped at `at`: the figure the screen then keeps. */
function ranFor(row: { startedAt?: number }, at: number): number | undefined {
  return row.startedAt === undefined ? undefined : Math.max(0, at - row.startedAt);
}

/**
 * Running steps and stages stop where they are when the run is interrupted, their
 * elapsed time frozen at that moment.
 */
function interruptRunning(stages: StageRow[], at: number): StageRow[] {
  return stages.map((s) =>
    s.status !== 'running'
      ? s
      : {
          ...s,
          status: 'interrupted',
          durationMs: ranFor(s, at),
          steps: s.steps.map((t) =>
            t.status === 'running' ? { ...t, status: 'interrupted', durationMs: ranFor(t, at) } : t,
          ),
        },
  );
}

function onEvent(state: RunState, event: RunEvent, at: number): RunState {
  switch (event.type) {
    case 'kube-ready':
      // The client goes to the cluster watch (useClusterWatch), not into this state.
      return state;
    case 'fleet-rows':
    case 'fleet-row':
      // The fleet table's rows (ui/fleet/); the run screen batches these (use-run-state.ts).
      return { ...state, fleet: fleetTableReducer(state.fleet, [event]) };
    case 'run-started':
      // A retry runs the plan again: start afresh, but keep what was printed and the live cluster.
      return {
        ...initialRunState(event.outline),
        status: 'running',
        sessionId: event.sessionId,
        plan: event.plan,
        resumed: event.resumed,
        startedAt: at,
        finished: state.finished,
        cluster: state.cluster,
        // Kept until the engine says the fleet again (it does as it starts): no empty flash.
        fleet: state.fleet,
      };
    case 'stage-started':
      return {
        ...state,
        stages: updateStage(state, event.stage, event.title, (s) => ({
          ...s,
          status: 'running',
          startedAt: at,
          durationMs: undefined,
        })),
      };
    case 'step-started':
      return {
        ...state,
        current: { stage: event.stage, step: event.step },
        progress: undefined,
        stages: updateStep(state, event.stage, event.step, event.title, (t) => ({
          ...t,
          status: 'running',
          startedAt: at,
        })),
      };
    case 'step-skipped':
      return withoutStepLeftovers(
        {
          ...state,
          stages: updateStep(state, event.stage, event.step, event.title, (t) => ({
            ...t,
            status: 'skipped',
            note: event.reason,
            ...foundBy(state, event.step),
            durationMs: ranFor(t, at),
          })),
        },
        event.step,
      );
    case 'step-done':
      return withoutStepLeftovers(
        {
          ...state,
          stages: updateStep(state, event.stage, event.step, event.title, (t) => ({
            ...t,
            status: 'done',
            durationMs: event.durationMs,
            ...foundBy(state, event.step),
          })),
        },
        event.step,
      );
    case 'step-failed': {
      const stages = updateStep(state, event.stage, event.step, event.title, (t) => ({
        ...t,
        status: 'failed',
        durationMs: ranFor(t, at),
      }));
      return {
        ...withoutStepLeftovers(state, event.step),
        // The command's last words usually explain the failure: keep them on screen.
        panels: state.panels,
        // The stage's clock stops at the failure, as the header's does ("failed after 12s").
        stages: stages.map((s) =>
          s.id === event.stage ? { ...s, status: 'failed', durationMs: ranFor(s, at) } : s,
        ),
        failure: {
          stage: event.stage,
          step: event.step,
          title: event.title,
          error: event.error,
          remedy: event.remedy,
        },
      };
    }
    case 'step-progress':
      return {
        ...state,
        progress: { step: event.step, message: event.message },
        // Progress after a retry means the step is working again.
        retry: state.retry?.step === event.step ? undefined : state.retry,
      };
    case 'wait-started':
      return { ...state, wait: { step: event.step, what: event.what, deadline: event.deadline } };
    case 'wait-checked':
      return state.wait?.step === event.step
        ? {
            ...state,
            // A look that ends while a check-now is pending began before it: still pending.
            wait: {
              ...state.wait,
              checkedAt: at,
              askedAt: event.early ? undefined : state.wait.askedAt,
            },
          }
        : state;
    case 'step-retry':
      return {
        ...state,
        retry: { ...event, at },
        // The attempt's wait is over; the next attempt starts its own.
        wait: state.wait?.step === event.step ? undefined : state.wait,
        stages: updateStepById(state, event.step, (t) => ({ ...t, retries: event.attempt })),
      };
    case 'manual-action':
      return {
        ...state,
        manual: {
          step: event.step,
          title: event.title,
          lines: event.lines,
          ...(event.copy ? { copy: event.copy } : {}),
        },
      };
    case 'panel':
      return { ...state, panels: withPanel(state.panels, event.step, event.panel) };
    case 'stage-done':
      return finishStage(state, event.stage, event.title, event.durationMs);
    case 'run-finished':
      return {
        ...state,
        status: event.status,
        durationMs: event.durationMs,
        current: event.status === 'done' ? undefined : state.current,
        wait: undefined,
        stages: event.status === 'interrupted' ? interruptRunning(state.stages, at) : state.stages,
      };
  }
}

/** UI state as a function of what happened: runner events, watch snapshots, output, time. */
export function runReducer(state: RunState, action: RunAction): RunState {
  switch (action.type) {
    case 'event':
      return { ...onEvent(state, action.event, action.at), now: Math.max(state.now, action.at) };
    case 'cluster':
      return { ...state, cluster: action.snapshot };
    case 'command-output':
      return {
        ...state,
        panels: {
          ...state.panels,
          command: appendCommandOutput(
            state.panels.command,
            action.argv,
            action.chunk,
            state.current?.step,
          ),
        },
      };
    case 'fleet':
      return { ...state, fleet: fleetTableReducer(state.fleet, action.events) };
    case 'check-now':
      return state.wait ? { ...state, wait: { ...state.wait, askedAt: action.at } } : state;
    case 'tick':
      return { ...state, now: action.now };
  }
}
