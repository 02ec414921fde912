import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { HelmError, errorText } from './errors.js';
import { parseSet, type Values } from './set-values.js';

export function isValuesMap(v: unknown): v is Values {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Later maps win; nested maps merge (helm's mergeMaps for `-f` files). */
export function mergeMaps(base: Values, overlay: Values): Values {
  const out: Values = { ...base };
  for (const [k, v] of Object.entries(overlay)) {
    const current = out[k];
    out[k] = isValuesMap(v) && isValuesMap(current) ? mergeMaps(current, v) : v;
  }
  return out;
}

/**
 * User values over chart defaults (helm's CoalesceValues): a user `null` deletes
 * the default key, maps merge, anything else replaces.
 */
export function coalesceValues(defaults: Values, user: Values): Values {
  const out: Values = structuredClone(defaults);
  for (const [k, v] of Object.entries(user)) {
    const current = out[k];
    if (v === null) delete out[k];
    else if (isValuesMap(v) && isValuesMap(current)) out[k] = coalesceValues(current, v);
    else out[k] = structuredClone(v);
  }
  return out;
}

export interface ValueSources {
  files: string[];
  sets: string[];
  setStrings: string[];
  cwd: string;
  /** What the caller piped in: `-f -` reads it (pkg/cli/values/options.go readFile). */
  stdin?: string;
}

function readValuesFile(path: string, sources: ValueSources): Values {
  let text: string;
  try {
    text =
      path.trim() === '-'
        ? (sources.stdin ?? '')
        : readFileSync(resolve(sources.cwd, path), 'utf8');
  } catch {
    throw new HelmError(`open ${path}: no such file or directory`);
  }
  try {
    const parsed: unknown = parse(text);
    if (parsed === null || parsed === undefined) return {};
    if (!isValuesMap(parsed)) throw new Error('cannot unmarshal into map');
    return parsed;
  } catch (e) {
    throw new HelmError(`failed to parse ${path}: ${errorText(e)}`);
  }
}

/** Helm's fixed order: `-f` files first, then `--set`, then `--set-string`. */
export function userValues(sources: ValueSources): Values {
  let base: Values = {};
  for (const file of sources.files) base = mergeMaps(base, readValuesFile(file, sources));
  const apply = (exprs: string[], stringOnly: boolean) => {
    for (const expr of exprs) {
      try {
        parseSet(expr, base, stringOnly);
      } catch (e) {
        const flag = stringOnly ? '--set-string' : '--set';
        throw new HelmError(`failed parsing ${flag} data: ${errorText(e)}`);
      }
    }
  };
  apply(sources.sets, false);
  apply(sources.setStrings, true);
  return base;
}

/** Reads `a.b.c` from values; undefined when any step is missing. */
export function valueAt(values: Values, path: string): unknown {
  let cur: unknown = values;
  for (const part of path.split('.')) {
    if (!isValuesMap(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}

/** Go templates treat these as false: the chart's `{{ if .Values.x }}`. */
export function truthy(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (isValuesMap(v)) return Object.keys(v).length > 0;
  return true;
}
