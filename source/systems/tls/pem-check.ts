import { X509Certificate, createPrivateKey } from 'node:crypto';
import {
  combine,
  slotNames,
  type TlsContents,
  type TlsFinding,
  type TlsPaths,
  type TlsSlot,
} from './finding.js';
import {
  blockKind,
  isCertificateBlock,
  isEncryptedKeyBlock,
  isPrivateKeyBlock,
  pemBlocks,
  type PemBlock,
} from './pem-blocks.js';

interface Problem {
  status: 'fail';
  message: string;
  remedy: string;
}

const id = 'tls.pem';

/** Key types nginx and Rancher's Go code both read. */
const usableKeyTypes = new Set(['rsa', 'ec', 'ed25519']);

/**
 * `tls.pem`: each file is PEM of the right kind. A DER file, a key in the CA slot,
 * a certificate in the key slot and a CSR are each named as such.
 * `paths` only improves the remedies (real file names instead of placeholders).
 */
export function checkPem(
  contents: Partial<TlsContents>,
  paths: Partial<TlsPaths> = {},
): TlsFinding {
  const problems: Problem[] = [];
  const summary: string[] = [];
  for (const slot of ['cert', 'key', 'caCerts'] as const) {
    const content = contents[slot];
    if (!content) continue; // unreadable: already reported by tls.files
    const file = paths[slot] ?? placeholder[slot];
    const problem = slotProblem(slot, content, file);
    if (problem) problems.push(problem);
    else summary.push(slotSummary(slot, content));
  }
  return combine(id, problems, `PEM files of the right kind: ${summary.join(', ')}`);
}

/** Whether one file is usable PEM for its slot; undefined when it is. */
export function slotProblem(slot: TlsSlot, content: Buffer, file: string): Problem | undefined {
  const blocks = pemBlocks(content);
  if (blocks.length === 0) return notPem(slot, content, file);
  if (slot === 'key') return keyProblem(blocks, file);
  return certificatesProblem(slot, blocks, file);
}

const placeholder: Record<TlsSlot, string> = {
  cert: 'CERT-FILE',
  key: 'KEY-FILE',
  caCerts: 'cacerts.pem',
};

function problem(slot: TlsSlot, what: string, remedy: string): Problem {
  return { status: 'fail', message: `${slotNames[slot]} ${what}`, remedy };
}

function notPem(slot: TlsSlot, content: Buffer, file: string): Problem {
  if (content.toString('latin1').trim() === '')
    return problem(slot, 'is empty', `put the ${wanted[slot]} in ${file}`);
  if (isDerCertificate(content)) {
    return problem(
      slot,
      'is a DER (binary) certificate, not PEM',
      `convert it: openssl x509 -inform der -in ${file} -out ${file}.pem, then use the .pem file`,
    );
  }
  if (isDerPrivateKey(content)) {
    return problem(
      slot,
      'is a DER (binary) private key, not PEM',
      slot === 'key'
        ? `convert it: openssl pkey -inform der -in ${file} -out ${file}.pem, then use the .pem file`
        : `this is a private key; put the ${wanted[slot]} in ${file}`,
    );
  }
  if (looksBinary(content)) {
    return problem(
      slot,
      'is binary (DER or a PKCS#12/PFX bundle), not PEM',
      `export it as PEM, e.g. openssl pkcs12 -in ${file} -nokeys -out certs.pem (and -nocerts -noenc for the key)`,
    );
  }
  return problem(
    slot,
    'holds no PEM block (-----BEGIN ...-----)',
    `put the ${wanted[slot]} in ${file}, in PEM form`,
  );
}

const wanted: Record<TlsSlot, string> = {
  cert: 'server certificate (then its intermediates)',
  key: 'private key of the server certificate',
  caCerts: 'CA certificate that signed the chain',
};

function certificatesProblem(
  slot: 'cert' | 'caCerts',
  blocks: PemBlock[],
  file: string,
): Problem | undefined {
  const certificates = blocks.filter(isCertificateBlock);
  if (certificates.length === 0) return wrongKind(slot, blocks[0], file);
  const damaged = certificates.findIndex((block) => !parsesAsCertificate(block));
  if (damaged >= 0) {
    return problem(
      slot,
      `has a damaged certificate (number ${damaged + 1}) that cannot be parsed`,
      `get a fresh copy of ${file}`,
    );
  }
  // cacerts.pem with a key among its certificates is tls.ca-only's finding.
  const foreign = blocks.filter(
    (block) => !isCertificateBlock(block) && !(slot === 'caCerts' && isPrivateKeyBlock(block)),
  );
  if (foreign.length > 0) {
    const kinds = [...new Set(foreign.map(blockKind))].join(' and ');
    return problem(
      slot,
      `also holds ${kinds}`,
      slot === 'cert'
        ? `keep only certificates in ${file}: the server certificate first, then intermediates; the key goes in tls.key`
        : `keep only CA certificates in ${file}`,
    );
  }
  return undefined;
}

/** The slot holds PEM, but not a single block of the kind it needs. */
function wrongKind(slot: TlsSlot, first: PemBlock | undefined, file: string): Problem {
  const kind = first ? blockKind(first) : 'nothing usable';
  const isCsr = first !== undefined && /REQUEST$/.test(first.label);
  if (isCsr) {
    return problem(
      slot,
      `holds ${kind}, not a certificate`,
      'send the CSR to your CA and use the certificate it returns',
    );
  }
  const swapped =
    (slot === 'cert' && first && isPrivateKeyBlock(first)) ||
    (slot === 'key' && first && isCertificateBlock(first));
  return problem(
    slot,
    `holds ${kind}, not ${slot === 'key' ? 'a private key' : slot === 'cert' ? 'a certificate' : 'CA certificates'}`,
    swapped
      ? 'tls.cert and tls.key look swapped; point each at the right file'
      : `put the ${wanted[slot]} in ${file}`,
  );
}

function keyProblem(blocks: PemBlock[], file: string): Problem | undefined {
  const keys = blocks.filter(isPrivateKeyBlock);
  const [key] = keys;
  if (!key) return wrongKind('key', blocks[0], file);
  if (keys.length > 1) {
    return problem(
      'key',
      `holds ${keys.length} private keys`,
      `keep only the server certificate's key in ${file}`,
    );
  }
  if (key.label === 'OPENSSH PRIVATE KEY') {
    return problem(
      'key',
      'holds an OpenSSH key, which nginx and Rancher cannot read',
      `use the key generated with the certificate's CSR`,
    );
  }
  if (isEncryptedKeyBlock(key)) return undefined; // tls.key-encrypted explains it
  return unreadableKey(key, file);
}

function unreadableKey(block: PemBlock, file: string): Problem | undefined {
  try {
    const type = createPrivateKey(block.text).asymmetricKeyType ?? 'unknown';
    if (usableKeyTypes.has(type)) return undefined;
    return problem(
      'key',
      `holds a ${type.toUpperCase()} key, which nginx and Rancher cannot use`,
      'reissue the certificate with an RSA or ECDSA key',
    );
  } catch {
    return problem(
      'key',
      'holds a private key that cannot be parsed (damaged or an unsupported format)',
      `check ${file}: openssl pkey -in ${file} -noout`,
    );
  }
}

function slotSummary(slot: TlsSlot, content: Buffer): string {
  const blocks = pemBlocks(content);
  if (slot === 'key') {
    const key = blocks.find(isPrivateKeyBlock);
    return `${slotNames.key}: ${key && isEncryptedKeyBlock(key) ? 'an encrypted private key' : 'a private key'}`;
  }
  const count = blocks.filter(isCertificateBlock).length;
  return `${slotNames[slot]}: ${count} certificate${count === 1 ? '' : 's'}`;
}

function parsesAsCertificate(block: PemBlock): boolean {
  try {
    new X509Certificate(block.der);
    return true;
  } catch {
    return false;
  }
}

function isDerCertificate(content: Buffer): boolean {
  try {
    new X509Certificate(content);
    return true;
  } catch {
    return false;
  }
}

function isDerPrivateKey(content: Buffer): boolean {
  for (const type of ['pkcs8', 'pkcs1', 'sec1'] as const) {
    try {
      createPrivateKey({ key: content, format: 'der', type });
      return true;
    } catch {
      // try the next encoding
    }
  }
  return false;
}

/** Text files are printable ASCII/UTF-8; DER and PKCS#12 are not. */
function looksBinary(content: Buffer): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\x00-\x08\x0e-\x1f]/.test(content.subarray(0, 512).toString('latin1'));
}
