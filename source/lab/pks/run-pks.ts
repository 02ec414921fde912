import type { CliContext, CliResult, LabContext } from '../context.js';
import { Flags, parseArgs, type FlagSpec } from './argv.js';
import { ok, type CommandSpec, type PksTool } from './command.js';
import { COMMANDS, findCommand } from './commands.js';
import { PksCliError, notLoggedInError } from './errors.js';
import { commandHelp, commandUsage, rootHelp, versionLine } from './help.js';
import type { PksState } from './state.js';

const ROOT_FLAGS: FlagSpec[] = [
  { long: 'help', short: 'h', kind: 'bool', usage: '' },
  { long: 'version', kind: 'bool', usage: '' },
];
const HELP_FLAG: FlagSpec = { long: 'help', short: 'h', kind: 'bool', usage: '' };

function failure(tool: PksTool, error: unknown, spec?: CommandSpec): CliResult {
  const message = error instanceof Error ? error.message : String(error);
  const usage = error instanceof PksCliError && error.showUsage && spec;
  const stderr = `Error: ${message}\n${usage ? commandUsage(spec, tool) : ''}`;
  return { stdout: '', stderr, exitCode: 1 };
}

function unknownCommand(tool: PksTool, name: string): CliResult {
  return {
    stdout: '',
    stderr: `Error: unknown command "${name}" for "${tool}"\nRun '${tool} --help' for usage.\n`,
    exitCode: 1,
  };
}

/** `pks`, `pks --help`, `pks --version`, `pks -x`. */
function runRoot(state: PksState, tool: PksTool, argv: string[]): CliResult {
  try {
    const parsed = new Flags(parseArgs(argv, ROOT_FLAGS).flags);
    if (parsed.bool('version')) return ok(versionLine(tool, state.version));
    return ok(rootHelp(COMMANDS, tool, state.version));
  } catch (e) {
    return failure(tool, e);
  }
}

/** `pks help [command]`. */
function runHelp(state: PksState, tool: PksTool, topic: string | undefined): CliResult {
  if (topic === undefined) return ok(rootHelp(COMMANDS, tool, state.version));
  const spec = findCommand(topic);
  if (!spec) return unknownCommand(tool, topic);
  return ok(commandHelp(spec, tool));
}

function checkArgCount(spec: CommandSpec, args: string[]): void {
  if (args.length !== spec.args) {
    throw new PksCliError(`accepts ${spec.args} arg(s), received ${args.length}`, true);
  }
}

async function runCommand(
  lab: LabContext,
  state: PksState,
  tool: PksTool,
  spec: CommandSpec,
  argv: string[],
  ctx: CliContext,
): Promise<CliResult> {
  try {
    const parsed = parseArgs(argv, [...spec.flags, HELP_FLAG]);
    const flags = new Flags(parsed.flags);
    if (flags.bool('help')) return ok(commandHelp(spec, tool));
    checkArgCount(spec, parsed.args);
    if (spec.needsLogin && !state.session) throw notLoggedInError(tool);
    return await spec.run({ lab, state, tool, ctx, flags, args: parsed.args });
  } catch (e) {
    return failure(tool, e, spec);
  }
}

/**
 * The fake `pks` / `tkgi` CLI: parses `argv` like the real (cobra) CLI and runs the
 * command against the lab's PKS state. Never throws: errors become `Error: ...` and exit 1.
 */
export async function runPks(
  lab: LabContext,
  state: PksState,
  tool: 'pks' | 'tkgi',
  argv: string[],
  ctx: CliContext,
): Promise<CliResult> {
  const name = argv[0];
  if (name === undefined || name.startsWith('-')) return runRoot(state, tool, argv);
  if (name === 'help') return runHelp(state, tool, argv[1]);
  const spec = findCommand(name);
  if (!spec) return unknownCommand(tool, name);
  return runCommand(lab, state, tool, spec, argv.slice(1), ctx);
}
