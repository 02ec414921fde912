import { checkCaOnly } from './tls/ca-only-check.js';
import { checkChain } from './tls/chain-check.js';
import { checkCacertsName, readTlsFiles } from './tls/file-checks.js';
import {
  skip,
  slotNames,
  type TlsContents,
  type TlsFinding,
  type TlsPaths,
  type TlsSlot,
} from './tls/finding.js';
import { checkHostname } from './tls/hostname-check.js';
import { checkKeyEncrypted, checkKeyMatch } from './tls/key-checks.js';
import { checkPem, slotProblem } from './tls/pem-check.js';
import { checkValidity } from './tls/validity-check.js';

/**
 * Certificate checks for the Rancher TLS secrets, run before anything is created.
 * Pure functions over file contents; only readTlsFiles/checkTlsFiles touch the disk.
 */
export {
  checkCaOnly,
  checkCacertsName,
  checkChain,
  checkHostname,
  checkKeyEncrypted,
  checkKeyMatch,
  checkPem,
  checkValidity,
  readTlsFiles,
};
export { hostnameMatches, dnsNames } from './tls/hostname-check.js';
export { certificatesIn, describe, describeIssuer, notAfter } from './tls/certificates.js';
export { expiryFailureDays, expiryWarningDays } from './tls/validity-check.js';
export { readTlsFile, tlsFileLimit } from './tls/file-checks.js';
export { tlsCheckIds } from './tls/finding.js';
export type {
  FindingStatus,
  TlsCheckId,
  TlsContents,
  TlsFinding,
  TlsPaths,
  TlsSlot,
} from './tls/finding.js';

/** Reads the three files once and runs every TLS check, in order. */
export async function checkTlsFiles(
  paths: TlsPaths,
  hostname: string,
  now: Date = new Date(),
): Promise<TlsFinding[]> {
  const { finding, contents } = await readTlsFiles(paths);
  return [finding, ...checkTlsContents(contents, paths, hostname, now)];
}

/**
 * Every check after `tls.files`, over contents already read. A check whose input an earlier
 * check found unusable is reported as `skip`, naming what to fix first.
 */
export function checkTlsContents(
  contents: Partial<TlsContents>,
  paths: TlsPaths,
  hostname: string,
  now: Date = new Date(),
): TlsFinding[] {
  const usable = usableSlots(contents, paths);
  const { cert, key, caCerts } = usable;
  const keyEncrypted = key
    ? checkKeyEncrypted(key, paths.key)
    : skip('tls.key-encrypted', unusable('key', contents));
  const keyReadable = keyEncrypted.status === 'pass';
  return [
    checkCacertsName(paths.caCerts),
    checkPem(contents, paths),
    keyEncrypted,
    cert && key && keyReadable
      ? checkKeyMatch(cert, key, caCerts)
      : skip(
          'tls.key-match',
          !cert
            ? unusable('cert', contents)
            : key
              ? 'the key has a passphrase (see tls.key-encrypted)'
              : unusable('key', contents),
        ),
    cert ? checkHostname(cert, hostname) : skip('tls.hostname', unusable('cert', contents)),
    cert ? checkValidity(cert, now) : skip('tls.validity', unusable('cert', contents)),
    cert && caCerts
      ? checkChain(cert, caCerts, now)
      : skip('tls.chain', unusable(cert ? 'caCerts' : 'cert', contents)),
    caCerts ? checkCaOnly(caCerts) : skip('tls.ca-only', unusable('caCerts', contents)),
  ];
}

/** The contents that were read and hold PEM of the right kind for their slot. */
function usableSlots(contents: Partial<TlsContents>, paths: TlsPaths): Partial<TlsContents> {
  const usable: Partial<TlsContents> = {};
  for (const slot of ['cert', 'key', 'caCerts'] as const) {
    const content = contents[slot];
    if (content && !slotProblem(slot, content, paths[slot])) usable[slot] = content;
  }
  return usable;
}

function unusable(slot: TlsSlot, contents: Partial<TlsContents>): string {
  return contents[slot]
    ? `${slotNames[slot]} is not usable PEM (see tls.pem)`
    : `${slotNames[slot]} could not be read (see tls.files)`;
}
