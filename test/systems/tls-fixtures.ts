import { X509Certificate, createPrivateKey } from 'node:crypto';
import { createCa, issueCert, type Issued, type KeyType } from '../../source/lab/pki.js';

/** Certificates made at test time; nothing here is ever written to the repository. */
export const rancherHost = 'czrancherblog.sovsystems.com';
export const day = 24 * 60 * 60 * 1000;

export interface Pki {
  root: Issued;
  intermediate: Issued;
  /** Issued by the intermediate, for rancherHost. */
  server: Issued;
  /** Issued by the root directly. */
  direct: Issued;
  otherRoot: Issued;
  /** Issued by otherRoot. */
  foreign: Issued;
}

export async function makePki(keyType: KeyType = 'ec'): Promise<Pki> {
  const root = await createCa({ commonName: 'Sovsystems Root CA', keyType });
  const intermediate = await issueCert(root, {
    commonName: 'Sovsystems Issuing CA',
    isCa: true,
    keyType,
  });
  const server = await issueCert(intermediate, {
    commonName: rancherHost,
    dnsNames: [rancherHost],
    keyType,
  });
  const direct = await issueCert(root, {
    commonName: rancherHost,
    dnsNames: [rancherHost],
    keyType,
  });
  const otherRoot = await createCa({ commonName: 'Another Root CA', keyType });
  const foreign = await issueCert(otherRoot, {
    commonName: rancherHost,
    dnsNames: [rancherHost],
    keyType,
  });
  return { root, intermediate, server, direct, otherRoot, foreign };
}

export function pem(...parts: string[]): Buffer {
  return Buffer.from(parts.join(''));
}

export function der(certPem: string): Buffer {
  return new X509Certificate(certPem).raw;
}

export function encryptedPkcs8(keyPem: string): Buffer {
  return Buffer.from(
    createPrivateKey(keyPem)
      .export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'x' })
      .toString(),
  );
}

/** The traditional OpenSSL form with `Proc-Type: 4,ENCRYPTED` (RSA keys only). */
export function encryptedPkcs1(keyPem: string): Buffer {
  return Buffer.from(
    createPrivateKey(keyPem)
      .export({ format: 'pem', type: 'pkcs1', cipher: 'aes-256-cbc', passphrase: 'x' })
      .toString(),
  );
}
