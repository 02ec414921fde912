import { throttle } from '../run/throttle.js';
import type { FleetEvent } from './fleet-table-state.js';

/** Frames a second the import's screen draws at most (renderUntilExit's `maxFps`). */
export const fleetMaxFps = 15;

/** The table's rows change at most this often: Ink draws a frame per React commit. */
export const fleetFlushMs = 1000 / fleetMaxFps;

export interface FleetBatcher {
  /** Queues an event; the queue goes out now if the last batch was long enough ago, else soon. */
  push(event: FleetEvent): void;
  /** Sends what is queued now (before another event, so the order holds). */
  flush(): void;
  /** Drops what is queued (the screen is going). */
  cancel(): void;
}

/**
 * Collects fleet events and hands them over in batches, at most one per `intervalMs`, the
 * last one never lost: 500 clusters changing state make hundreds of events a second, and
 * one render per event would keep a core busy for nothing the eye can follow.
 */
export function fleetBatcher(
  deliver: (events: FleetEvent[]) => void,
  intervalMs = fleetFlushMs,
  clock: () => number = Date.now,
): FleetBatcher {
  let pending: FleetEvent[] = [];
  const send = () => {
    if (pending.length === 0) return;
    const events = pending;
    pending = [];
    deliver(events);
  };
  const throttled = throttle(send, intervalMs, clock);
  return {
    push(event) {
      pending.push(event);
      throttled.request();
    },
    flush() {
      throttled.cancel();
      send();
    },
    cancel() {
      throttled.cancel();
      pending = [];
    },
  };
}
