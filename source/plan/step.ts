import type { Config } from '../config/config.js';
import type { Systems } from '../systems/systems.js';
import type { PanelUpdate } from '../runner/events.js';
import type { Timing } from './timing.js';

/** Non-secret values steps discover and later steps use (the VIP, the master IP, …). */
export type Facts = Record<string, string>;

/** Something the user has to do by hand, with a live check that turns green by itself. */
export interface ManualAction {
  title: string;
  lines: string[];
}

export interface StepContext {
  readonly config: Config;
  readonly systems: Systems;
  readonly facts: Facts;
  readonly signal: AbortSignal;
  readonly timing: Timing;
  /** Never persisted, never logged. */
  readonly secrets: { bootstrapPassword?: string };
  progress(message: string): void;
  manual(action: ManualAction): void;
  panel(update: PanelUpdate): void;
}

/** One line of the runbook: what a change-control board reads. */
export type RunbookItem =
  | { kind: 'command'; argv: string[]; note?: string }
  | { kind: 'manifest'; yaml: string; note?: string }
  | { kind: 'manual'; text: string }
  | { kind: 'check'; text: string };

export interface Step {
  id: string;
  title: string;
  /**
   * Looks at the real system (read-only) and says whether the step's outcome is
   * already there; resume and re-runs rely on it. Absent: the step always runs
   * (checks and waits that only read). A string is a reason to skip that is not
   * "already done" (e.g. "not needed with Helm 3").
   */
  isDone?(ctx: StepContext): Promise<boolean | string>;
  run(ctx: StepContext): Promise<void>;
  runbook(config: Config): RunbookItem[];
}

export type StageId = 'cluster' | 'helm' | 'certificates' | 'ingress' | 'rancher' | 'finish';

export interface Stage {
  id: StageId;
  title: string;
  steps: Step[];
}
