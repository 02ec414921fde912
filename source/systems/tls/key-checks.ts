import { createPublicKey, type X509Certificate } from 'node:crypto';
import { certificatesIn, describe, privateKeyIn, publicKeyBytes } from './certificates.js';
import { fail, pass, type TlsFinding } from './finding.js';
import { isEncryptedKeyBlock, isPrivateKeyBlock, pemBlocks } from './pem-blocks.js';

/**
 * `tls.key-encrypted`: nginx (and Rancher) load the key with no one to type a passphrase,
 * so a passphrase-protected key fails at runtime; catch it here.
 */
export function checkKeyEncrypted(key: Buffer, keyPath = 'KEY-FILE'): TlsFinding {
  const block = pemBlocks(key).find(isPrivateKeyBlock);
  if (block && isEncryptedKeyBlock(block)) {
    return fail(
      'tls.key-encrypted',
      `the private key is protected by a passphrase (${block.label === 'ENCRYPTED PRIVATE KEY' ? 'ENCRYPTED PRIVATE KEY' : 'Proc-Type: 4,ENCRYPTED'}); Rancher and nginx cannot read it`,
      `decrypt it once: openssl pkey -in ${keyPath} -out ${keyPath}.plain, then point tls.key at ${keyPath}.plain (keep it private)`,
    );
  }
  return pass('tls.key-encrypted', 'the private key has no passphrase');
}

/** `tls.key-match`: the key is the one the first (server) certificate was issued for. */
export function checkKeyMatch(cert: Buffer, key: Buffer, caCerts?: Buffer): TlsFinding {
  const [server, ...others] = certificatesIn(cert);
  const privateKey = privateKeyIn(key);
  if (!server || !privateKey) {
    return fail(
      'tls.key-match',
      'the certificate or the key could not be read',
      'fix the findings of tls.pem and tls.key-encrypted first',
    );
  }
  const keyBytes = publicKeyBytes(createPublicKey(privateKey));
  if (keyBytes.equals(publicKeyBytes(server.publicKey))) {
    return pass(
      'tls.key-match',
      `the private key matches the server certificate ${describe(server)}`,
    );
  }
  return fail(
    'tls.key-match',
    mismatchMessage(server, keyBytes, others, caCerts),
    'use the key that was generated with this certificate’s CSR (or reissue the certificate for this key)',
  );
}

/** Names the certificate the key does belong to, when it is one of ours: a common mix-up. */
function mismatchMessage(
  server: X509Certificate,
  keyBytes: Buffer,
  others: X509Certificate[],
  caCerts?: Buffer,
): string {
  const owns = (candidate: X509Certificate) => keyBytes.equals(publicKeyBytes(candidate.publicKey));
  const laterInFile = others.find(owns);
  if (laterInFile) {
    return `the private key belongs to ${describe(laterInFile)}, a later certificate in the certificate file, not to the first one, ${describe(server)}; the server certificate must come first`;
  }
  const inCaFile = caCerts ? certificatesIn(caCerts).find(owns) : undefined;
  if (inCaFile)
    return `the private key belongs to the CA ${describe(inCaFile)} from cacerts.pem, not to the server certificate ${describe(server)}`;
  return `the private key does not match the server certificate ${describe(server)}; it is the key of another certificate`;
}
