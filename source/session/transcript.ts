import { appendFileSync, chmodSync, closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { dirname } from 'node:path';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from './private-files.js';
import { redactArgv, redactText } from '../shared/redact.js';
import { shellLine } from '../shared/shell-quote.js';

/** What a finished command looked like; tails are the last lines of its output. */
export interface CommandRecord {
  exitCode: number | null;
  durationMs: number;
  stdoutTail?: string;
  stderrTail?: string;
}

/**
 * An append-only, human-readable log of every command and API change of a session,
 * beside the session file (`<id>.transcript.log`, 0600). Each entry is appended
 * synchronously, so the transcript is complete up to the moment of a crash. Every
 * byte passes through redaction first.
 *
 *   2026-11-28T09:12:05.120Z $ helm upgrade --install rancher … --set bootstrapPassword=<redacted>
 *   2026-11-28T09:12:41.882Z   exit 0 after 36762 ms
 *   2026-11-28T09:12:41.882Z   | stdout: Release "rancher" has been upgraded.
 */
export class Transcript {
  readonly #path: string;
  readonly #now: () => Date;

  constructor(path: string, options: { now?: () => Date } = {}) {
    this.#path = path;
    this.#now = options.now ?? (() => new Date());
    ensurePrivateDir(dirname(path));
    createPrivately(path);
  }

  /** Where the transcript is (the UI shows it). */
  get path(): string {
    return this.#path;
  }

  command(argv: readonly string[], result: CommandRecord): void {
    const lines = [
      // One entry per line: a newline inside an argument is shown escaped.
      `$ ${shellLine(redactArgv(argv)).replaceAll('\n', '\\n')}`,
      `  exit ${result.exitCode ?? 'signal'} after ${Math.round(result.durationMs)} ms`,
      ...tailLines('stdout', result.stdoutTail),
      ...tailLines('stderr', result.stderrTail),
    ];
    this.#append(lines);
  }

  /** An API change (create/patch/delete): `PATCH /api/v1/namespaces/x → 200`. */
  api(method: string, path: string, status: number): void {
    this.#append([`api ${method.toUpperCase()} ${redactText(path)} → ${status}`]);
  }

  note(text: string): void {
    this.#append(
      redactText(text)
        .split('\n')
        .map((line, i) => (i === 0 ? `# ${line}` : `#   ${line}`)),
    );
  }

  #append(lines: readonly string[]): void {
    const stamp = this.#now().toISOString();
    const text = lines.map((line) => `${stamp} ${line}\n`).join('');
    appendFileSync(this.#path, text, { mode: PRIVATE_FILE_MODE });
  }
}

/** Creates the file 0600, and tightens one left looser by an older version or a user. */
function createPrivately(path: string): void {
  closeSync(openSync(path, 'a', PRIVATE_FILE_MODE));
  chmodSync(path, PRIVATE_FILE_MODE);
}

function tailLines(stream: 'stdout' | 'stderr', tail: string | undefined): string[] {
  if (!tail?.trim()) return [];
  return redactText(tail.replace(/\n+$/, ''))
    .split('\n')
    .map((line) => `  | ${stream}: ${line}`);
}

/** What a transcript holds from a byte offset on: its whole lines, and where the next begin. */
export interface TranscriptChunk {
  lines: string[];
  /** The offset after the last whole line read (a line still being written waits). */
  next: number;
}

/**
 * Reads the transcript's lines from byte `from` on (0: all of it), for a live view: call
 * again with `next` for what was appended since. Nothing to redact: every byte was redacted
 * on its way in. A missing file reads as empty; one shorter than `from` is read from the start.
 */
export function readTranscript(path: string, from = 0): TranscriptChunk {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return { lines: [], next: from };
  }
  try {
    const size = fstatSync(fd).size;
    const start = size < from ? 0 : from;
    if (size === start) return { lines: [], next: start };
    const buffer = Buffer.alloc(size - start);
    const read = readSync(fd, buffer, 0, buffer.length, start);
    const end = buffer.lastIndexOf(0x0a, read - 1);
    if (end < 0) return { lines: [], next: start };
    const text = buffer.subarray(0, end).toString('utf8');
    return { lines: text.split('\n'), next: start + end + 1 };
  } finally {
    closeSync(fd);
  }
}
