import { HelmError } from './errors.js';

/**
 * How a flag takes its value, as pflag does: `bool` needs none, `string` needs one,
 * `strings` collects every use, `optional` takes one only as `--flag=value`.
 */
export type FlagKind = 'bool' | 'string' | 'strings' | 'optional';

/** Values pflag checks while parsing (int, duration, …) and helm's own value types. */
export type ValueType = 'int' | 'uint' | 'float' | 'duration' | 'format' | 'wait';

export interface FlagSpec {
  name: string;
  short?: string;
  kind: FlagKind;
  /** The value `optional` flags take when given bare. */
  noOptDefault?: string;
  /** Printed as cobra does: `Flag --NAME has been deprecated, MESSAGE`. */
  deprecated?: string;
  /** Checked as it is parsed; a bad value is `invalid argument "V" for "--NAME" flag: WHY`. */
  value?: ValueType;
  /** Accepted but not in `--help` (MarkHidden, MarkDeprecated). */
  hidden?: boolean;
}

export interface ParsedFlags {
  positionals: string[];
  /** Deprecation notices, for stderr. */
  warnings: string[];
  has(name: string): boolean;
  bool(name: string): boolean;
  string(name: string): string | undefined;
  strings(name: string): string[];
}

type FlagValue = boolean | string | string[];

function lookupLong(specs: FlagSpec[], name: string): FlagSpec {
  const spec = specs.find((s) => s.name === name);
  if (!spec) throw new HelmError(`unknown flag: --${name}`);
  return spec;
}

function lookupShort(specs: FlagSpec[], letter: string, token: string): FlagSpec {
  const spec = specs.find((s) => s.short === letter);
  if (!spec) throw new HelmError(`unknown shorthand flag: '${letter}' in ${token}`);
  return spec;
}

/** pflag names a flag `-o, --output` when it has a shorthand. */
function flagLabel(spec: FlagSpec): string {
  return spec.short ? `-${spec.short}, --${spec.name}` : `--${spec.name}`;
}

function invalidArgument(spec: FlagSpec, raw: string, why: string): HelmError {
  return new HelmError(`invalid argument "${raw}" for "${flagLabel(spec)}" flag: ${why}`);
}

/** Go's strconv.ParseBool. */
function parseBool(spec: FlagSpec, raw: string): boolean {
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(raw)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(raw)) return false;
  throw invalidArgument(spec, raw, `strconv.ParseBool: parsing "${raw}": invalid syntax`);
}

const goDuration = /^[-+]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h))+$/;

/** Why pflag (or helm's own flag type) rejects a value, or undefined when it is fine. */
function valueProblem(type: ValueType, raw: string): string | undefined {
  switch (type) {
    case 'int':
      return /^[-+]?\d+$/.test(raw)
        ? undefined
        : `strconv.ParseInt: parsing "${raw}": invalid syntax`;
    case 'uint':
      return /^\d+$/.test(raw) ? undefined : `strconv.ParseUint: parsing "${raw}": invalid syntax`;
    case 'float':
      return /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/.test(raw)
        ? undefined
        : `strconv.ParseFloat: parsing "${raw}": invalid syntax`;
    case 'duration':
      if (raw === '0' || goDuration.test(raw)) return undefined;
      return /^[-+]?\d+(?:\.\d*)?$/.test(raw)
        ? `time: missing unit in duration "${raw}"`
        : `time: invalid duration "${raw}"`;
    case 'format':
      return ['table', 'json', 'yaml'].includes(raw) ? undefined : 'invalid format type';
    case 'wait':
      // pkg/cmd/flags.go waitValue.Set at v4.1.4 (true/false are deprecated spellings).
      return ['watcher', 'hookOnly', 'legacy', 'true', 'false'].includes(raw)
        ? undefined
        : `invalid wait input "${raw}". Valid inputs are watcher, hookOnly, and legacy`;
  }
}

/** Parses argv the way cobra/pflag do: flags anywhere, `--` ends them. */
export function parseFlags(argv: string[], specs: FlagSpec[]): ParsedFlags {
  const values = new Map<string, FlagValue>();
  const positionals: string[] = [];
  const warnings: string[] = [];

  const set = (spec: FlagSpec, raw: string | true) => {
    if (spec.deprecated)
      warnings.push(`Flag --${spec.name} has been deprecated, ${spec.deprecated}`);
    if (spec.kind === 'bool') values.set(spec.name, raw === true ? true : parseBool(spec, raw));
    else if (raw !== true && spec.value && valueProblem(spec.value, raw)) {
      throw invalidArgument(spec, raw, valueProblem(spec.value, raw)!);
    } else if (spec.kind === 'strings') {
      const list = (values.get(spec.name) as string[] | undefined) ?? [];
      values.set(spec.name, [...list, raw as string]);
    } else values.set(spec.name, raw === true ? (spec.noOptDefault ?? '') : raw);
  };

  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (token.startsWith('--')) {
      const eq = token.indexOf('=');
      const name = eq >= 0 ? token.slice(2, eq) : token.slice(2);
      const spec = lookupLong(specs, name);
      if (eq >= 0) set(spec, token.slice(eq + 1));
      else if (spec.kind === 'bool' || spec.kind === 'optional') set(spec, true);
      else {
        const next = argv[i + 1];
        if (next === undefined) throw new HelmError(`flag needs an argument: --${name}`);
        set(spec, next);
        i++;
      }
      continue;
    }
    if (token.startsWith('-') && token.length > 1) {
      i = parseShortGroup(argv, i, specs, set);
      continue;
    }
    positionals.push(token);
  }

  return {
    positionals,
    warnings,
    has: (name) => values.has(name),
    bool: (name) => values.get(name) === true,
    string: (name) => {
      const v = values.get(name);
      return typeof v === 'string' ? v : undefined;
    },
    strings: (name) => (values.get(name) as string[] | undefined) ?? [],
  };
}

/** `-n ns`, `-nns`, `-ai`: a group of shorthand letters; returns the last index used. */
function parseShortGroup(
  argv: string[],
  index: number,
  specs: FlagSpec[],
  set: (spec: FlagSpec, raw: string | true) => void,
): number {
  const token = argv[index]!;
  for (let j = 1; j < token.length; j++) {
    const spec = lookupShort(specs, token[j]!, token);
    if (spec.kind === 'bool' || spec.kind === 'optional') {
      if (token[j + 1] === '=') {
        set(spec, token.slice(j + 2));
        return index;
      }
      set(spec, true);
      continue;
    }
    const rest = token.slice(j + 1).replace(/^=/, '');
    if (rest) {
      set(spec, rest);
      return index;
    }
    const next = argv[index + 1];
    if (next === undefined)
      throw new HelmError(`flag needs an argument: '${token[j]}' in -${token[j]}`);
    set(spec, next);
    return index + 1;
  }
  return index;
}

/**
 * Cobra's argument-count errors, worded as helm's `require` package does.
 * `use` is the command's usage line, e.g. `upgrade [RELEASE] [CHART]`.
 */
export function requireArgs(
  path: string,
  use: string,
  args: string[],
  min: number,
  max = min,
): void {
  if (args.length >= min && args.length <= max) return;
  const plural = (n: number) => `${n} argument${n === 1 ? '' : 's'}`;
  let what: string;
  if (min === max) what = `requires ${plural(min)}`;
  else if (args.length < min) what = `requires at least ${plural(min)}`;
  else what = `accepts at most ${plural(max)}`;
  throw new HelmError(`"helm ${path}" ${what}\n\nUsage:  helm ${use} [flags]`);
}
