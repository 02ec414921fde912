import { certificatesIn, describe } from './certificates.js';
import { combine, fail, type TlsFinding } from './finding.js';
import { isPrivateKeyBlock, pemBlocks } from './pem-blocks.js';

const id = 'tls.ca-only';

/**
 * `tls.ca-only`: cacerts.pem holds CA certificates (basicConstraints CA:TRUE) and nothing else.
 * Its content is mounted into every Rancher pod and served at /cacerts, so a key there leaks.
 */
export function checkCaOnly(caCerts: Buffer): TlsFinding {
  const certificates = certificatesIn(caCerts);
  if (certificates.length === 0)
    return fail(id, 'cacerts.pem holds no readable certificate', 'fix tls.pem first');
  const problems = [];
  if (pemBlocks(caCerts).some(isPrivateKeyBlock)) {
    problems.push({
      status: 'fail' as const,
      message: 'cacerts.pem holds a private key; Rancher serves this file to anyone at /cacerts',
      remedy: 'remove the key from cacerts.pem (and replace that key if the file was shared)',
    });
  }
  for (const leaf of certificates.filter((cert) => !cert.ca)) {
    problems.push({
      status: 'fail' as const,
      message: `cacerts.pem holds ${describe(leaf)}, which is not a CA certificate (basicConstraints CA:FALSE)`,
      remedy:
        'cacerts.pem holds only the CA certificate(s) that signed the chain; the server certificate goes in tls.cert',
    });
  }
  const count = certificates.length;
  return combine(
    id,
    problems,
    `cacerts.pem holds ${count} CA certificate${count === 1 ? '' : 's'} and no key`,
  );
}
