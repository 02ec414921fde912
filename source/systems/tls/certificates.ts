import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import {
  isCertificateBlock,
  isEncryptedKeyBlock,
  isPrivateKeyBlock,
  pemBlocks,
} from './pem-blocks.js';

/** Every certificate in PEM text, in file order; blocks that do not parse are left out. */
export function certificatesIn(content: Buffer): X509Certificate[] {
  return pemBlocks(content)
    .filter(isCertificateBlock)
    .flatMap((block) => {
      try {
        return [new X509Certificate(block.der)];
      } catch {
        return [];
      }
    });
}

/** The first private key in PEM text, unless it is missing, encrypted or unreadable. */
export function privateKeyIn(content: Buffer): KeyObject | undefined {
  const block = pemBlocks(content).find(isPrivateKeyBlock);
  if (!block || isEncryptedKeyBlock(block)) return undefined;
  try {
    return createPrivateKey(block.text);
  } catch {
    return undefined;
  }
}

/** `"CN=czrancherblog.sovsystems.com"`: the subject on one line, for messages. */
export function describe(cert: X509Certificate): string {
  return JSON.stringify(oneLine(cert.subject));
}

export function describeIssuer(cert: X509Certificate): string {
  return JSON.stringify(oneLine(cert.issuer));
}

function oneLine(name: string): string {
  return name.split('\n').filter(Boolean).join(', ');
}

/**
 * True when `issuer`'s key signed `subject` and the names line up. Not OpenSSL's
 * `checkIssued`: it also refuses issuers that are no CA or lack keyCertSign, which
 * ca-rules.ts reports by name instead of as an unexplained break.
 */
export function issued(issuer: X509Certificate, subject: X509Certificate): boolean {
  try {
    return subject.issuer === issuer.subject && subject.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

export function isSelfSigned(cert: X509Certificate): boolean {
  return issued(cert, cert);
}

export function sameCertificate(a: X509Certificate, b: X509Certificate): boolean {
  return a.fingerprint256 === b.fingerprint256;
}

export function notBefore(cert: X509Certificate): Date {
  return new Date(cert.validFrom);
}

export function notAfter(cert: X509Certificate): Date {
  return new Date(cert.validTo);
}

/** SubjectPublicKeyInfo bytes, to compare a key with a certificate whatever the key type. */
export function publicKeyBytes(key: KeyObject): Buffer {
  return key.export({ type: 'spki', format: 'der' });
}
