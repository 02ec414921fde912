import type { PodRow } from '../panels/cluster-snapshot.js';
import type { DnsCheckView } from '../panels/panel-data.js';
import type { RunState, StageRow } from './run-state.js';
import { leadingApp, panelsForStage } from './stage-panels.js';

/** The stage the live area is about: the one running, failed or interrupted. */
export function liveStage(state: RunState): StageRow | undefined {
  return state.stages.find(
    (s) => s.status === 'running' || s.status === 'failed' || s.status === 'interrupted',
  );
}

/** Stages still to come, after the live one. */
export function pendingStages(state: RunState): StageRow[] {
  return state.stages.filter((s) => s.status === 'pending');
}

/** The live check of the manual action: the latest DNS answer its own step looked at. */
export function manualCheck(state: RunState): DnsCheckView | undefined {
  const step = state.manual?.step;
  if (step === undefined) return undefined;
  return Object.values(state.panels.dns)
    .filter((d) => d.step === step)
    .sort((a, b) => a.checkedAt.localeCompare(b.checkedAt))
    .at(-1);
}

/** Whether the live stage shows pods (then `p` gives them the screen). */
export function podsOnShow(state: RunState): boolean {
  return Boolean(state.cluster) && panelsForStage(liveStage(state)?.id).includes('pods');
}

/** "stage 3/6": where the live stage is in the plan. */
export function stagePosition(state: RunState): { index: number; total: number } | undefined {
  const live = liveStage(state);
  if (!live) return undefined;
  return { index: state.stages.indexOf(live) + 1, total: state.stages.length };
}

/** The snapshot's pods, those of the stage's own app (Rancher) first. */
export function podsInStageOrder(state: RunState): PodRow[] {
  const pods = state.cluster?.pods ?? [];
  const app = leadingApp(liveStage(state)?.id);
  if (!app) return pods;
  return [...pods.filter((p) => p.app === app), ...pods.filter((p) => p.app !== app)];
}
