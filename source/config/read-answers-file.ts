import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseDocument } from 'yaml';
import { ConfigError } from './errors.js';
import { jsonErrorOffset, lineColumn } from './json-error-offset.js';

/**
 * The answers file's data: JSON for `.json`, YAML otherwise.
 * Every failure is one line naming the file (and the line and column for syntax errors).
 */
export function readAnswersFile(file: string): unknown {
  const text = readText(file).replace(/^\uFEFF/, ''); // editors on Windows add a BOM
  const data =
    extname(file).toLowerCase() === '.json' ? parseJson(file, text) : parseYaml(file, text);
  if (data === null || data === undefined) {
    throw new ConfigError(
      [`${file}: the answers file is empty; fill in the pks, rancher and tls sections`],
      file,
    );
  }
  return data;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError([`${file}: ${readFailure(error)}`], file);
  }
}

function readFailure(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'ENOENT')
    return 'file not found; check the path (relative paths start from the current folder)';
  if (code === 'EACCES' || code === 'EPERM')
    return 'cannot read the file (permission denied); check its permissions';
  if (code === 'EISDIR') return 'is a folder, not an answers file; give the YAML or JSON file';
  return `cannot read the file (${error instanceof Error ? error.message : String(error)})`;
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const offset = jsonErrorOffset(text) ?? text.length;
    const { line, column } = lineColumn(text, offset);
    // V8 adds a slice of the file or an offset after the reason; the line and column say where.
    const reason =
      error instanceof Error
        ? (error.message
            .replace(/, ".*$/s, '')
            .replace(/ in JSON at position \d+.*$/s, '')
            .split('\n')[0] ?? '')
        : 'syntax error';
    throw new ConfigError(
      [`${file}:${line}:${column}: not valid JSON (${reason}); fix the syntax there`],
      file,
    );
  }
}

function parseYaml(file: string, text: string): unknown {
  const document = parseDocument(text); // prettyErrors (the default) fills in linePos
  const first = document.errors[0];
  if (first) {
    const position = first.linePos?.[0];
    const where = position ? `${file}:${position.line}:${position.col}` : file;
    const reason = (first.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    throw new ConfigError([`${where}: not valid YAML (${reason}); fix the syntax there`], file);
  }
  return document.toJS() as unknown;
}
