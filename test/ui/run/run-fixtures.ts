import type { PlanOutline, RunEvent } from '../../../source/engine/contract.js';
import { initialRunState, runReducer, type RunState } from '../../../source/ui/run/run-state.js';

/** A plan outline shaped like the real one, shorter. */
export const outline: PlanOutline = {
  stages: [
    {
      id: 'cluster',
      title: 'PKS cluster',
      steps: [
        { id: 'cluster.login', title: 'PKS CLI logged in' },
        { id: 'cluster.create', title: 'Create the cluster' },
        { id: 'cluster.provisioned', title: 'Wait for provisioning' },
        { id: 'cluster.dns', title: 'API hostname resolves' },
      ],
    },
    {
      id: 'helm',
      title: 'Helm',
      steps: [
        { id: 'helm.detect', title: 'Detect Helm' },
        { id: 'helm.repos', title: 'Chart repositories' },
      ],
    },
    {
      id: 'ingress',
      title: 'Ingress',
      steps: [
        { id: 'ingress.controller', title: 'ingress-nginx controller (DaemonSet)' },
        { id: 'ingress.vip', title: 'NSX-T virtual-server IP' },
        { id: 'ingress.dns', title: 'Rancher hostname resolves' },
        { id: 'ingress.https', title: 'HTTPS serves the certificate (trusted)' },
      ],
    },
    {
      id: 'rancher',
      title: 'Rancher',
      steps: [{ id: 'rancher.install', title: 'helm upgrade --install rancher' }],
    },
  ],
};

/** Folds events into state, one second apart from t = 1000. */
export function fold(events: RunEvent[], state: RunState = initialRunState(outline)): RunState {
  return events.reduce(
    (s, event, i) => runReducer(s, { type: 'event', event, at: 1000 * (i + 1) }),
    state,
  );
}

export const started: Extract<RunEvent, { type: 'run-started' }> = {
  type: 'run-started',
  sessionId: 's-123',
  plan: 'install',
  outline,
  resumed: false,
};

export function stepStarted(stage: 'cluster' | 'helm' | 'ingress' | 'rancher', step: string) {
  const title = outline.stages.find((s) => s.id === stage)!.steps.find((t) => t.id === step)!.title;
  return { type: 'step-started', stage, step, title } as const;
}

export function stepDone(stage: 'cluster' | 'helm' | 'ingress' | 'rancher', step: string) {
  const title = outline.stages.find((s) => s.id === stage)!.steps.find((t) => t.id === step)!.title;
  return { type: 'step-done', stage, step, title, durationMs: 1500 } as const;
}

export function stepSkipped(stage: 'cluster' | 'helm' | 'ingress' | 'rancher', step: string) {
  const title = outline.stages.find((s) => s.id === stage)!.steps.find((t) => t.id === step)!.title;
  return { type: 'step-skipped', stage, step, title, reason: 'already done' } as const;
}

export function stageStarted(stage: 'cluster' | 'helm' | 'ingress' | 'rancher') {
  const title = outline.stages.find((s) => s.id === stage)!.title;
  return { type: 'stage-started', stage, title } as const;
}

export function stageDone(stage: 'cluster' | 'helm' | 'ingress' | 'rancher') {
  const title = outline.stages.find((s) => s.id === stage)!.title;
  return { type: 'stage-done', stage, title, durationMs: 60_000 } as const;
}

/** Every step of a stage done, with the stage's start and end. */
export function wholeStage(stage: 'cluster' | 'helm' | 'ingress' | 'rancher'): RunEvent[] {
  const steps = outline.stages.find((s) => s.id === stage)!.steps;
  return [
    stageStarted(stage),
    ...steps.flatMap((t) => [stepStarted(stage, t.id), stepDone(stage, t.id)]),
    stageDone(stage),
  ];
}
