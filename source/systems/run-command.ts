import { basename } from 'node:path';
import { execa } from 'execa';
import type { CommandListener } from './command.js';
import { PermanentError, TransientError } from './errors.js';
import type { Env } from '../shared/env.js';

/**
 * How a run stops the commands it started: `signal` asks them to stop (SIGTERM, then SIGKILL
 * after a grace period); `killSignal` (a second Ctrl-C) kills them at once.
 */
export interface StopSignals {
  signal?: AbortSignal;
  killSignal?: AbortSignal;
}

export interface RunCommandOptions extends StopSignals {
  timeoutMs: number;
  /** Merged over `process.env`; a key set to `undefined` is removed from the child's env. */
  env?: Env;
  cwd?: string;
  listener?: CommandListener;
  /** Written to stdin; without it stdin is closed so no CLI can sit waiting for input. */
  input?: string;
  /** What to tell the user when the binary is missing (default: install it / put it on PATH). */
  missingRemedy?: string;
  /** What to say when the binary is not found (default: `NAME: command not found`). */
  missingMessage?: string;
}

export interface CommandResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** How much of each stream the transcript keeps. */
const TAIL_CHARS = 4000;
/** Conventional exit codes for a run that never produced one of its own. */
const TIMED_OUT_EXIT = 124;
const NOT_FOUND_EXIT = 127;
const CANCELED_EXIT = 130;
/**
 * SIGTERM first: helm 3.18 and 4.1 catch it, cancel the operation and record the release as
 * failed (helm v3.18.0 cmd/helm/upgrade.go:226-239, install.go:304-314; v4.1.0
 * pkg/cmd/upgrade.go:239-249), one API write. A child still there after this gets SIGKILL,
 * so a stop takes at most about this long.
 */
const STOP_GRACE_MS = 1000;

function tail(text: string): string {
  return text.length > TAIL_CHARS ? text.slice(-TAIL_CHARS) : text;
}

function childEnv(env: Env | undefined): Record<string, string> {
  const merged: { [key: string]: string | undefined } = { ...process.env, ...env };
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(merged)) if (value !== undefined) out[key] = value;
  return out;
}

function abortReason(signal: AbortSignal | undefined): unknown {
  return signal?.reason ?? new DOMException('The operation was aborted', 'AbortError');
}

function missingBinary(
  argv0: string,
  code: string,
  remedy: string | undefined,
  notFound: string | undefined,
): PermanentError {
  const name = argv0.includes('/') ? argv0 : basename(argv0);
  const message =
    code === 'EACCES'
      ? `${name}: permission denied (not executable)`
      : (notFound ?? `${name}: command not found`);
  return new PermanentError(
    message,
    remedy ??
      `install \`${basename(argv0)}\` and put it on PATH (or set its full path in the configuration)`,
  );
}

/**
 * Runs one external command from an argument array (never a shell string).
 * A non-zero exit is returned, not thrown: callers decide what it means.
 * Throws TransientError on timeout, PermanentError when the binary is missing,
 * and the signal's reason when aborted.
 */
export async function runCommand(
  argv: string[],
  options: RunCommandOptions,
): Promise<CommandResult> {
  const [file, ...args] = argv;
  if (!file) throw new Error('runCommand: empty argv');
  const { listener } = options;
  // A stopped run starts nothing new.
  if (options.signal?.aborted || options.killSignal?.aborted)
    throw abortReason(options.signal?.aborted ? options.signal : options.killSignal);
  const started = Date.now();
  listener?.started?.(argv);
  const child = execa(file, args, {
    reject: false,
    timeout: options.timeoutMs,
    ...(options.signal ? { cancelSignal: options.signal } : {}),
    env: childEnv(options.env),
    extendEnv: false,
    ...(options.cwd ? { cwd: options.cwd } : {}),
    ...(options.input !== undefined ? { input: options.input } : { stdin: 'ignore' as const }),
    // Killed children must not linger: escalate to SIGKILL shortly after SIGTERM.
    forceKillAfterDelay: STOP_GRACE_MS,
  });
  const killNow = () => child.kill('SIGKILL');
  options.killSignal?.addEventListener('abort', killNow, { once: true });
  child.stdout?.on('data', (chunk: Buffer | string) => listener?.output?.(argv, String(chunk)));
  child.stderr?.on('data', (chunk: Buffer | string) => listener?.output?.(argv, String(chunk)));
  let result: Awaited<typeof child>;
  try {
    result = await child;
  } finally {
    options.killSignal?.removeEventListener('abort', killNow);
  }
  const stopped = result.isCanceled || options.killSignal?.aborted === true;
  const stdout = typeof result.stdout === 'string' ? result.stdout : '';
  const stderr = typeof result.stderr === 'string' ? result.stderr : '';
  const code = typeof result.code === 'string' ? result.code : '';
  const missing = code === 'ENOENT' || code === 'EACCES';
  const exitCode = result.timedOut
    ? TIMED_OUT_EXIT
    : stopped
      ? CANCELED_EXIT
      : missing
        ? NOT_FOUND_EXIT
        : (result.exitCode ?? 1);
  listener?.finished({
    argv,
    exitCode,
    durationMs: Date.now() - started,
    ...(stdout ? { stdoutTail: tail(stdout) } : {}),
    ...(stderr ? { stderrTail: tail(stderr) } : {}),
  });
  if (stopped) throw abortReason(result.isCanceled ? options.signal : options.killSignal);
  if (result.timedOut) {
    const name = basename(file);
    throw new TransientError(
      `\`${[name, ...args].join(' ')}\` did not finish within ${formatMs(options.timeoutMs)}`,
    );
  }
  if (missing) throw missingBinary(file, code, options.missingRemedy, options.missingMessage);
  return { stdout, stderr, exitCode };
}

function formatMs(ms: number): string {
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}
