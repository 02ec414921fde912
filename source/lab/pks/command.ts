import type { CliContext, CliResult, LabContext } from '../context.js';
import type { FlagSpec, Flags } from './argv.js';
import type { PksState } from './state.js';

export type PksTool = 'pks' | 'tkgi';

/** One call of a command, with its arguments parsed. */
export interface Invocation {
  lab: LabContext;
  state: PksState;
  tool: PksTool;
  ctx: CliContext;
  flags: Flags;
  args: string[];
}

/** A `pks` subcommand, described as cobra would (for parsing and help). */
export interface CommandSpec {
  name: string;
  /** One line, shown in `pks --help`. */
  summary: string;
  /** After the command name in `Usage:`, e.g. `<cluster-name> [flags]`. */
  usage: string;
  /** How many positional arguments it takes. */
  args: number;
  flags: FlagSpec[];
  /** Example lines; `TOOL_CMD` becomes the binary's name, `TOOL` the product's. */
  examples?: string[];
  /** login, logout and help work without a session. */
  needsLogin: boolean;
  run(inv: Invocation): Promise<CliResult>;
}

export const JSON_FLAG: FlagSpec = {
  long: 'json',
  kind: 'bool',
  usage: 'Return the TOOL-API output as json',
};

export function ok(stdout: string, stderr = ''): CliResult {
  return { stdout, stderr, exitCode: 0 };
}

/** JSON as the CLI prints it. */
export function jsonOut(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

/** The product name used in help and prompts. */
export function productName(tool: PksTool): string {
  return tool === 'pks' ? 'PKS' : 'TKGI';
}
