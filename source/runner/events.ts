import type { StageId } from '../plan/step.js';

/** Data for the live panels; the UI keeps the latest of each kind. */
export type PanelUpdate =
  | {
      kind: 'pks-cluster';
      name: string;
      state: string;
      action: string;
      description: string;
      masterIps: string[];
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
  | { type: 'run-started'; sessionId: string; outline: PlanOutline; resumed: boolean }
  | { type: 'stage-started'; stage: StageId; title: string }
  | { type: 'step-started'; stage: StageId; step: string; title: string }
  | { type: 'step-skipped'; stage: StageId; step: string; title: string; reason: string }
  | { type: 'step-progress'; step: string; message: string }
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
  | { type: 'manual-action'; step: string; title: string; lines: string[] }
  | { type: 'panel'; step: string; panel: PanelUpdate }
  | { type: 'stage-done'; stage: StageId; title: string; durationMs: number }
  | { type: 'run-finished'; status: 'done' | 'failed' | 'interrupted'; durationMs: number };

export type RunEventListener = (event: RunEvent) => void;
