import { createHash } from 'node:crypto';
import { certificatesIn } from '../../systems/tls.js';

/**
 * Whether a rotation changes the CA: the certificates of two CA bundles, compared as sets of
 * fingerprints (a re-saved file with other line ends or order is the same CA). An empty or
 * unreadable bundle is never "the same".
 */
export function sameCaBundle(a: string, b: string): boolean {
  const prints = (pem: string) =>
    new Set(certificatesIn(Buffer.from(pem)).map((c) => c.fingerprint256));
  const left = prints(a);
  const right = prints(b);
  if (left.size === 0 || left.size !== right.size) return false;
  return [...left].every((p) => right.has(p));
}

/**
 * What agents pin as CATTLE_CA_CHECKSUM: the sha256 (hex) of Rancher's `cacerts` setting,
 * with a newline added when it has none (rancher/rancher pkg/systemtemplate/import.go
 * `CAChecksum`, v2.12.3); the setting is the tls-ca secret's cacerts.pem as a pod read it.
 */
export function caChecksum(bundle: string): string {
  const text = bundle.endsWith('\n') ? bundle : bundle + '\n';
  return createHash('sha256').update(text).digest('hex');
}
