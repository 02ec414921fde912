import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { stringify } from 'yaml';
import { fakeLab } from '../lab/helm/fake-lab.js';

/** Unreachable on purpose: port 1 on loopback refuses at once. */
export const unreachableServer = 'https://127.0.0.1:1';
const loopbackRepo = 'http://127.0.0.1:1';

/** How helm took a command line: refused while parsing it (cobra/pflag), or not. */
export interface Outcome {
  parseError: boolean;
  /** The first `Error:` line (or the first line of stderr), for the report. */
  error: string;
}

/** cobra/pflag and helm's `require` package: the errors raised before a command runs. */
const parseErrors =
  /^Error: (?:unknown (?:flag|shorthand flag|command)|flag needs an argument|invalid argument "|bad flag syntax|if any flags in the group|"helm [^"]+" (?:requires|accepts))/m;

export function outcomeOf(result: { stderr: string; exitCode: number }): Outcome {
  const error =
    result.stderr.split('\n').find((l) => l.startsWith('Error: ')) ??
    (result.exitCode === 0 ? '' : (result.stderr.split('\n')[0] ?? ''));
  return { parseError: parseErrors.test(result.stderr), error };
}

/** Repository URLs pointed at loopback: the real binaries must never reach the internet. */
export function loopbackOnly(argv: string[]): string[] {
  const rewritten = argv.map((arg) =>
    /^https?:\/\//.test(arg) ? `${loopbackRepo}${new URL(arg).pathname}` : arg,
  );
  const outside = rewritten.filter(
    (arg) => arg.includes('://') && !arg.startsWith(`${loopbackRepo}/`),
  );
  if (outside.length) throw new Error(`not a loopback URL: ${outside.join(' ')}`);
  return rewritten;
}

/** A private HOME, helm dirs and a kubeconfig whose cluster cannot be reached. */
export function isolatedHelmEnv(): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'rpt-real-helm-'));
  for (const sub of ['cache', 'config', 'data']) mkdirSync(join(dir, sub));
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      'current-context': 'unreachable',
      clusters: [{ name: 'unreachable', cluster: { server: unreachableServer } }],
      contexts: [{ name: 'unreachable', context: { cluster: 'unreachable', user: 'nobody' } }],
      users: [{ name: 'nobody', user: { token: 'not-a-token' } }],
    }),
    { mode: 0o600 },
  );
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: dir,
    HELM_CACHE_HOME: join(dir, 'cache'),
    HELM_CONFIG_HOME: join(dir, 'config'),
    HELM_DATA_HOME: join(dir, 'data'),
    KUBECONFIG: kubeconfig,
  };
}

/** Runs the real helm with only the isolated environment (no proxies, no user config). */
export async function runReal(
  binary: string,
  argv: string[],
  env: Record<string, string>,
): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  const r = await execa(binary, loopbackOnly(argv), {
    env,
    extendEnv: false,
    reject: false,
    timeout: 60_000,
    stdin: 'ignore',
  });
  if (r.timedOut) throw new Error(`helm ${argv.join(' ')} timed out`);
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode ?? 1 };
}

/** Runs the lab's fake helm on a fresh in-memory lab of that major. */
export async function runFake(major: 3 | 4, argv: string[]) {
  const lab = fakeLab({ helmMajor: major });
  try {
    return await lab.helm(...loopbackOnly(argv));
  } finally {
    rmSync(lab.dir, { recursive: true, force: true });
  }
}

/** `fn` over `items`, at most `limit` at a time, results in order. */
export async function mapLimit<T, R>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
