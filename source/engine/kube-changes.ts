import { ResilientWatch } from '../systems/kube-watch.js';
import type { StepContext } from './contract.js';

export interface WatchedObjects {
  apiVersion: string;
  kind: string;
  namespace: string;
  labelSelector?: string;
}

/**
 * A `wakeOn` for `waitFor`: a watch on the objects a wait's check reads, so the step's
 * progress line moves when they change, as the live panels (fed by watches too) do,
 * rather than up to a poll interval (5 s at most) later. The poll stays as the fallback
 * when a watch is down; the watch restarts by itself.
 */
export function kubeChanges(ctx: StepContext, objects: WatchedObjects) {
  return (wake: () => void): (() => void) => {
    const watch = new ResilientWatch(ctx.systems.kube(), {
      ...objects,
      onChange: wake,
      // The poll goes on meanwhile; the watch retries by itself.
      onError: () => {},
    }).start();
    return () => watch.stop();
  };
}
