import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Writes `content` to a file only we can read (dir 0700, file 0600), hands its path to
 * `use`, and removes it afterwards whatever happens: how secrets reach a CLI without
 * appearing on its command line.
 */
export async function withPrivateTempFile<T>(
  fileName: string,
  content: string,
  use: (path: string) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'rancher-pks-tui-'));
  try {
    const path = join(dir, fileName);
    await writeFile(path, content, { mode: 0o600, flag: 'wx' });
    return await use(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
