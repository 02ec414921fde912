import { ApiError } from '../kube/api-error.js';
import type { StoreEvent } from '../kube/store.js';
import type { ControllerContext } from '../context.js';

/** `namespace/name` (or just `name` for cluster-scoped objects): what work queues carry. */
export type ObjectId = string;

export function idOf(namespace: string | undefined, name: string): ObjectId {
  return namespace ? `${namespace}/${name}` : name;
}

export function splitId(id: ObjectId): { namespace: string | undefined; name: string } {
  const slash = id.indexOf('/');
  return slash < 0
    ? { namespace: undefined, name: id }
    : { namespace: id.slice(0, slash), name: id.slice(slash + 1) };
}

/** Kubernetes timestamps have second precision. */
export function timestamp(date = new Date()): string {
  return date.toISOString().replace(/\.\d+Z$/, 'Z');
}

/**
 * What every controller shares: timers, store subscriptions and work queues that all
 * end when the cluster stops, and one place that reports reconcile errors.
 */
export class Kit {
  private readonly cancels = new Set<() => void>();
  private stopped = false;

  constructor(readonly ctx: ControllerContext) {}

  get store() {
    return this.ctx.store;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  /**
   * Runs `fn` after `ms` simulated milliseconds. `minRealMs` keeps repeating work
   * (retries, back-offs, deadlines) from spinning when the timescale is 0.
   */
  after(ms: number, fn: () => void, minRealMs = 0): () => void {
    if (this.stopped) return () => {};
    let cancelTimer: () => void;
    const run = () => {
      this.cancels.delete(cancel);
      if (!this.stopped) this.guard('timer', fn);
    };
    if (this.ctx.lab.clock.scaled(ms) >= minRealMs) {
      cancelTimer = this.ctx.lab.clock.after(ms, run);
    } else {
      const timer = setTimeout(run, minRealMs);
      timer.unref();
      cancelTimer = () => clearTimeout(timer);
    }
    const cancel = () => {
      cancelTimer();
      this.cancels.delete(cancel);
    };
    this.cancels.add(cancel);
    return cancel;
  }

  /** Every store event, until stop. */
  subscribe(listener: (e: StoreEvent) => void): void {
    const off = this.store.subscribe((e) => {
      if (!this.stopped) this.guard(`event ${e.key}`, () => listener(e));
    });
    this.cancels.add(off);
  }

  onFaultsChange(listener: () => void): void {
    const off = this.ctx.lab.faults.onChange(() => {
      if (!this.stopped) this.guard('faults', listener);
    });
    this.cancels.add(off);
  }

  /**
   * A de-duplicating work queue: ids added while a batch is pending are reconciled
   * once, a moment later, from the store's state at that time (level-triggered).
   */
  queue(name: string, reconcile: (id: ObjectId) => void): (id: ObjectId) => void {
    const pending = new Set<ObjectId>();
    let scheduled = false;
    const drain = () => {
      scheduled = false;
      if (this.stopped) return;
      const batch = [...pending];
      pending.clear();
      for (const id of batch) this.guard(`${name} ${id}`, () => reconcile(id));
    };
    return (id) => {
      if (this.stopped) return;
      pending.add(id);
      if (scheduled) return;
      scheduled = true;
      setImmediate(drain);
    };
  }

  /** Runs `fn`; an object that vanished meanwhile is fine, anything else is logged. */
  guard(what: string, fn: () => void): void {
    try {
      fn();
    } catch (e) {
      if (e instanceof ApiError && (e.code === 404 || e.code === 409)) return;
      this.ctx.lab.log(`[${this.ctx.spec.name}] controller ${what}: ${(e as Error).message}`);
    }
  }

  stop(): void {
    this.stopped = true;
    for (const cancel of [...this.cancels]) cancel();
    this.cancels.clear();
  }
}
