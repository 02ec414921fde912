import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Env } from '../shared/env.js';

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Where `binary` would be found on `env.PATH` (as `which` does); a path is checked as is. */
export function findOnPath(binary: string, env: Env = process.env): string | undefined {
  if (binary.includes('/')) return isExecutableFile(binary) ? binary : undefined;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, binary);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}
