import { z } from 'zod';
import type { Config } from '../config/config.js';
import { answersSchema } from '../config/schema.js';
import { factsSchema, type Facts } from '../engine/facts.js';

export const STEP_STATUSES = ['pending', 'running', 'done', 'skipped', 'failed'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

export const SESSION_STATUSES = ['running', 'failed', 'done', 'interrupted'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];
/** The statuses a run ends in. */
export type FinalSessionStatus = Exclude<SessionStatus, 'running'>;

/** Timestamps are ISO-8601 UTC strings: JSON-native and sortable as text. */
export interface StepState {
  status: StepStatus;
  startedAt?: string;
  finishedAt?: string;
  message?: string;
}

/** What a session runs: the install, or a day-2 plan on the same runner. */
export const SESSION_PLANS = [
  'install',
  'migrate-ingress',
  'uninstall',
  'upgrade',
  'import',
  'rotate-certs',
] as const;
export type SessionPlan = (typeof SESSION_PLANS)[number];

/** The file format (`<id>.json`). `version` lets a later release migrate old sessions. */
export type SessionRecord = {
  version: 1;
  id: string;
  /** Absent in sessions written before plans had names: the install. */
  plan?: SessionPlan;
  /** Started with --demo: it ran against the lab inside that process, which ended with it. */
  demo?: boolean;
  /**
   * The validated answers (config): TLS material as file PATHS, never contents; no
   * passwords (the guard throws). Validated again on load.
   */
  answers: Config;
  steps: Record<string, StepState>;
  stageReached?: string;
  status: SessionStatus;
  createdAt: string;
  updatedAt: string;
  facts: Facts;
};

const stepStateSchema = z.object({
  status: z.enum(STEP_STATUSES),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  message: z.string().optional(),
});

/** Parses a session file at the edge, so a hand-edited or truncated file fails clearly. */
export const sessionRecordSchema = z.object({
  version: z.literal(1),
  id: z.string(),
  plan: z.enum(SESSION_PLANS).optional(),
  demo: z.boolean().optional(),
  answers: answersSchema,
  steps: z.record(z.string(), stepStateSchema),
  stageReached: z.string().optional(),
  status: z.enum(SESSION_STATUSES),
  createdAt: z.string(),
  updatedAt: z.string(),
  facts: factsSchema,
});
