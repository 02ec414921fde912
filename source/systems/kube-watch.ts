import { Watch } from '@kubernetes/client-node';
import { collectionPath, type Kube, type KubeObject } from './kube.js';

export interface WatchOptions<T extends KubeObject> {
  apiVersion: string;
  kind: string;
  namespace?: string;
  labelSelector?: string;
  /** Re-list when no event came for this long (a watch can go silently dead). */
  quietMs?: number;
  onChange(items: T[]): void;
  onError?(error: unknown): void;
}

function keyOf(o: KubeObject): string {
  return `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
}

/**
 * List-then-watch that never gives up: client-node 1.x watches end on errors and
 * informers stop on some of them, so this restarts with backoff, re-lists on 410
 * Gone, and re-lists when a watch goes quiet for too long.
 */
export class ResilientWatch<T extends KubeObject> {
  private readonly cache = new Map<string, T>();
  private stopped = false;
  private controller?: AbortController;
  private quietTimer?: NodeJS.Timeout;
  private retryTimer?: NodeJS.Timeout;
  private failures = 0;
  private generation = 0;

  constructor(
    private readonly kube: Kube,
    private readonly options: WatchOptions<T>,
  ) {}

  /** A stopped run (the Kube's signal) ends the watch too. */
  private readonly onAbort = () => this.stop();

  start(): this {
    if (this.kube.signal?.aborted) {
      this.stopped = true;
      return this;
    }
    this.kube.signal?.addEventListener('abort', this.onAbort, { once: true });
    void this.cycle();
    return this;
  }

  stop(): void {
    this.kube.signal?.removeEventListener('abort', this.onAbort);
    this.stopped = true;
    clearTimeout(this.quietTimer);
    clearTimeout(this.retryTimer);
    this.controller?.abort();
  }

  items(): T[] {
    return [...this.cache.values()];
  }

  private emit(): void {
    this.options.onChange(this.items());
  }

  private async cycle(): Promise<void> {
    if (this.stopped) return;
    const generation = ++this.generation;
    try {
      const { items, resourceVersion } = await this.kube.list<T>(
        this.options.apiVersion,
        this.options.kind,
        {
          namespace: this.options.namespace,
          labelSelector: this.options.labelSelector,
        },
      );
      if (this.stopped || generation !== this.generation) return;
      this.cache.clear();
      for (const item of items) this.cache.set(keyOf(item), item);
      this.emit();
      await this.watchFrom(resourceVersion, generation);
      this.failures = 0;
    } catch (e) {
      this.options.onError?.(e);
      this.restart(generation);
    }
  }

  private restart(generation: number): void {
    if (this.stopped || generation !== this.generation) return;
    clearTimeout(this.quietTimer);
    this.controller?.abort();
    const delay = Math.min(10_000, 250 * 2 ** this.failures++);
    this.retryTimer = setTimeout(() => void this.cycle(), delay);
    this.retryTimer.unref();
  }

  private armQuietTimer(generation: number): void {
    clearTimeout(this.quietTimer);
    this.quietTimer = setTimeout(() => this.restart(generation), this.options.quietMs ?? 60_000);
    this.quietTimer.unref();
  }

  private async watchFrom(resourceVersion: string, generation: number): Promise<void> {
    const path = collectionPath(this.options.apiVersion, this.options.kind, this.options.namespace);
    const params: Record<string, string> = { allowWatchBookmarks: 'true' };
    if (resourceVersion) params.resourceVersion = resourceVersion;
    if (this.options.labelSelector) params.labelSelector = this.options.labelSelector;
    this.armQuietTimer(generation);
    const controller = await new Watch(this.kube.config).watch(
      path,
      params,
      (phase: string, obj: T) => {
        if (generation !== this.generation) return;
        this.armQuietTimer(generation);
        if (phase === 'ERROR') return this.restart(generation); // 410 Gone and friends: re-list
        if (phase === 'BOOKMARK') return;
        if (phase === 'DELETED') this.cache.delete(keyOf(obj));
        else this.cache.set(keyOf(obj), obj);
        this.emit();
      },
      (err: unknown) => {
        if (err) this.options.onError?.(err);
        this.restart(generation);
      },
    );
    // Stopped (or restarted) while the request was being made: nothing else would end it,
    // and an open watch keeps the process alive.
    if (this.stopped || generation !== this.generation) controller.abort();
    else this.controller = controller;
  }
}
