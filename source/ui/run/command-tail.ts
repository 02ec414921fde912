import { redactArgv, redactText } from '../../shared/redact.js';
import { commandTailLines, type CommandView } from '../panels/panel-data.js';

// CSI and OSC escape sequences: colours and cursor moves would break column widths.
// eslint-disable-next-line no-control-regex
const escapes = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007]*(?:\u0007|\u001b\\)/g;

/** A carriage return rewrites the line (progress bars): keep what was written last. */
function lastRewrite(line: string): string {
  const cr = line.lastIndexOf('\r');
  return cr < 0 ? line : line.slice(cr + 1);
}

/**
 * Whether a command prints JSON for us to read (`pks cluster NAME --json`, `helm list -o
 * json`): its tail would be a JSON fragment; the panels show what it says instead.
 */
export function printsJson(argv: readonly string[]): boolean {
  return argv.some(
    (arg, i) =>
      arg === '--json' ||
      arg === '--output=json' ||
      arg === '-ojson' ||
      ((arg === '-o' || arg === '--output') && argv[i + 1] === 'json'),
  );
}

/** Output of a new command starts a fresh tail; more output of the same one extends it. */
export function appendCommandOutput(
  view: CommandView | undefined,
  argv: string[],
  chunk: string,
  step?: string,
): CommandView {
  const same = view !== undefined && view.argv.join('\0') === argv.join('\0');
  const base = same ? view : { argv, lines: [], partial: '', step };
  if (printsJson(argv)) return base;
  const text = (base.partial + chunk.replace(escapes, '')).replace(/\r\n/g, '\n');
  const pieces = text.split('\n');
  const partial = lastRewrite(pieces.pop() ?? '');
  const lines = [...base.lines, ...pieces.map(lastRewrite)].slice(-commandTailLines);
  return { ...base, lines, partial };
}

/** The lines to show: finished ones and the one being written, capped, secrets hidden. */
export function commandTail(view: CommandView): string[] {
  const all = view.partial ? [...view.lines, view.partial] : view.lines;
  return all.slice(-commandTailLines).map(redactText);
}

/** The command as a shell line, with `--set *password*=` and friends hidden. */
export function commandLine(argv: string[]): string {
  return redactArgv(argv).join(' ');
}
