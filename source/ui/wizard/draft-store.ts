import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveSessionPaths, type SessionPaths } from '../../session/paths.js';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../../session/private-files.js';
import { assertNoSecrets, omitSecretKeys } from '../../session/secret-guard.js';
import { pickAnswers, type PartialAnswers } from '../../config/partial-answers.js';
import type { Env } from '../../shared/env.js';

export const draftFileName = 'wizard-draft.json';

/**
 * The wizard's answers so far, kept so that quitting mid-wizard loses nothing.
 * Holds answers only: never the bootstrap password (it is not in PartialAnswers, and
 * the secret guard refuses anything that looks like one).
 */
export class DraftStore {
  readonly file: string;

  constructor(private readonly paths: SessionPaths) {
    this.file = join(paths.home, draftFileName);
  }

  static fromEnv(env: Env): DraftStore {
    return new DraftStore(resolveSessionPaths({ env }));
  }

  /** The saved answers; undefined when there is no draft or it cannot be read. */
  load(): PartialAnswers | undefined {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      return undefined;
    }
    try {
      return pickAnswers(JSON.parse(text));
    } catch {
      return undefined; // a damaged draft is not worth stopping for
    }
  }

  save(answers: PartialAnswers): void {
    const safe = omitSecretKeys(pickAnswers(answers));
    assertNoSecrets(safe, 'wizard draft');
    ensurePrivateDir(this.paths.home, !this.paths.fromEnv);
    writeFileSync(this.file, `${JSON.stringify(safe, null, 2)}\n`, { mode: PRIVATE_FILE_MODE });
    chmodSync(this.file, PRIVATE_FILE_MODE); // an older file keeps its mode on rewrite
  }

  /** After a confirmed install the answers live in the session; the draft is done. */
  clear(): void {
    rmSync(this.file, { force: true });
  }
}
