import { isUtf8 } from 'node:buffer';
import { extname } from 'node:path';
import { parse as parseCsv, CsvError } from 'csv-parse/sync';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { closestName } from './did-you-mean.js';
import { ConfigError } from './errors.js';
import { csvColumns, csvLabelColumns, csvLabelPrefix } from './inventory-columns.js';
import { LocalFileError, readRegularFile } from '../systems/local-file.js';

/** Thousands of rows are a few hundred KiB; anything near this is the wrong file. */
export const inventoryFileLimit = 16 * 1024 * 1024;

/** One row as written, before validation: where it is, and where each field is. */
export interface RawRow {
  /** 0-based position among the rows (`clusters[3]`). */
  index: number;
  /** 1-based line of the row. */
  line: number;
  /** The row's data: a YAML mapping as written; a CSV record as the YAML form would hold it. */
  data: unknown;
  /** Lines of fields (`kubeconfig`, `labels.site`), where known. */
  lines: Record<string, number>;
}

export interface RawInventory {
  format: 'yaml' | 'csv';
  rows: RawRow[];
  /** Problems of the file as a whole (unknown sections or columns), already one line each. */
  problems: string[];
}

/**
 * An inventory file's rows with their line numbers: CSV for `.csv` (or a first line that
 * reads like a header), YAML otherwise. A file that cannot be read or parsed throws
 * ConfigError with one line naming the file (and line); content is never quoted.
 */
export function readInventoryFile(file: string, shown: string = file): RawInventory {
  const text = readText(file, shown).replace(/^\uFEFF/, ''); // editors on Windows add a BOM
  if (text.trim() === '')
    throw new ConfigError(
      [
        `${shown}: the inventory is empty; list the clusters under clusters: (YAML) or below a CSV header`,
      ],
      shown,
    );
  const ext = extname(file).toLowerCase();
  if (ext === '.csv') return readCsv(text, shown);
  if (ext === '.yaml' || ext === '.yml' || ext === '.json') return readYaml(text, shown, true);
  return looksLikeCsv(text) ? readCsv(text, shown) : readYaml(text, shown, false);
}

/** The first line that is not blank or a comment has commas and no `key:`. */
function looksLikeCsv(text: string): boolean {
  const first = text.split(/\r?\n/).find((line) => line.trim() && !line.trim().startsWith('#'));
  return first !== undefined && first.includes(',') && !/^\s*[\w"'-]+\s*:(\s|$)/.test(first);
}

function readText(file: string, shown: string): string {
  let bytes: Buffer;
  try {
    bytes = readRegularFile(file, inventoryFileLimit, 'an inventory');
  } catch (error) {
    throw new ConfigError([`${shown}: ${readFailure(error)}`], shown);
  }
  const nul = bytes.indexOf(0);
  const problem =
    nul >= 0
      ? `is not text (binary data at byte ${nul + 1}); give the YAML or CSV inventory`
      : !isUtf8(bytes)
        ? 'is not UTF-8 text; give the YAML or CSV inventory (save it as UTF-8)'
        : undefined;
  if (problem) throw new ConfigError([`${shown}: ${problem}`], shown);
  return bytes.toString('utf8');
}

function readFailure(error: unknown): string {
  if (error instanceof LocalFileError) {
    switch (error.code) {
      case 'missing':
        return 'file not found; check the path of --inventory (relative paths start from the current folder)';
      case 'folder':
        return 'is a folder; give the inventory file (YAML or CSV) inside it';
      case 'not-regular':
        return 'is not a regular file (a pipe, device or socket); give the YAML or CSV inventory';
      case 'too-large':
        return `${error.problem.replace(/: is it the right file\?$/, '')}; give the YAML or CSV inventory`;
      case 'unreadable':
        return `${error.problem}; check its permissions`;
    }
  }
  return `cannot be read (${error instanceof Error ? error.message : String(error)})`;
}

const neither =
  'is neither a YAML inventory (a clusters: list) nor a CSV one (a header line name,kubeconfig,…); give the inventory file';

/** YAML anchors may be reused this often; more is an alias bomb. */
const maxAliasCount = 100;

function readYaml(text: string, shown: string, named: boolean): RawInventory {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  const first = document.errors[0];
  if (first) {
    if (!named) throw new ConfigError([`${shown}: ${neither}`], shown);
    const position = first.linePos?.[0];
    const where = position ? `${shown}:${position.line}:${position.col}` : shown;
    const reason = (first.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    throw new ConfigError([`${where}: not valid YAML (${reason}); fix the syntax there`], shown);
  }
  const line = (offset: number | undefined) =>
    offset === undefined ? 1 : lineCounter.linePos(offset).line;
  const root = document.contents;
  if (root === null || (isScalar(root) && root.value === null))
    throw new ConfigError(
      [
        `${shown}: the inventory is empty; list the clusters under clusters: (YAML) or below a CSV header`,
      ],
      shown,
    );
  if (!isMap(root)) {
    if (isSeq(root))
      throw new ConfigError(
        [`${shown}:${line(root.range[0])}: the inventory is a list; put the rows under clusters:`],
        shown,
      );
    throw new ConfigError([`${shown}: ${neither}`], shown);
  }
  const problems: string[] = [];
  let clusters: unknown;
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const at = line(isScalar(pair.key) ? pair.key.range?.[0] : undefined);
    if (key === 'clusters') clusters = pair.value;
    else {
      const guess = closestName(key, ['clusters']);
      problems.push(
        `${shown}:${at}: ${key}: unknown section; ${guess ? 'did you mean clusters?' : 'remove it (the inventory has one section: clusters)'}`,
      );
    }
  }
  if (
    clusters === undefined ||
    clusters === null ||
    (isScalar(clusters) && clusters.value === null)
  )
    throw new ConfigError(
      [...problems, `${shown}: the inventory has no clusters; list them under clusters:`],
      shown,
    );
  if (!isSeq(clusters))
    throw new ConfigError(
      [...problems, `${shown}: clusters: must be a list of rows (- name: …); correct it`],
      shown,
    );
  const rows = clusters.items.map((item, index): RawRow => {
    const node = item as { range?: [number, number, number] };
    const lines: Record<string, number> = {};
    if (isMap(item)) {
      for (const pair of item.items) {
        if (!isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        lines[key] = line(pair.key.range?.[0]);
        if (isMap(pair.value))
          for (const inner of pair.value.items)
            if (isScalar(inner.key))
              lines[`${key}.${String(inner.key.value)}`] = line(inner.key.range?.[0]);
      }
    }
    return { index, line: line(node.range?.[0]), data: toJs(document, item, shown), lines };
  });
  return { format: 'yaml', rows, problems };
}

function toJs(document: Document, node: unknown, shown: string): unknown {
  try {
    return (node as { toJS(doc: Document, options: object): unknown }).toJS(document, {
      maxAliasCount,
    });
  } catch {
    throw new ConfigError(
      [
        `${shown}: too many YAML alias expansions (over ${maxAliasCount}); write the rows out without anchors and aliases`,
      ],
      shown,
    );
  }
}

interface CsvRecord {
  record: string[];
  info: { lines: number };
}

function readCsv(text: string, shown: string): RawInventory {
  let records: CsvRecord[];
  try {
    records = parseCsv(text, {
      info: true,
      skip_empty_lines: true,
      comment: '#',
      comment_no_infix: true,
      relax_column_count: true,
      trim: true,
    }) as unknown as CsvRecord[];
  } catch (error) {
    const at =
      error instanceof CsvError ? (error as CsvError & { lines?: number }).lines : undefined;
    const reason =
      error instanceof Error ? (error.message.split(':')[0] ?? 'syntax error') : 'syntax error';
    throw new ConfigError(
      [`${shown}${at ? `:${at}` : ''}: not valid CSV (${reason}); fix the quoting there`],
      shown,
    );
  }
  const [header, ...body] = records;
  if (!header)
    throw new ConfigError(
      [`${shown}: the inventory has no rows; add them below the CSV header`],
      shown,
    );
  const headerLine = startLine(header);
  const columns = header.record.map((cell) => canonicalColumn(cell));
  if (!columns.includes('name'))
    throw new ConfigError(
      [
        `${shown}:${headerLine}: the first line is not the CSV header (it has no name column); add the header line ${csvColumns.join(',')}`,
      ],
      shown,
    );
  const problems: string[] = [];
  const seen = new Set<string>();
  columns.forEach((column, i) => {
    if (column === '') {
      problems.push(
        `${shown}:${headerLine}: column ${i + 1} has no name; name it (${csvColumns.join(', ')} or label:<key>) or remove it`,
      );
    } else if (seen.has(column)) {
      problems.push(`${shown}:${headerLine}: column ${column} appears twice; remove one`);
    } else if (!isKnownColumn(column)) {
      const guess = closestName(column, csvColumns);
      problems.push(
        `${shown}:${headerLine}: column ${column}: unknown column; ${guess ? `did you mean ${guess}?` : `use ${csvColumns.join(', ')} or label:<key>`}`,
      );
    }
    seen.add(column);
  });
  const rows = body.map(({ record, ...rest }, index): RawRow => {
    const line = startLine({ record, ...rest });
    const data: Record<string, unknown> = {};
    const labels: Record<string, string> = {};
    const lines: Record<string, number> = {};
    if (record.length > columns.length) {
      problems.push(
        `${shown}:${line}: the row has ${record.length} cells but the header ${columns.length}; quote cells that hold commas or add the column to the header`,
      );
    }
    columns.forEach((column, i) => {
      const cell = record[i] ?? '';
      if (cell === '' || column === '' || !isKnownColumn(column)) return;
      const labelKey = csvLabelColumns.includes(column)
        ? column
        : column.startsWith(csvLabelPrefix)
          ? column.slice(csvLabelPrefix.length)
          : undefined;
      if (labelKey !== undefined) {
        labels[labelKey] = cell;
        lines[`labels.${labelKey}`] = line;
      } else {
        data[column] = cell;
        lines[column] = line;
      }
    });
    if (Object.keys(labels).length > 0) data.labels = labels;
    return { index, line, data, lines };
  });
  return { format: 'csv', rows, problems };
}

/** `info.lines` is where a record ends; a quoted cell may span lines. */
function startLine(record: CsvRecord): number {
  const breaks = record.record.reduce((sum, cell) => sum + (cell.match(/\n/g)?.length ?? 0), 0);
  return record.info.lines - breaks;
}

/** Header cells match the known columns without regard to case (`PKSCluster`). */
function canonicalColumn(cell: string): string {
  const lower = cell.trim().toLowerCase();
  if (lower.startsWith(csvLabelPrefix))
    return `${csvLabelPrefix}${cell.trim().slice(csvLabelPrefix.length)}`;
  return csvColumns.find((column) => column.toLowerCase() === lower) ?? cell.trim();
}

function isKnownColumn(column: string): boolean {
  return (
    (csvColumns as readonly string[]).includes(column) ||
    (column.startsWith(csvLabelPrefix) && column.length > csvLabelPrefix.length)
  );
}
