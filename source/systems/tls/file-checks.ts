import { readFile } from 'node:fs/promises';
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
      contents[slot] = await readFile(paths[slot]);
    } catch (error) {
      problems.push({ status: 'fail', ...readProblem(slot, paths[slot], error) });
    }
  }
  return {
    finding: combine('tls.files', problems, 'the certificate, key and CA files are readable'),
    contents,
  };
}

function readProblem(
  slot: TlsSlot,
  path: string,
  error: unknown,
): { message: string; remedy: string } {
  const code = (error as { code?: unknown }).code;
  const setting = `tls.${slot}`;
  if (code === 'ENOENT')
    return {
      message: `${slotNames[slot]} ${path} does not exist`,
      remedy: `check ${setting} (relative paths start from the answers file’s folder)`,
    };
  if (code === 'EACCES' || code === 'EPERM')
    return {
      message: `${slotNames[slot]} ${path} cannot be read (permission denied)`,
      remedy: `let this user read it, e.g. chmod u+r ${path}`,
    };
  if (code === 'EISDIR')
    return {
      message: `${slotNames[slot]} ${path} is a folder`,
      remedy: `point ${setting} at the file inside it`,
    };
  return {
    message: `${slotNames[slot]} ${path} cannot be read (${error instanceof Error ? error.message : String(error)})`,
    remedy: `check ${setting}`,
  };
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
