import { createHash, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import type { LabContext } from '../context.js';
import { toPem } from '../pem.js';
import type { FakeCertificate } from './fake-certificate.js';
// pki.ts registers Node's WebCrypto with @peculiar/x509.
import '../pki.js';

/** The subject CN of the certificate Traefik serves when nothing else fits (generate.go DefaultDomain). */
export const traefikDefaultCertCommonName = 'TRAEFIK DEFAULT CERT';
const year = 365 * 24 * 60 * 60 * 1000;

/**
 * Built like Traefik's `generate.DefaultCertificate` (pkg/tls/generate/generate.go @v3.6.2):
 * RSA 2048, self-signed, CN `TRAEFIK DEFAULT CERT`, one SAN `<32 hex>.<32 hex>.traefik.default`
 * from a random SHA-256, a year long, a 128-bit random serial, CA:FALSE, key usage
 * keyEncipherment+digitalSignature+keyAgreement+dataEncipherment, server auth.
 */
async function generate(): Promise<FakeCertificate> {
  const keys = (await webcrypto.subtle.generateKey(
    {
      name: 'RSASSA-PKCS1-v1_5',
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: 'SHA-256',
    },
    true,
    ['sign', 'verify'],
  )) as webcrypto.CryptoKeyPair;
  const z = createHash('sha256')
    .update(webcrypto.getRandomValues(new Uint8Array(100)))
    .digest('hex');
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    // A leading zero byte keeps the serial positive.
    serialNumber: '00' + Buffer.from(webcrypto.getRandomValues(new Uint8Array(16))).toString('hex'),
    name: `CN=${traefikDefaultCertCommonName}`,
    notBefore: new Date(now),
    notAfter: new Date(now + year),
    signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as webcrypto.Algorithm,
    keys,
    extensions: [
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyEncipherment |
          x509.KeyUsageFlags.digitalSignature |
          x509.KeyUsageFlags.keyAgreement |
          x509.KeyUsageFlags.dataEncipherment,
        true,
      ),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.SubjectAlternativeNameExtension([
        { type: 'dns', value: `${z.slice(0, 32)}.${z.slice(32)}.traefik.default` },
      ]),
    ],
  });
  const keyDer = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  return { certPem: cert.toString('pem') + '\n', keyPem: toPem('PRIVATE KEY', keyDer) };
}

const byLab = new WeakMap<LabContext, Promise<FakeCertificate>>();

/**
 * One per lab. Each real Traefik pod makes its own at start-up; behind one virtual server
 * which pod answers varies, so tests must not rely on its serial or SAN.
 */
export function traefikDefaultCertificate(lab: LabContext): Promise<FakeCertificate> {
  let pending = byLab.get(lab);
  if (!pending) {
    pending = generate();
    byLab.set(lab, pending);
  }
  return pending;
}
