import { accessSync, constants, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { z } from 'zod';
import { closestName } from './did-you-mean.js';
import { ConfigError, fieldPath } from './errors.js';
import { csvLabelColumns, rowKeys } from './inventory-columns.js';
import {
  accessProblem,
  inventoryRowSchema,
  type InventoryRowInput,
} from './inventory-row-schema.js';
import type { Inventory, InventoryAccess, InventoryRow } from './inventory.js';
import { readInventoryFile, type RawInventory, type RawRow } from './read-inventory-file.js';
import { describeValue } from './schema.js';
import type { Env } from '../shared/env.js';

/** Enough lines to fix a pattern of mistakes; the rest are counted, not printed. */
export const maxInventoryProblems = 20;

/**
 * Reads and validates an inventory (YAML or CSV, see fleet.md). Kubeconfig paths are taken
 * from the inventory's folder and must name a readable file. Throws ConfigError whose
 * `problems` hold one line per problem, `inventory.yaml:12: clusters[3].kubeconfig: …; …`,
 * every row's problems (the first `maxInventoryProblems`, then how many more).
 */
export function loadInventory(file: string, env: Env = process.env): Inventory {
  const raw = readInventoryFile(file, file);
  const baseDir = dirname(resolve(file));
  const problems = [...raw.problems];
  const rows: InventoryRow[] = [];
  for (const row of raw.rows) {
    const checked = checkRow(raw, row, file, baseDir, env);
    if ('problems' in checked) problems.push(...checked.problems);
    else rows.push(checked.row);
  }
  problems.push(...duplicateProblems(raw, rows, file));
  if (problems.length === 0 && rows.length === 0)
    problems.push(`${file}: the inventory has no clusters; add rows (name and how to reach each)`);
  if (problems.length > 0) throw new ConfigError(capped(problems, file), file);
  return { source: resolve(file), rows };
}

function capped(problems: string[], file: string): string[] {
  if (problems.length <= maxInventoryProblems) return problems;
  const more = problems.length - maxInventoryProblems;
  return [
    ...problems.slice(0, maxInventoryProblems),
    `${file}: and ${more} more problem${more === 1 ? '' : 's'}; fix the ones above and run again`,
  ];
}

/** `clusters[3].kubeconfig` in YAML; the column (`kubeconfig`, `label:tier`) in CSV. */
function fieldName(raw: RawInventory, row: RawRow, path: readonly PropertyKey[]): string {
  if (raw.format === 'yaml') return fieldPath(['clusters', row.index, ...path]);
  const [first, second] = path;
  if (first === 'labels' && second !== undefined) {
    const key = String(second);
    return csvLabelColumns.includes(key) ? key : `label:${key}`;
  }
  return first === undefined ? `row ${row.index + 1}` : String(first);
}

function lineOf(row: RawRow, path: readonly PropertyKey[]): number {
  const [first, second] = path.map(String);
  return (
    (second !== undefined ? row.lines[`${first}.${second}`] : undefined) ??
    (first !== undefined ? row.lines[first] : undefined) ??
    row.line
  );
}

type Checked = { row: InventoryRow } | { problems: string[] };

function checkRow(
  raw: RawInventory,
  row: RawRow,
  file: string,
  baseDir: string,
  env: Env,
): Checked {
  const say = (path: readonly PropertyKey[], message: string) =>
    `${file}:${lineOf(row, path)}: ${fieldName(raw, row, path)}: ${message}`;
  const data = row.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return {
      problems: [
        say(
          [],
          `must be a mapping (name:, kubeconfig: or pksCluster: or mode: offline, labels:), not ${describeValue(data)}; write the row as - name: …`,
        ),
      ],
    };
  }
  const fields = data as Record<string, unknown>;
  const parsed = inventoryRowSchema.safeParse(fields, { reportInput: true });
  const problems = parsed.success
    ? []
    : parsed.error.issues.flatMap((issue) => issueLines(issue, say));
  const access = accessProblem(fields);
  if (access && !problems.some((line) => line.includes(`${fieldName(raw, row, [access.field])}:`)))
    problems.push(say([access.field], access.message));
  if (!parsed.success || problems.length > 0) {
    const kubeconfig = typeof fields.kubeconfig === 'string' ? fields.kubeconfig.trim() : '';
    const fileProblem = kubeconfig && kubeconfigProblem(resolvePath(kubeconfig, baseDir, env));
    if (fileProblem) problems.push(say(['kubeconfig'], fileProblem));
    return { problems };
  }
  const input = parsed.data;
  const way = toAccess(input, baseDir, env);
  if (way.kind === 'kubeconfig') {
    const fileProblem = kubeconfigProblem(way.kubeconfig);
    if (fileProblem) return { problems: [say(['kubeconfig'], fileProblem)] };
  }
  return { row: { name: input.name, access: way, labels: input.labels ?? {}, line: row.line } };
}

function issueLines(
  issue: z.core.$ZodIssue,
  say: (path: readonly PropertyKey[], message: string) => string,
): string[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const guess = closestName(key, rowKeys);
      const hint = guess ? `did you mean ${guess}?` : 'remove it or check its spelling';
      return say([...issue.path, key], `unknown field; ${hint} (a row has ${rowKeys.join(', ')})`);
    });
  }
  return [say(issue.path, issue.message)];
}

function toAccess(input: InventoryRowInput, baseDir: string, env: Env): InventoryAccess {
  if (input.mode === 'offline') return { kind: 'offline' };
  if (input.pksCluster) return { kind: 'pks', pksCluster: input.pksCluster };
  const kubeconfig = resolvePath(input.kubeconfig ?? '', baseDir, env);
  return { kind: 'kubeconfig', kubeconfig, ...(input.context ? { context: input.context } : {}) };
}

function resolvePath(path: string, baseDir: string, env: Env): string {
  const home = env.HOME ?? homedir();
  if (path === '~' || path.startsWith('~/')) return join(home, path.slice(1));
  return isAbsolute(path) ? path : resolve(baseDir, path);
}

/** The kubeconfig must be a readable file now, not when the import reaches the row. */
function kubeconfigProblem(path: string): string | undefined {
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) return `${path} is a folder; give the kubeconfig file inside it`;
    if (!stat.isFile()) return `${path} is not a regular file; give the kubeconfig file`;
    accessSync(path, constants.R_OK);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      return `${path} not found; check the path (relative paths start from the inventory's folder)`;
    if (code === 'EACCES' || code === 'EPERM')
      return `${path} cannot be read (permission denied); check its permissions`;
    return `${path} cannot be read (${code ?? 'error'}); check the path`;
  }
}

/** Rancher names must be unique, and each cluster imported once. */
function duplicateProblems(
  raw: RawInventory,
  rows: readonly InventoryRow[],
  file: string,
): string[] {
  const problems: string[] = [];
  const byName = new Map<string, InventoryRow>();
  const byTarget = new Map<string, InventoryRow>();
  const rowAt = new Map(raw.rows.map((r) => [r.line, r]));
  const field = (row: InventoryRow, key: string) => {
    const at = rowAt.get(row.line);
    return at ? fieldName(raw, at, [key]) : key;
  };
  const lineOfField = (row: InventoryRow, key: string) => {
    const at = rowAt.get(row.line);
    return at ? lineOf(at, [key]) : row.line;
  };
  for (const row of rows) {
    const first = byName.get(row.name);
    if (first) {
      problems.push(
        `${file}:${lineOfField(row, 'name')}: ${field(row, 'name')}: "${row.name}" is also the name at line ${lineOfField(first, 'name')}; names must be unique in Rancher: rename one`,
      );
    } else byName.set(row.name, row);
    const target = targetKey(row.access);
    if (!target) continue;
    const same = byTarget.get(target.key);
    if (same) {
      problems.push(
        `${file}:${lineOfField(row, target.field)}: ${field(row, target.field)}: the same cluster as line ${lineOfField(same, target.field)} (${same.name}); import each cluster once: remove one row`,
      );
    } else byTarget.set(target.key, row);
  }
  return problems;
}

function targetKey(access: InventoryAccess): { key: string; field: string } | undefined {
  if (access.kind === 'pks') return { key: `pks:${access.pksCluster}`, field: 'pksCluster' };
  if (access.kind === 'kubeconfig')
    return { key: `kubeconfig:${access.kubeconfig}#${access.context ?? ''}`, field: 'kubeconfig' };
  return undefined;
}
