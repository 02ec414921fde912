import Conf from 'conf';
import type { Config } from '../config/config.js';
import type { Facts } from '../engine/facts.js';
import { existsSync, writeFileSync } from 'node:fs';
import { sessionFile } from './paths.js';
import { PRIVATE_FILE_MODE } from './private-files.js';
import { redactText } from '../shared/redact.js';
import { damagedSession } from './session-error.js';
import { assertNoSecrets } from './secret-guard.js';
import {
  sessionRecordSchema,
  type FinalSessionStatus,
  type SessionPlan,
  type SessionRecord,
  type SessionStatus,
  type StepState,
  type StepStatus,
} from './session-record.js';

export type Clock = () => Date;

/**
 * One install run's saved progress. Every mutation is written through at once (conf
 * writes atomically: temp file, fsync, chmod 0600, rename), so a SIGKILL leaves
 * either the previous or the new state, never half a file. The file is a hint for
 * resume; the system stays the truth.
 */
export class Session {
  readonly id: string;
  /** The session file (`<sessions dir>/<id>.json`). */
  readonly path: string;
  readonly #conf: Conf<SessionRecord>;
  readonly #now: Clock;
  #record: SessionRecord;

  private constructor(conf: Conf<SessionRecord>, record: SessionRecord, now: Clock) {
    this.#conf = conf;
    this.#record = record;
    this.#now = now;
    this.id = record.id;
    this.path = conf.path;
  }

  /** Writes a new session; throws SecretLeakError before anything lands if the answers hold a secret. */
  static create(
    sessionsDir: string,
    id: string,
    answers: Config,
    now: Clock,
    plan: SessionPlan = 'install',
    demo = false,
  ): Session {
    const at = now().toISOString();
    const record: SessionRecord = {
      version: 1,
      id,
      plan,
      ...(demo ? { demo } : {}),
      answers: structuredClone(answers),
      steps: {},
      status: 'running',
      createdAt: at,
      updatedAt: at,
      facts: {},
    };
    assertPersistable(record); // before reserving the file: a rejected session leaves nothing
    reserveFile(sessionFile(sessionsDir, id));
    const session = new Session(openConf(sessionsDir, id), record, now);
    session.#write(record);
    return session;
  }

  /** Loads a saved session; throws when the file is missing or not a valid session. */
  static open(sessionsDir: string, id: string, now: Clock): Session {
    const file = sessionFile(sessionsDir, id);
    if (!existsSync(file)) throw new Error(`no session ${id} (looked for ${file})`);
    let conf: Conf<SessionRecord>;
    try {
      conf = openConf(sessionsDir, id); // conf reads the file as it opens it
    } catch (error) {
      throw damagedSession(file, error instanceof SyntaxError ? 'not valid JSON' : String(error));
    }
    return new Session(conf, readRecord(conf), now);
  }

  /** What the session runs (sessions from before plans had names ran the install). */
  get plan(): SessionPlan {
    return this.#record.plan ?? 'install';
  }

  /** Started with --demo (resumed with --demo, against a new lab). */
  get demo(): boolean {
    return this.#record.demo === true;
  }

  get answers(): Config {
    return structuredClone(this.#record.answers);
  }
  get steps(): Readonly<Record<string, Readonly<StepState>>> {
    return structuredClone(this.#record.steps);
  }
  get stageReached(): string | undefined {
    return this.#record.stageReached;
  }
  get status(): SessionStatus {
    return this.#record.status;
  }
  get createdAt(): string {
    return this.#record.createdAt;
  }
  get updatedAt(): string {
    return this.#record.updatedAt;
  }
  get facts(): Readonly<Facts> {
    return structuredClone(this.#record.facts);
  }

  /**
   * Records a step's state. `running` stamps startedAt; done/skipped/failed stamp
   * finishedAt; `pending` clears both. Messages are redacted (they often quote errors).
   */
  markStep(stepId: string, status: StepStatus, message?: string): void {
    const previous = this.#record.steps[stepId];
    const at = this.#now().toISOString();
    const next: StepState = { status };
    if (status === 'running') next.startedAt = at;
    else if (status !== 'pending') {
      if (previous?.startedAt) next.startedAt = previous.startedAt;
      next.finishedAt = at;
    }
    if (message !== undefined) next.message = redactText(message);
    this.#update({ steps: { ...this.#record.steps, [stepId]: next } });
  }

  /** The furthest stage the run has entered (shown in session lists). */
  reachStage(stageId: string): void {
    this.#update({ stageReached: stageId });
  }

  /** Merges discovered, non-secret values (the VIP, the master IP). Secret-looking ones throw. */
  /** All of the run's facts: a key a step deleted is gone from the session too. */
  setFacts(facts: Readonly<Facts>): void {
    this.#update({ facts: structuredClone(facts) });
  }

  /** Marks a resumed session as running again. */
  resume(): void {
    this.#update({ status: 'running' });
  }

  finish(status: FinalSessionStatus): void {
    this.#update({ status });
  }

  /** Re-reads the file (another process may have advanced a session we only display). */
  reload(): void {
    this.#record = readRecord(this.#conf);
  }

  toJSON(): SessionRecord {
    return structuredClone(this.#record);
  }

  #update(change: Partial<SessionRecord>): void {
    this.#write({ ...this.#record, ...change, updatedAt: this.#now().toISOString() });
  }

  #write(record: SessionRecord): void {
    assertPersistable(record);
    this.#conf.store = record;
    this.#record = record;
  }
}

/**
 * Answers and facts must not hold secrets, by key name or by content; step ids are
 * plan names (`create-tls-secret`) so only their contents are checked.
 */
function assertPersistable(record: SessionRecord): void {
  assertNoSecrets(record.answers, 'answers');
  assertNoSecrets(record.facts, 'facts');
  assertNoSecrets(record.steps, 'steps', false);
  assertNoSecrets(record.stageReached, 'stageReached', false);
}

/**
 * One conf store per session (configName = id, cwd = the sessions folder): conf keeps
 * one JSON file per store, so this gives each session its own atomic file, listing is
 * a folder read, and removing a session is deleting its files.
 */
function openConf(sessionsDir: string, id: string): Conf<SessionRecord> {
  return new Conf<SessionRecord>({
    cwd: sessionsDir,
    configName: id,
    configFileMode: PRIVATE_FILE_MODE,
    // Step ids and fact names may contain dots; they are keys, not paths.
    accessPropertiesByDotNotation: false,
  });
}

function readRecord(conf: Conf<SessionRecord>): SessionRecord {
  let stored: unknown;
  try {
    stored = conf.store;
  } catch (error) {
    const why = error instanceof SyntaxError ? 'not valid JSON' : (error as Error).message;
    throw damagedSession(conf.path, why);
  }
  const parsed = sessionRecordSchema.safeParse(stored);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    throw damagedSession(conf.path, `not a session${where}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** Claims the id on disk (O_EXCL) so two processes creating at once cannot share a file. */
function reserveFile(file: string): void {
  writeFileSync(file, '{}', { flag: 'wx', mode: PRIVATE_FILE_MODE });
}
