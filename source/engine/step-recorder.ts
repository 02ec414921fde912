import type { Facts } from './facts.js';
import type { StageId } from './contract.js';

export type StepStatus = 'running' | 'done' | 'skipped' | 'failed';

/** Where the runner writes progress (the session store); the system stays the truth. */
export interface StepRecorder {
  step(stepId: string, status: StepStatus, message?: string): void;
  stageReached(stage: StageId): void;
  facts(facts: Facts): void;
}

export const noRecorder: StepRecorder = { step: () => {}, stageReached: () => {}, facts: () => {} };
