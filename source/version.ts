import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './shared/package-root.js';

/** The package version, from our package.json. */
export function packageVersion(): string {
  return (
    JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }
  ).version;
}
