import { readFileSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import type { Env } from './shared/env.js';
import { shellQuote } from './shared/shell-quote.js';
import { findOnPath } from './systems/on-path.js';

/**
 * How to type this tool's commands, the way the user started it: the resume command we
 * print must work when pasted. After `npm ci` in a clone `rancher-pks-tui` is not on PATH;
 * `node dist/cli.js` is what `npm run demo` runs; `npx ./rancher-pks-tui-0.1.0.tgz` runs a
 * packed tarball.
 */

const binName = 'rancher-pks-tui';

export interface InvocationFacts {
  /** process.argv[1]: the script node runs (a bin link's own path, not its target). */
  script: string | undefined;
  cwd: string;
  env: Env;
  /** Where a bare `rancher-pks-tui` would be found on the user's PATH. */
  onPath(name: string): string | undefined;
  readText(path: string): string | undefined;
  realpath(path: string): string;
}

/** `path` as typed from `cwd`: relative below it, absolute elsewhere. */
function typedPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  if (!rel || rel.startsWith('..') || isAbsolute(rel)) return path;
  return rel.includes(sep) ? rel : `.${sep}${rel}`;
}

/**
 * What `npx` was given, from the package.json npm writes into the npx cache folder it runs
 * the bin from (`{"_npx": {"packages": ["./rancher-pks-tui-0.1.0.tgz"]}}`, npm 11.x
 * libnpmexec lib/index.js, `pkgJson.update({ _npx: { packages } })`).
 */
function npxPackage(binDir: string, facts: InvocationFacts): string {
  const text = facts.readText(join(dirname(dirname(binDir)), 'package.json'));
  let packages: unknown;
  try {
    packages = text ? (JSON.parse(text) as { _npx?: { packages?: unknown } })._npx?.packages : [];
  } catch {
    packages = [];
  }
  const spec = Array.isArray(packages) && packages.length === 1 ? packages[0] : undefined;
  if (typeof spec !== 'string' || !spec) return binName;
  if (!isAbsolute(spec)) return spec;
  // `npx rancher-pks-tui` inside a clone runs the project's own bin (npm records its folder).
  if (facts.cwd === spec || facts.cwd.startsWith(spec + sep)) return binName;
  return typedPath(spec, facts.cwd);
}

/**
 * `npx --yes` again when it was given: npx re-checks a tarball or folder each run and,
 * with `yes=false` in an npmrc, refuses without it. npm exports a non-default config to
 * its child as npm_config_* (npm 11.x @npmcli/config lib/set-envs.js): `--yes` arrives as
 * npm_config_yes=true.
 */
function npxYes(env: InvocationFacts['env']): string[] {
  return env.npm_config_yes === 'true' ? ['--yes'] : [];
}

/**
 * The words that start this tool again, e.g. `['npx', 'rancher-pks-tui']`. Read from the
 * script's own path, not from what npm exports (npx sets npm_lifecycle_event=npx,
 * libnpmexec lib/run-script.js `event: 'npx'`; npm_command=exec, npm lib/npm.js): those are
 * inherited by everything below, so `node dist/cli.js` started by a test under `npx vitest`
 * would read as npx.
 */
export function invocationOf(facts: InvocationFacts): string[] {
  const script = facts.script;
  if (!script) return [binName];
  const dir = dirname(script);
  // npx (and npm scripts) run bins from a node_modules/.bin they put on PATH for the child only.
  if (basename(dir) === '.bin' && basename(dirname(dir)) === 'node_modules')
    return ['npx', ...npxYes(facts.env), npxPackage(dir, facts)];
  if (basename(script) === binName) {
    const found = facts.onPath(binName);
    const same = found !== undefined && facts.realpath(found) === facts.realpath(script);
    return [same ? binName : typedPath(script, facts.cwd)];
  }
  return ['node', typedPath(script, facts.cwd)];
}

function safeRealpath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

let cached: string | undefined;

/** This process's invocation, as one line of shell words. */
export function invocation(): string {
  cached ??= invocationOf({
    script: process.argv[1],
    cwd: process.cwd(),
    env: process.env,
    onPath: (name) => findOnPath(name, process.env),
    readText: (path) => {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    },
    realpath: safeRealpath,
  })
    .map(shellQuote)
    .join(' ');
  return cached;
}

/** A command of this tool as the user should type it: `commandLine('sessions')`. */
export function commandLine(...args: string[]): string {
  return [invocation(), ...args.map(shellQuote)].join(' ');
}

/** The one resume command every screen and message prints. */
export function resumeCommandLine(session: { id: string; demo?: boolean }): string {
  return commandLine('resume', session.id, ...(session.demo ? ['--demo'] : []));
}
