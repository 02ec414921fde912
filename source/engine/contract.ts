import type { SessionPlan } from '../session/session-record.js';
/**
 * The engine's contract: what a step is, and the events a run emits. Stages are data built
 * from these; the runner runs them; the line reporter, the UI and the transcript read the
 * events. Nothing here knows who listens.
 */
import type { Config } from '../config/config.js';
import type { Kube } from '../systems/kube.js';
import type { Facts } from './facts.js';
import type { Systems } from '../systems/systems.js';
import type { Timing } from './timing.js';
import type { FleetRow } from './fleet/fleet-row.js';
import type { FleetSystems } from './fleet/fleet-systems.js';

/** Something the user has to do by hand, with a live check that turns green by itself. */
export interface ManualAction {
  title: string;
  lines: string[];
  /** What the user copies (a DNS zone line): the UI shows each whole, outside any border. */
  copy?: string[];
}

/**
 * "Check now" from whoever drives the run (the run screen's `c`): a waiting step looks again
 * at once instead of at its next poll. The driver owns it; steps only listen.
 */
export interface CheckNowRequests {
  /** Calls `listener` on each request; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
}

/** A wait a step has started: what for, and when it gives up (epoch ms). */
export interface WaitStart {
  what: string;
  deadline: number;
}

export interface StepContext {
  readonly config: Config;
  readonly systems: Systems;
  readonly facts: Facts;
  readonly signal: AbortSignal;
  readonly timing: Timing;
  /** Never persisted, never logged. */
  readonly secrets: { bootstrapPassword?: string };
  /** A fleet import's outside world (Rancher's API, the downstream clusters); absent otherwise. */
  readonly fleet?: FleetSystems;
  /** Absent when nobody can ask (the line reporter): waits just poll. */
  readonly checkNow?: CheckNowRequests;
  progress(message: string): void;
  manual(action: ManualAction): void;
  panel(update: PanelUpdate): void;
  /** A wait started (engine/wait.ts says it once per wait). */
  waiting(wait: WaitStart): void;
  /** The wait looked again; `early`: because someone asked it to check now. */
  checked(early: boolean): void;
  /**
   * Writes the facts to the session now (a long step that tracks many items, the fleet
   * import's rows); absent where nothing is recorded.
   */
  persist?(): void;
  /** A fleet import's rows (all at start, then each as it changes), for the table and lines. */
  fleetUpdate?(update: FleetUpdate): void;
}

/** The fleet events a step emits. */
export type FleetUpdate =
  { type: 'fleet-rows'; rows: FleetRow[] } | { type: 'fleet-row'; row: FleetRow };

/** One line of the runbook: what a change-control board reads. */
export type RunbookItem =
  | {
      kind: 'command';
      argv: string[];
      /** Commands its output is piped to, in order (`… -o yaml | kubectl apply -f -`). */
      pipeTo?: string[][];
      note?: string;
    }
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

export type StageId =
  | 'cluster'
  | 'helm'
  | 'certificates'
  | 'ingress'
  | 'rancher'
  | 'finish'
  // The uninstall's stages.
  | 'uninstall-check'
  | 'remove-rancher'
  | 'remove-ingress'
  | 'remove-cluster'
  | 'remove-dns'
  // The upgrade's.
  | 'upgrade-check'
  | 'upgrade-rancher'
  | 'upgrade-ingress'
  // The certificate rotation's.
  | 'rotate-check'
  | 'rotate-certs'
  // The fleet import's.
  | 'import-check'
  | 'import-clusters';

export interface Stage {
  id: StageId;
  title: string;
  steps: Step[];
}

/** Data for the live panels; the UI keeps the latest of each kind. */
export type PanelUpdate =
  | {
      kind: 'pks-cluster';
      name: string;
      state: string;
      action: string;
      description: string;
      masterIps: string[];
      plan?: string;
      workers?: number;
      kubernetesVersion?: string;
      uuid?: string;
    }
  | {
      kind: 'dns';
      name: string;
      server: string;
      answers: string[];
      expected?: string;
      ok: boolean;
      checkedAt: string;
    }
  | {
      kind: 'virtual-server';
      service: string;
      /** Every address NCP reported, in its order. */
      ips: string[];
      /** The one the DNS record needs (outside NSX-T's 100.64.0.0/10 transit range). */
      dnsIp?: string;
      members: string[];
      error?: string;
      /** Virtual servers the cluster's load balancer carries, and what its size holds. */
      virtualServers?: { used: number; lbSize: string; capacity?: number };
    }
  | { kind: 'command'; argv: string[]; tail: string[] };

export interface PlanOutline {
  stages: { id: StageId; title: string; steps: { id: string; title: string }[] }[];
}

export type RunEvent =
  | {
      type: 'run-started';
      sessionId: string;
      /** Which plan runs (install, uninstall, …): the screens name it. */
      plan: SessionPlan;
      outline: PlanOutline;
      resumed: boolean;
    }
  | { type: 'stage-started'; stage: StageId; title: string }
  | { type: 'step-started'; stage: StageId; step: string; title: string }
  | { type: 'step-skipped'; stage: StageId; step: string; title: string; reason: string }
  | { type: 'step-progress'; step: string; message: string }
  /** The step waits for something: what, and when it gives up (epoch ms) unless it shows. */
  | { type: 'wait-started'; step: string; what: string; deadline: number }
  /** The waiting step looked again; `early`: because someone asked it to check now. */
  | { type: 'wait-checked'; step: string; early: boolean }
  | { type: 'step-retry'; step: string; attempt: number; delayMs: number; error: string }
  | { type: 'step-done'; stage: StageId; step: string; title: string; durationMs: number }
  | {
      type: 'step-failed';
      stage: StageId;
      step: string;
      title: string;
      error: string;
      remedy?: string;
    }
  | ({ type: 'manual-action'; step: string } & ManualAction)
  | { type: 'panel'; step: string; panel: PanelUpdate }
  | { type: 'stage-done'; stage: StageId; title: string; durationMs: number }
  | { type: 'run-finished'; status: 'done' | 'failed' | 'interrupted'; durationMs: number }
  /** The cluster's API client, once credentials work, and the namespace the live panels watch. */
  | { type: 'kube-ready'; kube: Kube; namespace: string }
  /** A fleet import's rows as it starts (or resumes), then each row as it changes. */
  | { type: 'fleet-rows'; rows: FleetRow[] }
  | { type: 'fleet-row'; row: FleetRow };

export type RunEventListener = (event: RunEvent) => void;
