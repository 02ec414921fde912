import type { StepContext } from '../contract.js';

type CreatedFact = 'createdNetworkProfile' | 'createdCluster' | 'createdNamespace';

/**
 * Records that the install makes this, before the call that makes it: progress() writes the
 * facts to the session, so a kill between the call and the step's end cannot lose it (an
 * uninstall deletes only what the session says we made). A call that then fails made
 * nothing, and the uninstall finds nothing there to delete.
 */
export function madeByUs(ctx: StepContext, fact: CreatedFact, doing: string): void {
  ctx.facts[fact] = true;
  ctx.progress(doing);
}
