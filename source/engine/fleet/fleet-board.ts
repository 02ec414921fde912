import type { Inventory } from '../../config/inventory.js';
import { redactText } from '../../shared/redact.js';
import type { FleetUpdate } from '../contract.js';
import type { FleetFacts, FleetRowFacts } from './fleet-facts.js';
import type { FleetRow } from './fleet-row.js';

/** The import URL carries the registration token (`/v3/import/<token>_<clusterId>.yaml`). */
const importUrlToken = /\/v3\/import\/[^\s"'/]+/g;

/** An error line safe for the session, the transcript and the screen. */
export function safeLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return redactText(line).replace(importUrlToken, '/v3/import/<redacted>.yaml').slice(0, 300);
}

/**
 * The fleet's rows: the one place they change. Each change goes to the facts (so the session
 * keeps it), out as a `fleet-row` event, and to disk coalesced — at most one session write per
 * `persistEveryMs`: a kill loses at most that much, and resume asks Rancher anyway.
 */
export class FleetBoard {
  readonly #rows = new Map<string, FleetRow>();
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly facts: FleetFacts,
    inventory: Inventory,
    private readonly emit: (update: FleetUpdate) => void,
    private readonly persist: () => void,
    private readonly persistEveryMs = 250,
    private readonly now: () => number = Date.now,
  ) {
    for (const row of inventory.rows) {
      const kept = facts.rows[row.name];
      const mode = row.access.kind === 'offline' ? 'offline' : 'push';
      const site = row.labels.site;
      const fleetRow: FleetRow = kept
        ? { name: row.name, ...kept, mode }
        : { name: row.name, mode, state: 'queued', step: 'waiting its turn', attempts: 0 };
      if (site) fleetRow.site = site;
      this.#rows.set(row.name, fleetRow);
      facts.rows[row.name] = factsOf(fleetRow);
    }
  }

  all(): FleetRow[] {
    return [...this.#rows.values()];
  }

  get(name: string): FleetRow {
    const row = this.#rows.get(name);
    if (!row) throw new Error(`no fleet row ${name}`);
    return row;
  }

  /** Everyone's rows at once (start, resume). */
  announce(): void {
    this.emit({ type: 'fleet-rows', rows: this.all().map((r) => ({ ...r })) });
  }

  update(name: string, change: Partial<Omit<FleetRow, 'name' | 'mode'>>): FleetRow {
    const previous = this.get(name);
    const row: FleetRow = { ...previous, ...change };
    if (change.lastError !== undefined) row.lastError = safeLine(change.lastError);
    if (change.state && change.state !== previous.state) {
      if (previous.state === 'queued' && row.startedAt === undefined) row.startedAt = this.now();
      if (change.state === 'active' || change.state === 'failed' || change.state === 'removed')
        row.finishedAt = this.now();
    }
    // A row that settled well needs neither an old error nor a fix.
    if (row.state === 'active') {
      delete row.fix;
      delete row.lastError;
    }
    for (const key of Object.keys(row) as (keyof FleetRow)[])
      if (row[key] === undefined) delete row[key];
    this.#rows.set(name, row);
    this.facts.rows[name] = factsOf(row);
    this.emit({ type: 'fleet-row', row: { ...row } });
    this.#schedule();
    return row;
  }

  /** A row starts over (resume, a re-check): its history but not its verdict. */
  requeue(name: string, step = 'waiting its turn'): void {
    const row = this.get(name);
    const { fix: _fix, finishedAt: _finished, ...rest } = row;
    this.#rows.set(name, { ...rest, state: 'queued', step });
    this.update(name, {});
  }

  /** Writes now (the end of a stage, a stop). */
  flush(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.persist();
  }

  #schedule(): void {
    if (this.persistEveryMs <= 0) return this.persist();
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      this.persist();
    }, this.persistEveryMs);
  }
}

function factsOf(row: FleetRow): FleetRowFacts {
  const { name: _name, ...rest } = row;
  return { ...rest };
}
