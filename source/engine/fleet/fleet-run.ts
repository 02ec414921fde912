import { PermanentError } from '../../systems/errors.js';
import type { StepContext } from '../contract.js';
import { commandLine } from '../../invocation.js';
import { FleetBoard } from './fleet-board.js';
import type { FleetFacts } from './fleet-facts.js';
import type { FleetSystems } from './fleet-systems.js';

/** One run of the import: its rows and systems, shared by the steps of both stages. */
export interface FleetRun {
  facts: FleetFacts;
  systems: FleetSystems;
  board: FleetBoard;
}

// Keyed by the run's facts object: every step of one run sees the same one.
const runs = new WeakMap<object, FleetRun>();

/** Coalesces session writes: at most one per this many ms (measured: see fleet-board.ts). */
export const persistEveryMs = 200;

export function fleetRunOf(ctx: StepContext): FleetRun {
  const known = runs.get(ctx.facts);
  if (known) return known;
  const facts = ctx.facts.fleet;
  const systems = ctx.fleet;
  if (!facts || !systems)
    throw new PermanentError(
      'this session has no fleet to import (no inventory in its facts, or no Rancher access)',
      `start the import with ${commandLine('import', '--inventory', 'FILE')}`,
    );
  const board = new FleetBoard(
    facts,
    systems.inventory,
    (update) => ctx.fleetUpdate?.(update),
    () => ctx.persist?.(),
    persistEveryMs,
  );
  const run = { facts, systems, board };
  runs.set(ctx.facts, run);
  board.announce();
  return run;
}
