import type { CliContext, CliResult, LabContext } from '../context.js';
import { searchCommand, showCommand } from './chart-commands.js';
import * as F from './command-flags.js';
import { parseGoDuration, parseSeconds } from './duration.js';
import { HelmError, errorText } from './errors.js';
import { parseFlags, requireArgs, type FlagSpec, type ParsedFlags } from './flags.js';
import { installOrUpgrade, type InstallOptions } from './install.js';
import {
  deleteCommand,
  getCommand,
  historyCommand,
  listCommand,
  rollbackCommand,
  statusCommand,
  uninstallCommand,
} from './release-commands.js';
import { repoAdd, repoList, repoRemove, repoUpdate } from './repo-commands.js';
import { HelmSession } from './session.js';
import { initCommand, resetCommand } from './tiller.js';
import { versionCommand } from './version-command.js';

type Major = 2 | 3 | 4;

export interface Command {
  /** `repo add`: the words that select it. */
  path: string;
  aliases?: string[];
  flags: FlagSpec[];
  /** Flag groups of which only one may be set (cobra's MarkFlagsMutuallyExclusive). */
  exclusive?: string[][];
  run(s: HelmSession): void | Promise<void>;
}

/** Commands that only group subcommands. */
const groups = new Set(['repo', 'get', 'show', 'inspect']);

export function commandTable(major: Major): Command[] {
  const shared: Command[] = [
    { path: 'version', flags: F.versionFlags(major), run: versionCommand },
    { path: 'repo add', flags: F.repoAddFlags(major), run: repoAdd },
    {
      path: 'repo update',
      aliases: ['repo up'],
      flags: F.repoUpdateFlags(major),
      run: repoUpdate,
    },
    { path: 'repo list', aliases: ['repo ls'], flags: F.repoListFlags(major), run: repoList },
    { path: 'repo remove', aliases: ['repo rm'], flags: [], run: repoRemove },
    {
      path: 'install',
      flags: F.installFlags(major),
      ...forceGroups(major),
      run: (s) => installOrUpgrade(s, installOptions(s, 'install')),
    },
    {
      path: 'upgrade',
      flags: F.upgradeFlags(major),
      ...forceGroups(major),
      run: (s) => installOrUpgrade(s, installOptions(s, 'upgrade')),
    },
    { path: 'list', aliases: ['ls'], flags: F.listFlags(major), run: listCommand },
    { path: 'status', flags: F.statusFlags(major), run: statusCommand },
    { path: 'history', aliases: ['hist'], flags: F.historyFlags(major), run: historyCommand },
    {
      path: 'rollback',
      flags: F.rollbackFlags(major),
      ...forceGroups(major),
      run: rollbackCommand,
    },
    ...['values', 'manifest', 'notes'].map((what) => ({
      path: `get ${what}`,
      flags: F.getFlags(major, what),
      run: (s: HelmSession) => getCommand(s, what),
    })),
  ];
  if (major === 2) {
    return [
      ...shared,
      { path: 'init', flags: F.initFlags, run: initCommand },
      { path: 'reset', flags: F.resetFlags, run: resetCommand },
      { path: 'delete', aliases: ['del'], flags: F.deleteFlags, run: deleteCommand },
      { path: 'search', flags: F.searchFlags(2), run: searchCommand },
      ...['chart', 'values', 'readme'].map((what) => ({
        path: `inspect ${what}`,
        flags: F.showFlags(2, what),
        run: (s: HelmSession) => showCommand(s, what),
      })),
    ];
  }
  return [
    ...shared,
    {
      path: 'uninstall',
      aliases: ['un', 'delete', 'del'],
      flags: F.uninstallFlags(major),
      run: uninstallCommand,
    },
    { path: 'search repo', flags: F.searchFlags(major), run: searchCommand },
    ...['chart', 'values', 'all', 'crds'].flatMap((what) => [
      {
        path: `show ${what}`,
        aliases: [`inspect ${what}`],
        flags: F.showFlags(major, what),
        run: (s: HelmSession) => showCommand(s, what),
      },
    ]),
  ];
}

function forceGroups(major: Major): Pick<Command, 'exclusive'> {
  return major === 4 ? { exclusive: F.forceGroups } : {};
}

export function globalFlags(major: Major): FlagSpec[] {
  return major === 2 ? F.tillerGlobalFlags : F.modernGlobalFlags(major);
}

/** cobra's ValidateFlagGroups wording for mutually exclusive flags. */
function checkExclusive(command: Command, flags: ParsedFlags): void {
  for (const group of command.exclusive ?? []) {
    const set = group.filter((name) => flags.has(name));
    if (set.length < 2) continue;
    throw new HelmError(
      `if any flags in the group [${group.join(' ')}] are set none of the others can be; [${[...set].sort().join(' ')}] were all set`,
    );
  }
}

function takesValue(token: string, globals: FlagSpec[]): boolean {
  if (token.includes('=')) return false;
  const spec = token.startsWith('--')
    ? globals.find((g) => g.name === token.slice(2))
    : globals.find((g) => g.short === token.slice(1));
  return spec !== undefined && (spec.kind === 'string' || spec.kind === 'strings');
}

/** Finds the command words (`repo add`) among the flags; the rest are the command's arguments. */
function splitCommand(argv: string[], major: Major): { words: string[]; rest: string[] } {
  const globals = globalFlags(major);
  const wordAt: number[] = [];
  for (let i = 0; i < argv.length && wordAt.length < 2; i++) {
    const token = argv[i]!;
    if (token === '--') break;
    if (token.startsWith('-')) {
      if (takesValue(token, globals)) i++;
      continue;
    }
    wordAt.push(i);
    const first = argv[wordAt[0]!]!;
    const isGroup = groups.has(first) || (first === 'search' && major !== 2);
    if (!isGroup) break;
  }
  return {
    words: wordAt.map((i) => argv[i]!),
    rest: argv.filter((_, i) => !wordAt.includes(i)),
  };
}

function findCommand(table: Command[], words: string[]): Command {
  const path = words.join(' ');
  const found = table.find((c) => c.path === path || c.aliases?.includes(path));
  if (found) return found;
  const group = words[0] ?? '';
  if (words.length === 2) {
    throw new HelmError(
      `unknown command "${words[1]}" for "helm ${group}"`,
      `Run 'helm ${group} --help' for usage.`,
    );
  }
  if (groups.has(group) || group === 'search') {
    throw new HelmError(
      `"helm ${group}" requires a subcommand`,
      `Run 'helm ${group} --help' for usage.`,
    );
  }
  throw new HelmError(`unknown command "${group}" for "helm"`, "Run 'helm --help' for usage.");
}

function installOptions(s: HelmSession, command: 'install' | 'upgrade'): InstallOptions {
  const { name, chartRef } = releaseAndChart(s, command);
  const major = s.major;
  const rollbackOnFailure = s.flags.bool('atomic') || s.flags.bool('rollback-on-failure');
  const waitFlag =
    major === 4 ? s.flags.string('wait') : s.flags.bool('wait') ? 'legacy' : undefined;
  const dryRun =
    major === 2
      ? s.flags.bool('dry-run')
      : !['', 'none', 'false', undefined].includes(s.flags.string('dry-run'));
  const timeoutText = s.flags.string('timeout');
  // Helm 4: install's --server-side is a bool (default true), upgrade's a string (default auto).
  const serverSide =
    major !== 4
      ? 'false'
      : command === 'install'
        ? String(!s.flags.has('server-side') || s.flags.bool('server-side'))
        : (s.flags.string('server-side') ?? 'auto');
  const timeoutMs =
    major === 2
      ? parseSeconds('timeout', timeoutText ?? '300')
      : parseGoDuration('timeout', timeoutText ?? '5m0s');
  return {
    command,
    install: s.flags.bool('install'),
    name,
    chartRef,
    namespace: s.namespace(),
    ...(s.flags.string('version') ? { version: s.flags.string('version') } : {}),
    values: {
      files: s.flags.strings('values'),
      sets: s.flags.strings('set'),
      setStrings: s.flags.strings('set-string'),
      cwd: s.ctx.cwd,
      ...(s.ctx.stdin !== undefined ? { stdin: s.ctx.stdin } : {}),
    },
    skipCrds: s.flags.bool('skip-crds'),
    skipSchemaValidation: s.flags.bool('skip-schema-validation'),
    reuseValues: s.flags.bool('reuse-values'),
    resetValues: s.flags.bool('reset-values'),
    createNamespace: s.flags.bool('create-namespace'),
    // `--wait=hookOnly` (Helm 4) waits for hooks only: the lab has none to wait for.
    wait:
      rollbackOnFailure ||
      (waitFlag !== undefined && waitFlag !== 'hookOnly' && waitFlag !== 'false'),
    timeoutMs,
    atomic: rollbackOnFailure,
    serverSide,
    forceConflicts: s.flags.bool('force-conflicts'),
    dryRun,
    historyMax: Number(s.flags.string('history-max') ?? s.ctx.env.HELM_MAX_HISTORY ?? 10),
  };
}

/** Helm 2 installs take only the chart (`--name`); Helm 3 takes NAME CHART or `--generate-name`. */
function releaseAndChart(
  s: HelmSession,
  command: 'install' | 'upgrade',
): { name: string; chartRef: string } {
  const args = s.flags.positionals;
  if (command === 'upgrade') {
    requireArgs('upgrade', 'upgrade [RELEASE] [CHART]', args, 2);
    return { name: args[0]!, chartRef: args[1]! };
  }
  if (s.major === 2) {
    requireArgs('install', 'install [CHART]', args, 1);
    return { name: s.flags.string('name') ?? generatedName(), chartRef: args[0]! };
  }
  requireArgs('install', 'install [NAME] [CHART]', args, 1, 2);
  if (args.length === 2) return { name: args[0]!, chartRef: args[1]! };
  if (!s.flags.bool('generate-name')) {
    throw new HelmError(
      'INSTALLATION FAILED: must either provide a name or specify --generate-name',
    );
  }
  const chart = args[0]!.split('/').pop()!;
  return { name: `${chart}-${Math.floor(Date.now() / 1000)}`, chartRef: args[0]! };
}

const adjectives = [
  'wobbly',
  'zealous',
  'brawny',
  'quiet',
  'veering',
  'exegetical',
  'hoping',
  'dining',
];
const animals = ['panda', 'otter', 'lynx', 'seal', 'heron', 'koala', 'badger', 'gecko'];

/** Helm 2's moniker names, `wobbly-panda`. */
function generatedName(): string {
  const pick = (list: string[]) => list[Math.floor(Math.random() * list.length)]!;
  return `${pick(adjectives)}-${pick(animals)}`;
}

const rootHelp = `The Kubernetes package manager

Usage:
  helm [command]

Use "helm [command] --help" for more information about a command.
`;

/**
 * The fake `helm` CLI: parses argv as helm's cobra tree does and acts on the lab
 * cluster the kubeconfig selects. Never throws: failures are `Error: ...`, exit 1.
 */
export async function runHelm(
  lab: LabContext,
  argv: string[],
  ctx: CliContext,
): Promise<CliResult> {
  const major = lab.options.helmMajor;
  const { words, rest } = splitCommand(argv, major);
  let session: HelmSession | undefined;
  try {
    if (words.length === 0) {
      // The root command only parses its flags (which may fail), then prints its help.
      parseFlags(rest, globalFlags(major));
      return { stdout: rootHelp, stderr: '', exitCode: 0 };
    }
    const command = findCommand(commandTable(major), words);
    const flags = parseFlags(rest, [...globalFlags(major), ...command.flags]);
    session = new HelmSession(lab, ctx, flags);
    await session.connect();
    for (const w of flags.warnings) session.warn(w);
    if (flags.bool('help')) {
      session.print(`Usage:\n  helm ${command.path} [flags]\n`);
      return { stdout: session.stdout, stderr: session.stderr, exitCode: 0 };
    }
    checkExclusive(command, flags);
    await command.run(session);
    return { stdout: session.stdout, stderr: session.stderr, exitCode: 0 };
  } catch (e) {
    const hint = e instanceof HelmError && e.hint ? `${e.hint}\n` : '';
    const stderr = `${session?.stderr ?? ''}Error: ${errorText(e)}\n${hint}`;
    if (!(e instanceof HelmError))
      lab.log(`helm: unexpected failure: ${e instanceof Error ? e.stack : String(e)}`);
    return { stdout: session?.stdout ?? '', stderr, exitCode: 1 };
  }
}
