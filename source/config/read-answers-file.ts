import { isUtf8 } from 'node:buffer';
import { extname } from 'node:path';
import { parseDocument } from 'yaml';
import { ConfigError } from './errors.js';
import { LocalFileError, readRegularFile } from '../systems/local-file.js';
import { jsonErrorOffset, lineColumn } from './json-error-offset.js';

/** An answers file is a few hundred bytes; anything near this is the wrong file. */
export const answersFileLimit = 1024 * 1024;

/**
 * The answers file's data: JSON for `.json`, YAML otherwise.
 * Every failure is one line naming the file (and the line and column for syntax errors),
 * and never quotes the file's content: the wrong file may hold a key.
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
  let bytes: Buffer;
  try {
    bytes = readRegularFile(file, answersFileLimit, 'an answers file');
  } catch (error) {
    throw new ConfigError([`${file}: ${readFailure(error)}`], file);
  }
  const problem = notAnswersText(bytes);
  if (problem) throw new ConfigError([`${file}: ${problem}`], file);
  return bytes.toString('utf8');
}

/** Why these bytes cannot be an answers file (binary, PEM), without quoting them. */
function notAnswersText(bytes: Buffer): string | undefined {
  const nul = bytes.indexOf(0);
  if (nul >= 0)
    return `is not text (binary data at byte ${nul + 1}); give the YAML or JSON answers file`;
  if (!isUtf8(bytes))
    return 'is not UTF-8 text; give the YAML or JSON answers file (save it as UTF-8)';
  if (/-----BEGIN [A-Z0-9 ]+-----/.test(bytes.toString('latin1')))
    return 'holds a PEM block (a certificate or key), not answers; give the answers file and name the PEM files under tls:';
  return undefined;
}

function readFailure(error: unknown): string {
  if (error instanceof LocalFileError) {
    switch (error.code) {
      case 'missing':
        return 'file not found; check the path (relative paths start from the current folder)';
      case 'folder':
        return 'is a folder, not an answers file; give the YAML or JSON file';
      case 'not-regular':
        return 'is not a regular file (a pipe, device or socket); give the YAML or JSON answers file';
      case 'too-large':
        return `${error.problem.replace(/: is it the right file\?$/, '')}; give the YAML or JSON answers file`;
      case 'unreadable':
        return `${error.problem}; check its permissions`;
    }
  }
  return `cannot be read (${error instanceof Error ? error.message : String(error)})`;
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

/** YAML anchors may be reused this often; more is an alias bomb (a billion laughs). */
const maxAliasCount = 100;

function parseYaml(file: string, text: string): unknown {
  const document = parseDocument(text); // prettyErrors (the default) fills in linePos
  const first = document.errors[0];
  if (first) {
    const position = first.linePos?.[0];
    const where = position ? `${file}:${position.line}:${position.col}` : file;
    const reason = (first.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    throw new ConfigError([`${where}: not valid YAML (${reason}); fix the syntax there`], file);
  }
  try {
    return document.toJS({ maxAliasCount }) as unknown;
  } catch {
    // The yaml library refuses with "Excessive alias count indicates a resource exhaustion attack".
    throw new ConfigError(
      [
        `${file}: too many YAML alias expansions (over ${maxAliasCount}: an alias bomb?); write the answers out without anchors and aliases`,
      ],
      file,
    );
  }
}
