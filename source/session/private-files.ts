import { chmodSync, mkdirSync } from 'node:fs';

/** Session files hold cluster names, hostnames and file paths: only the owner reads them. */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/**
 * Creates `dir` (and missing parents) as 0700. `enforce` also tightens a folder that
 * already existed: right for folders we own, wrong for one the user pointed us at.
 */
export function ensurePrivateDir(dir: string, enforce = true): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (enforce) chmodSync(dir, PRIVATE_DIR_MODE);
}
