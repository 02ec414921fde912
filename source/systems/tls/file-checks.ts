import { LocalFileError, readRegularFile } from '../local-file.js';
import { basename, dirname, join } from 'node:path';
import {
  combine,
  fail,
  pass,
  slotNames,
  type TlsContents,
  type TlsFinding,
  type TlsPaths,
  type TlsSlot,
} from './finding.js';

const slots: readonly TlsSlot[] = ['cert', 'key', 'caCerts'];

export interface ReadTlsFiles {
  finding: TlsFinding;
  /** What could be read; an unreadable file's slot is absent. */
  contents: Partial<TlsContents>;
}

/** `tls.files`: the three files can be read. Reads each once; the other checks use the bytes. */
export async function readTlsFiles(paths: TlsPaths): Promise<ReadTlsFiles> {
  const contents: Partial<TlsContents> = {};
  const problems: { status: 'fail'; message: string; remedy: string }[] = [];
  for (const slot of slots) {
    try {
      contents[slot] = readTlsFile(paths[slot]);
    } catch (error) {
      problems.push({ status: 'fail', ...readProblem(slot, paths[slot], error) });
    }
  }
  return {
    finding: combine('tls.files', problems, 'the certificate, key and CA files are readable'),
    contents,
  };
}

/**
 * A certificate, key or CA file is a few KiB; the three go into Secrets, and the API server
 * refuses an object over 1 MiB. A regular file only: a pipe could hang the install.
 */
export const tlsFileLimit = 256 * 1024;

/** The bytes of one TLS file, within the limit (the certificates stage reads them the same way). */
export function readTlsFile(path: string): Buffer {
  return readRegularFile(path, tlsFileLimit, 'a certificate, key or CA file');
}

function readProblem(
  slot: TlsSlot,
  path: string,
  error: unknown,
): { message: string; remedy: string } {
  const setting = `tls.${slot}`;
  const what = `${slotNames[slot]} ${path}`;
  const code = error instanceof LocalFileError ? error.code : undefined;
  switch (code) {
    case 'missing':
      return {
        message: `${what} does not exist`,
        remedy: `check ${setting} (relative paths start from the answers file’s folder)`,
      };
    case 'unreadable':
      return {
        message: `${what} ${(error as LocalFileError).problem}`,
        remedy: `let this user read it, e.g. chmod u+r ${path}`,
      };
    case 'folder':
      return { message: `${what} is a folder`, remedy: `point ${setting} at the file inside it` };
    case 'not-regular':
    case 'too-large':
      return {
        message: `${what} ${(error as LocalFileError).problem}`,
        remedy: `point ${setting} at the PEM file itself`,
      };
    default:
      return {
        message: `${what} cannot be read (${error instanceof Error ? error.message : String(error)})`,
        remedy: `check ${setting}`,
      };
  }
}

/** `tls.cacerts-name`: Rancher reads the secret key `cacerts.pem`, which kubectl takes from the file name. */
export function checkCacertsName(caCertsPath: string): TlsFinding {
  const name = basename(caCertsPath);
  if (name === 'cacerts.pem') return pass('tls.cacerts-name', 'the CA file is named cacerts.pem');
  return fail(
    'tls.cacerts-name',
    `the CA file is named ${name}, but must be named cacerts.pem (Rancher reads the secret key cacerts.pem; otherwise it fails with "read /etc/rancher/ssl/cacerts.pem: is a directory")`,
    `rename or copy it: cp ${caCertsPath} ${join(dirname(caCertsPath), 'cacerts.pem')}, then set tls.caCerts to the copy`,
  );
}
