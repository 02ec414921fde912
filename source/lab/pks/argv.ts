import { PksCliError } from './errors.js';

export type FlagKind = 'bool' | 'string' | 'int';

export interface FlagSpec {
  long: string;
  short?: string;
  kind: FlagKind;
  usage: string;
  /** Other long names accepted for the same flag (older CLI spellings). */
  aliases?: string[];
}

export type FlagValue = string | number | boolean;

/** Flags and positional arguments after cobra/pflag-style parsing. */
export interface ParsedArgs {
  flags: Map<string, FlagValue>;
  args: string[];
}

function findLong(specs: readonly FlagSpec[], name: string): FlagSpec | undefined {
  return specs.find((s) => s.long === name || s.aliases?.includes(name));
}

function findShort(specs: readonly FlagSpec[], letter: string): FlagSpec | undefined {
  return specs.find((s) => s.short === letter);
}

function flagLabel(spec: FlagSpec): string {
  return spec.short ? `-${spec.short}, --${spec.long}` : `--${spec.long}`;
}

/** Converts a flag's text to its value with pflag's error wording. */
function convert(spec: FlagSpec, text: string): FlagValue {
  if (spec.kind === 'string') return text;
  if (spec.kind === 'int') {
    if (!/^[-+]?\d+$/.test(text)) {
      throw new PksCliError(
        `invalid argument "${text}" for "${flagLabel(spec)}" flag: strconv.ParseInt: parsing "${text}": invalid syntax`,
        true,
      );
    }
    return Number.parseInt(text, 10);
  }
  const lower = text.toLowerCase();
  if (['1', 't', 'true'].includes(lower)) return true;
  if (['0', 'f', 'false'].includes(lower)) return false;
  throw new PksCliError(
    `invalid argument "${text}" for "${flagLabel(spec)}" flag: strconv.ParseBool: parsing "${text}": invalid syntax`,
    true,
  );
}

interface Cursor {
  argv: readonly string[];
  index: number;
}

/** Takes the value of a non-bool flag: inline (`--x=v`, `-xv`) or the next word. */
function takeValue(cursor: Cursor, inline: string | undefined, missing: string): string {
  if (inline !== undefined) return inline;
  const next = cursor.argv[cursor.index + 1];
  if (next === undefined) throw new PksCliError(`flag needs an argument: ${missing}`, true);
  cursor.index += 1;
  return next;
}

function parseLong(cursor: Cursor, word: string, specs: readonly FlagSpec[], out: ParsedArgs) {
  const body = word.slice(2);
  const eq = body.indexOf('=');
  const name = eq >= 0 ? body.slice(0, eq) : body;
  const inline = eq >= 0 ? body.slice(eq + 1) : undefined;
  const spec = findLong(specs, name);
  if (!spec) throw new PksCliError(`unknown flag: --${name}`, true);
  const text = spec.kind === 'bool' ? (inline ?? 'true') : takeValue(cursor, inline, word);
  out.flags.set(spec.long, convert(spec, text));
}

function parseShort(cursor: Cursor, word: string, specs: readonly FlagSpec[], out: ParsedArgs) {
  // A group like `-kv` sets several bools; a non-bool takes the rest as its value.
  for (let i = 1; i < word.length; i++) {
    const letter = word.charAt(i);
    const spec = findShort(specs, letter);
    if (!spec) throw new PksCliError(`unknown shorthand flag: '${letter}' in ${word}`, true);
    let rest = word.slice(i + 1);
    if (rest.startsWith('=')) rest = rest.slice(1);
    if (spec.kind === 'bool') {
      if (word.charAt(i + 1) === '=') {
        out.flags.set(spec.long, convert(spec, rest));
        return;
      }
      out.flags.set(spec.long, true);
      continue;
    }
    const text = takeValue(cursor, rest === '' ? undefined : rest, `'${letter}' in -${letter}`);
    out.flags.set(spec.long, convert(spec, text));
    return;
  }
}

/** Parses argv the way pflag does: flags may come before or after arguments; `--` ends flags. */
export function parseArgs(argv: readonly string[], specs: readonly FlagSpec[]): ParsedArgs {
  const out: ParsedArgs = { flags: new Map(), args: [] };
  const cursor: Cursor = { argv, index: 0 };
  for (; cursor.index < argv.length; cursor.index++) {
    const word = argv[cursor.index] ?? '';
    if (word === '--') {
      out.args.push(...argv.slice(cursor.index + 1));
      break;
    }
    if (word.startsWith('--')) parseLong(cursor, word, specs, out);
    else if (word.startsWith('-') && word.length > 1) parseShort(cursor, word, specs, out);
    else out.args.push(word);
  }
  return out;
}

/** Typed reads of parsed flags. */
export class Flags {
  constructor(private readonly values: Map<string, FlagValue>) {}

  has(name: string): boolean {
    return this.values.has(name);
  }

  bool(name: string): boolean {
    return this.values.get(name) === true;
  }

  string(name: string): string | undefined {
    const v = this.values.get(name);
    return typeof v === 'string' ? v : undefined;
  }

  int(name: string): number | undefined {
    const v = this.values.get(name);
    return typeof v === 'number' ? v : undefined;
  }
}
