import { PermanentError } from '../../systems/errors.js';
import type { Systems } from '../../systems/systems.js';
import type { Step, StepContext } from '../contract.js';
import type { Facts } from '../facts.js';

export type UninstallOptions = NonNullable<Facts['uninstall']>;

/** The uninstall's options, as the session keeps them (a resume does what the first run did). */
export function uninstallOptions(ctx: Pick<StepContext, 'facts'>): UninstallOptions {
  return ctx.facts.uninstall ?? { deleteCluster: false, all: false, force: false };
}

/**
 * Whether something goes: what the install recorded making, or anything with --all. A
 * reason string (for the runner's "skipped") when it stays.
 */
export function ours(
  ctx: Pick<StepContext, 'facts'>,
  created: 'createdNetworkProfile' | 'createdCluster' | 'createdNamespace',
  what: string,
): true | string {
  if (uninstallOptions(ctx).all || ctx.facts[created]) return true;
  return `${what} existed before the install: kept (--all deletes it too)`;
}

/** One look per run: is the PKS cluster still there (and not being deleted)? */
const present = new WeakMap<Systems, Promise<boolean>>();

export function clusterPresent(ctx: StepContext): Promise<boolean> {
  let known = present.get(ctx.systems);
  if (!known) {
    known = ctx.systems.pks
      .cluster(ctx.config.pks.cluster)
      .then((c) => c !== undefined && c.lastAction !== 'DELETE');
    // A failed look is not an answer: the next step asks again.
    known.catch(() => present.delete(ctx.systems));
    present.set(ctx.systems, known);
  }
  return known;
}

/** Forgets the answer (after the cluster was deleted in this run). */
export function forgetClusterPresence(ctx: StepContext): void {
  present.delete(ctx.systems);
}

const clusterGone = 'the PKS cluster is gone, and everything in it';

/**
 * A step inside the cluster: skipped when the cluster is gone (a re-run after
 * --delete-cluster changes nothing and needs no API).
 */
export function inCluster(step: Step): Step {
  return {
    ...step,
    async isDone(ctx) {
      if (!(await clusterPresent(ctx))) return clusterGone;
      return step.isDone ? step.isDone(ctx) : false;
    },
  };
}

/** The one refusal every destructive step shares: downstream clusters need --force. */
export function refuse(message: string, remedy: string): never {
  throw new PermanentError(message, remedy);
}
