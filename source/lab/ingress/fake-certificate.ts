import { webcrypto } from 'node:crypto';
import { toPem } from '../pem.js';
import * as x509 from '@peculiar/x509';
import type { LabContext } from '../context.js';
// pki.ts registers Node's WebCrypto with @peculiar/x509.
import '../pki.js';

export interface FakeCertificate {
  certPem: string;
  keyPem: string;
}

/** ingress-nginx's own subject and SAN for the certificate it serves when it has no other. */
export const fakeCertificateSubject =
  'O=Acme Co, CN=Kubernetes Ingress Controller Fake Certificate';
export const fakeCertificateCommonName = 'Kubernetes Ingress Controller Fake Certificate';
const fakeCertificateDnsName = 'ingress.local';
const year = 365 * 24 * 60 * 60 * 1000;

const rsa: webcrypto.RsaHashedKeyGenParams = {
  name: 'RSASSA-PKCS1-v1_5',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: 'SHA-256',
};

function pemOfPrivateKey(der: ArrayBuffer): string {
  return toPem('PRIVATE KEY', der);
}

/**
 * Built like ingress-nginx's `GetFakeSSLCert`: self-signed RSA 2048, a year long, a leaf
 * (not a CA). pki.ts only makes `CN=` subjects, and this one needs `O=Acme Co` too.
 */
async function generate(): Promise<FakeCertificate> {
  const keys = (await webcrypto.subtle.generateKey(rsa, true, [
    'sign',
    'verify',
  ])) as webcrypto.CryptoKeyPair;
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01' + Buffer.from(webcrypto.getRandomValues(new Uint8Array(12))).toString('hex'),
    name: fakeCertificateSubject,
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + year),
    signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as webcrypto.Algorithm,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
        true,
      ),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: fakeCertificateDnsName }]),
    ],
  });
  const keyDer = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  return { certPem: cert.toString('pem') + '\n', keyPem: pemOfPrivateKey(keyDer) };
}

const byLab = new WeakMap<LabContext, Promise<FakeCertificate>>();

/** One fake certificate per lab, as one per controller install. */
export function fakeCertificate(lab: LabContext): Promise<FakeCertificate> {
  let pending = byLab.get(lab);
  if (!pending) {
    pending = generate();
    byLab.set(lab, pending);
  }
  return pending;
}
