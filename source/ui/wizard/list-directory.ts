import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DirEntry } from './complete-path.js';

/** The filesystem side of path completion. Symlinks count as what they point at. */
export function listDirectory(dir: string): DirEntry[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).map((entry) => ({
      name: entry.name,
      isDirectory:
        entry.isDirectory() || (entry.isSymbolicLink() && isDirectory(join(dir, entry.name))),
    }));
  } catch {
    return [];
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
