import type { PanelUpdate } from '../../engine/contract.js';

/** What the panels show: the runner's panel updates, plus where each came from. */
export type PksClusterView = Extract<PanelUpdate, { kind: 'pks-cluster' }>;
export type VirtualServerView = Extract<PanelUpdate, { kind: 'virtual-server' }>;

/** One DNS check, remembered with the step that made it (its manual action's live check). */
export type DnsCheckView = Extract<PanelUpdate, { kind: 'dns' }> & { step: string };

/** The tail of the running helm/pks command. */
export interface CommandView {
  argv: string[];
  /** Finished lines, oldest first, at most `commandTailLines`. */
  lines: string[];
  /** The line being written (no newline yet); shown after `lines`. */
  partial: string;
  /** The step that ran it, so the tail goes away with the step. */
  step?: string;
}

export const commandTailLines = 8;
