import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitFor } from './wait-for.js';

/** The built CLI, as a user runs it. `npm test` builds before the tests run. */
export const cliPath = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/** The built CLI in a lab's environment (its env.sh sourced), as a user's shell starts it. */
export function cliInLab(labDir: string, args: string[]): string[] {
  const shell = ['sh', '-c', '. "$0" && exec "$@"', join(labDir, 'env.sh')];
  return [...shell, process.execPath, cliPath, ...args];
}

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number;
}

export interface RunOptions {
  cwd?: string;
  input?: string;
  timeoutMs?: number;
  env?: Record<string, string>;
}

export interface LabProcess {
  dir: string;
  child: ChildProcess;
  /** Runs argv with DIR/env.sh sourced, as a user's shell would. */
  run(argv: string[], options?: RunOptions): Promise<RunResult>;
  /** Runs the built rancher-pks-tui CLI with DIR/env.sh sourced. */
  cli(args: string[], options?: RunOptions): Promise<RunResult>;
  /** Starts the built CLI (env.sh sourced) and hands back the process, for kill tests. */
  spawnCli(args: string[], env?: Record<string, string>): ChildProcess;
  env(): Record<string, string>;
  audit(): Record<string, unknown>[];
  stop(): Promise<number | null>;
  output(): string;
}

/** Starts `rancher-pks-tui lab up` and resolves once it prints `lab ready`. */
export async function startLab(
  args: string[] = [],
  timescale = '0.05',
  env: Record<string, string> = {},
): Promise<LabProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'rpt-lab-'));
  const child = spawn(
    process.execPath,
    [cliPath, 'lab', 'up', '--dir', dir, '--timescale', timescale, ...args],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } },
  );
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`lab did not get ready:\n${out}`)), 30_000);
    const check = () => {
      if (out.includes('lab ready')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', (code) => reject(new Error(`lab exited with ${code}:\n${out}`)));
  });
  const envFile = join(dir, 'env.sh');
  const run: LabProcess['run'] = (argv, options = {}) =>
    new Promise((resolve) => {
      const proc = execFile(
        'sh',
        ['-c', '. "$0" && exec "$@"', envFile, ...argv],
        {
          cwd: options.cwd ?? dir,
          timeout: options.timeoutMs ?? 120_000,
          maxBuffer: 16 * 1024 * 1024,
          env: { ...process.env, ...options.env },
        },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
          resolve({ stdout, stderr, code });
        },
      );
      proc.stdin?.end(options.input ?? '');
    });
  return {
    dir,
    child,
    run,
    cli: (args, options) => run([process.execPath, cliPath, ...args], options),
    spawnCli: (args, env = {}) =>
      spawn('sh', ['-c', '. "$0" && exec "$@"', envFile, process.execPath, cliPath, ...args], {
        cwd: dir,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    env() {
      const vars: Record<string, string> = {};
      // NAME='value' or NAME=value (shellQuote leaves plain values bare).
      for (const m of readFileSync(envFile, 'utf8').matchAll(/^(\w+)=(?:'([^']*)'|([^\s'"$]*))$/gm))
        vars[m[1]!] = m[2] ?? m[3]!;
      return vars;
    },
    audit() {
      const file = join(dir, 'audit.jsonl');
      if (!existsSync(file)) return []; // nothing audited yet
      return readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    },
    output: () => out,
    stop() {
      return new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      });
    },
  };
}

export function poll<T>(
  check: () => Promise<T | undefined | false>,
  what: string,
  timeoutMs = 90_000,
): Promise<T> {
  return waitFor(check, what, { timeoutMs, intervalMs: 100 });
}

/** `lab up` arguments for edge clusters: `startLab(edgeLabArgs({ count: 3, offline: 1 }))`. */
export function edgeLabArgs(edge: { count: number; offline?: number; old?: number }): string[] {
  return [
    '--edge-clusters',
    String(edge.count),
    ...(edge.offline ? ['--edge-offline', String(edge.offline)] : []),
    ...(edge.old ? ['--edge-old', String(edge.old)] : []),
  ];
}
