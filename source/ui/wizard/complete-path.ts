import { resolve } from 'node:path';
import { resolveAnswerPath } from '../../config/field-rules.js';

/** Tab completion for file paths, as a shell does it; the directory listing is passed in. */

export interface DirEntry {
  name: string;
  isDirectory: boolean;
}

/** Lists a folder; an unreadable or missing one lists as empty. */
export type ListDirectory = (dir: string) => readonly DirEntry[];

export interface CompletionContext {
  /** Relative paths are taken from here (the answers file's folder, or the current one). */
  baseDir: string;
  home: string;
  list: ListDirectory;
}

export interface PathCompletion {
  /** The input, completed as far as it is unambiguous. */
  value: string;
  /** The names still possible when there are several (folders end in `/`). */
  candidates: string[];
}

export function completePath(input: string, context: CompletionContext): PathCompletion {
  if (input === '~') return { value: '~/', candidates: [] };
  const slash = input.lastIndexOf('/');
  const typedDir = input.slice(0, slash + 1);
  const prefix = input.slice(slash + 1);
  // resolve() also drops the trailing slash, so `dir/` and `dir` list the same folder.
  const dir = resolve(resolveAnswerPath(typedDir || '.', context.baseDir, context.home));
  const matches = context
    .list(dir)
    .filter((entry) => entry.name.startsWith(prefix) && visible(entry.name, prefix))
    .sort((a, b) => a.name.localeCompare(b.name));
  const [only] = matches;
  if (!only) return { value: input, candidates: [] };
  if (matches.length === 1) return { value: typedDir + shown(only), candidates: [] };
  const common = commonPrefix(matches.map((entry) => entry.name));
  return { value: typedDir + common, candidates: matches.map(shown) };
}

/** Hidden files are offered only once the user types the leading dot. */
function visible(name: string, prefix: string): boolean {
  return prefix.startsWith('.') || !name.startsWith('.');
}

function shown(entry: DirEntry): string {
  return entry.isDirectory ? `${entry.name}/` : entry.name;
}

function commonPrefix(names: readonly string[]): string {
  let prefix = names[0] ?? '';
  for (const name of names) {
    while (!name.startsWith(prefix)) prefix = prefix.slice(0, -1);
  }
  return prefix;
}
