import type { RancherApi, RancherCluster } from '../../systems/rancher-api-types.js';
import { sleep } from '../wait.js';

/** Rancher says `active` when the agent is connected and the cluster ready; other states wait. */
export function isActive(cluster: RancherCluster): boolean {
  return cluster.state.toLowerCase() === 'active';
}

/** Why a cluster is not active yet, from its conditions (`Connected: …`, `Ready: …`). */
export function notActiveReason(cluster: RancherCluster): string {
  const failing = cluster.conditions.filter((c) => c.status.toLowerCase() !== 'true' && c.message);
  const said = failing.map((c) => `${c.type}: ${c.message}`).join('; ');
  return `Rancher says ${cluster.state || 'nothing'}${said ? ` (${said})` : ''}`;
}

export type WatchOutcome =
  { kind: 'active' } | { kind: 'gone' } | { kind: 'timeout'; reason: string } | { kind: 'stopped' };

/** Polls a cluster may be missing from the list before it counts as removed. */
const missingPollsForGone = 3;

interface Waiter {
  clusterId: string;
  deadline: number;
  onState(state: string): void;
  resolve(outcome: WatchOutcome): void;
  lastSeen?: RancherCluster;
  /** Polls it was missing from the list (a list served from a cache can lag a create). */
  missing: number;
}

/**
 * Watches every cluster waiting to turn Active with ONE list call per poll (`GET /v3/clusters`),
 * not one per cluster: 300 waiting clusters cost Rancher one request a poll. Waiting holds no
 * slot of the pool, so the pool keeps importing while agents connect.
 */
export class ActiveWatcher {
  readonly #waiters = new Map<string, Waiter>();
  #running = false;

  constructor(
    private readonly rancher: RancherApi,
    private readonly signal: AbortSignal,
    private readonly pollMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  until(
    name: string,
    clusterId: string,
    deadline: number,
    onState: (state: string) => void,
  ): Promise<WatchOutcome> {
    return new Promise((resolve) => {
      if (this.signal.aborted) return resolve({ kind: 'stopped' });
      this.#waiters.set(name, { clusterId, deadline, onState, resolve, missing: 0 });
      this.#start();
    });
  }

  /** One loop at a time; a waiter that came as the loop was ending starts the next. */
  #start(): void {
    if (this.#running) return;
    this.#running = true;
    void this.#run().finally(() => {
      this.#running = false;
      if (this.#waiters.size > 0) this.#start();
    });
  }

  async #run(): Promise<void> {
    while (this.#waiters.size > 0) {
      if (this.signal.aborted) return this.#settleAll({ kind: 'stopped' });
      let clusters: RancherCluster[] | undefined;
      try {
        clusters = await this.rancher.clusters(this.signal);
      } catch {
        // A list that failed (after the client's own retries) is tried again next poll; the
        // deadlines still hold.
      }
      if (clusters) this.#look(new Map(clusters.map((c) => [c.id, c])));
      for (const [name, waiter] of this.#waiters)
        if (this.now() >= waiter.deadline) {
          this.#waiters.delete(name);
          waiter.resolve({
            kind: 'timeout',
            reason: waiter.lastSeen ? notActiveReason(waiter.lastSeen) : 'Rancher never listed it',
          });
        }
      if (this.#waiters.size === 0) return;
      try {
        await sleep(this.pollMs, this.signal);
      } catch {
        return this.#settleAll({ kind: 'stopped' });
      }
    }
  }

  #look(byId: Map<string, RancherCluster>): void {
    for (const [name, waiter] of this.#waiters) {
      const cluster = byId.get(waiter.clusterId);
      if (!cluster) {
        if (++waiter.missing < missingPollsForGone) continue;
        this.#waiters.delete(name);
        waiter.resolve({ kind: 'gone' });
        continue;
      }
      waiter.missing = 0;
      if (cluster.state !== waiter.lastSeen?.state) waiter.onState(cluster.state);
      waiter.lastSeen = cluster;
      if (isActive(cluster)) {
        this.#waiters.delete(name);
        waiter.resolve({ kind: 'active' });
      }
    }
  }

  #settleAll(outcome: WatchOutcome): void {
    for (const waiter of this.#waiters.values()) waiter.resolve(outcome);
    this.#waiters.clear();
  }
}
