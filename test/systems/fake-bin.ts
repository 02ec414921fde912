import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { shellQuote } from '../../source/shared/shell-quote.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One canned answer of a fake CLI: matched against the space-joined argv. */
export interface FakeAnswer {
  /** A shell `case` pattern over "$*", e.g. `plans --json` or `cluster *`. */
  when: string;
  stdout?: string;
  stderr?: string;
  exit?: number;
  /** Extra shell run before answering (e.g. `sleep 5`). */
  script?: string;
}

/**
 * A temp dir with executables that print canned outputs: each call's argv is appended
 * to DIR/NAME.calls (read them with calls()). Unmatched calls exit 1 with a message.
 */
export class FakeBin {
  readonly dir = mkdtempSync(join(tmpdir(), 'rpt-fake-bin-'));

  write(name: string, answers: FakeAnswer[]): string {
    const file = join(this.dir, name);
    const cases = answers
      .map((a) =>
        [
          `  ${a.when.includes('*') ? a.when.replace(/ /g, '\\ ') : shellQuote(a.when)})`,
          a.script ? `    ${a.script}` : '',
          `    printf '%s' ${shellQuote(a.stdout ?? '')}`,
          `    printf '%s' ${shellQuote(a.stderr ?? '')} >&2`,
          `    exit ${a.exit ?? 0};;`,
        ]
          .filter(Boolean)
          .join('\n'),
      )
      .join('\n');
    const script = [
      '#!/bin/sh',
      `calls=${shellQuote(join(this.dir, `${name}.calls`))}`,
      // Record argv: each argument NUL-terminated, each call ended by an RS (\036) byte.
      `{ for a in "$@"; do printf '%s\\0' "$a"; done; printf '\\036'; } >> "$calls"`,
      'case "$*" in',
      cases,
      `  *) echo "fake ${name}: unexpected call: $*" >&2; exit 1;;`,
      'esac',
      '',
    ].join('\n');
    writeFileSync(file, script, { mode: 0o755 });
    chmodSync(file, 0o755);
    return file;
  }

  calls(name: string): string[][] {
    try {
      const records = readFileSync(join(this.dir, `${name}.calls`), 'utf8').split('\x1e');
      return records.slice(0, -1).map((record) => record.split('\0').slice(0, -1));
    } catch {
      return [];
    }
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
