import type { FlagSpec, ValueType } from '../../source/lab/helm/flags.js';

/** One flag as `helm CMD --help` lists it: `  -o, --output format   ...`. */
export interface HelpFlag {
  name: string;
  short?: string;
  /** pflag's type word: '' for bools, `string`, `int`, `WaitStrategy`, … */
  type: string;
  /** NoOptDefVal, from `string[="client"]` or `WaitStrategy[=watcher]`. */
  noOptDefault?: string;
}

/** The flags of one section (`Flags:` or `Global Flags:`) of a help text. */
export function helpFlags(text: string, section: 'Flags:' | 'Global Flags:'): HelpFlag[] {
  const lines = text.split('\n');
  const start = lines.indexOf(section);
  if (start < 0) return [];
  const flags: HelpFlag[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '') break;
    const m = /^\s+(?:-(\w), )?--([\w-]+)(?: (\S+))?/.exec(line);
    if (!m) continue;
    const optional = /^(\w+)\[="?([^"\]]*)"?\]$/.exec(m[3] ?? '');
    flags.push({
      name: m[2]!,
      ...(m[1] ? { short: m[1] } : {}),
      type: optional ? optional[1]! : (m[3] ?? ''),
      ...(optional ? { noOptDefault: optional[2]! } : {}),
    });
  }
  return flags;
}

/** The aliases cobra lists (`Aliases:\n  list, ls`), the command's own name excluded. */
export function helpAliases(text: string): string[] {
  const m = /^Aliases:\n\s+(.*)$/m.exec(text);
  return m
    ? m[1]!
        .split(',')
        .map((a) => a.trim())
        .slice(1)
    : [];
}

const repeatable = new Set(['stringArray', 'strings', 'stringToString', 'postRendererArgsSlice']);
const checkedTypes: Record<string, ValueType> = {
  int: 'int',
  uint: 'uint',
  float32: 'float',
  duration: 'duration',
  format: 'format',
  WaitStrategy: 'wait',
};

/** The fake's spec for a flag as the real help shows it (kind, value check, bare value). */
export function expectedSpec(
  flag: HelpFlag,
): Pick<FlagSpec, 'name' | 'short' | 'kind' | 'value' | 'noOptDefault'> {
  const kind: FlagSpec['kind'] =
    flag.noOptDefault !== undefined
      ? 'optional'
      : flag.type === ''
        ? 'bool'
        : repeatable.has(flag.type)
          ? 'strings'
          : 'string';
  const value = checkedTypes[flag.type];
  return {
    name: flag.name,
    ...(flag.short ? { short: flag.short } : {}),
    kind,
    ...(value ? { value } : {}),
    ...(flag.noOptDefault !== undefined ? { noOptDefault: flag.noOptDefault } : {}),
  };
}

/** The same view of the fake's spec. */
export function fakeSpec(spec: FlagSpec): ReturnType<typeof expectedSpec> {
  return {
    name: spec.name,
    ...(spec.short ? { short: spec.short } : {}),
    kind: spec.kind,
    ...(spec.value ? { value: spec.value } : {}),
    ...(spec.noOptDefault !== undefined ? { noOptDefault: spec.noOptDefault } : {}),
  };
}
