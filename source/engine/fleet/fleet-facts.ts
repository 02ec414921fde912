import { z } from 'zod';
import { FLEET_STATES } from './fleet-row.js';

/**
 * A fleet import's options and rows, kept in the session so `resume` re-reads the same
 * inventory and continues each row. Never a token: names, states, Rancher's cluster IDs.
 */
export const fleetRowFactsSchema = z.object({
  state: z.enum(FLEET_STATES),
  mode: z.enum(['push', 'offline']),
  site: z.string().optional(),
  step: z.string(),
  clusterId: z.string().optional(),
  attempts: z.number().int(),
  lastError: z.string().optional(),
  fix: z.string().optional(),
  startedAt: z.number().optional(),
  finishedAt: z.number().optional(),
});
export type FleetRowFacts = z.infer<typeof fleetRowFactsSchema>;

export const fleetFactsSchema = z.object({
  /** The install session whose Rancher the clusters join. */
  of: z.string().optional(),
  /** The inventory file (absolute), or `--from-pks PATTERN`. */
  inventory: z.string(),
  concurrency: z.number().int().positive(),
  podIpBlockPrefix: z.number().int().optional(),
  /** `--rancher-url` / `--rancher-ca` when given (else the install's hostname and CA). */
  rancherUrl: z.string().optional(),
  rancherCa: z.string().optional(),
  /** The label value marking the clusters this tool created (`rancher-pks-tui/imported-by`). */
  marker: z.string(),
  /** Namespaces one import adds to Rancher's cluster: assumed until the first import measures it. */
  namespacesPerImport: z.number().int().nonnegative().optional(),
  namespacesMeasured: z.boolean().optional(),
  rows: z.record(z.string(), fleetRowFactsSchema),
});
export type FleetFacts = z.infer<typeof fleetFactsSchema>;
