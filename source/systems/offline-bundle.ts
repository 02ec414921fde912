import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../session/private-files.js';

/** What the site runs, from inside the bundle's folder. */
export const bundleCommand = ['kubectl', 'apply', '-f', 'import.yaml'];

/**
 * An offline cluster's bundle: `<dir>/<name>/import.yaml` (Rancher's import manifest, which
 * holds the registration token: the reason the folder is 0700 and the files 0600) and
 * `command.txt` with the one command a person at the site runs. Rewritten on every run: the
 * manifest is the same while the cluster's registration token is.
 */
export function writeOfflineBundle(dir: string, name: string, manifest: string): string {
  ensurePrivateDir(dir);
  const folder = join(dir, name);
  ensurePrivateDir(folder);
  const write = (file: string, text: string) => {
    const path = join(folder, file);
    writeFileSync(path, text, { mode: PRIVATE_FILE_MODE });
    chmodSync(path, PRIVATE_FILE_MODE); // an older file keeps its mode through writeFileSync
  };
  write('import.yaml', manifest);
  write(
    'command.txt',
    [
      `# Registers ${name} with Rancher. Run it where kubectl reaches this cluster, in this folder:`,
      bundleCommand.join(' '),
      '',
    ].join('\n'),
  );
  return folder;
}
