import type { X509Certificate } from 'node:crypto';
import {
  BasicConstraintsExtension,
  KeyUsageFlags,
  KeyUsagesExtension,
  X509Certificate as ParsedCertificate,
} from '@peculiar/x509';
import { describe, notAfter, notBefore } from './certificates.js';

/**
 * The rules a TLS client applies to every link of a verified chain, beyond signatures:
 * Go's crypto/x509 (Rancher's agents) and browsers refuse an issuer that is not a CA, one
 * whose keyUsage lacks keyCertSign, one whose pathLenConstraint the chain exceeds, and any
 * certificate outside its dates (Go: x509/verify.go `isValid`, x509.go `CheckSignatureFrom`).
 */

export interface ChainProblem {
  message: string;
  remedy: string;
}

interface CaFacts {
  /** basicConstraints `CA:TRUE`; undefined when the extension is absent. */
  ca?: boolean;
  pathLength?: number;
  /** keyUsage bits; undefined when the extension is absent. */
  keyUsage?: number;
  /** A v1 certificate has no extensions at all; Go accepts it as an issuer. */
  hasExtensions: boolean;
}

function caFacts(cert: X509Certificate): CaFacts {
  const parsed = new ParsedCertificate(cert.raw);
  const constraints = parsed.getExtension(BasicConstraintsExtension);
  const usage = parsed.getExtension(KeyUsagesExtension);
  return {
    ...(constraints ? { ca: constraints.ca } : {}),
    ...(constraints?.pathLength !== undefined ? { pathLength: constraints.pathLength } : {}),
    ...(usage ? { keyUsage: usage.usages } : {}),
    hasExtensions: parsed.extensions.length > 0,
  };
}

const cannotSign =
  'x509: invalid signature: parent certificate cannot sign this kind of certificate';

/**
 * The first rule a link of `path` (leaf first, the trusted CA last) breaks, or undefined.
 * `fromFile` is how many of the path's certificates came from the certificate file; the
 * rest are from cacerts.pem. The dates of the file's own certificates are tls.validity's.
 */
export function chainRuleProblem(
  path: readonly X509Certificate[],
  fromFile: number,
  now: Date,
): ChainProblem | undefined {
  const where = (index: number) =>
    index < fromFile
      ? `certificate ${index + 1} in the certificate file, ${describe(path[index]!)},`
      : `the CA ${describe(path[index]!)} in cacerts.pem`;
  for (let index = 1; index < path.length; index++) {
    const problem =
      (index >= fromFile ? datesProblem(path[index]!, where(index), now) : undefined) ??
      issuerProblem(path[index]!, path[index - 1]!, index - 1, where(index));
    if (problem) return problem;
  }
  return undefined;
}

function datesProblem(cert: X509Certificate, where: string, now: Date): ChainProblem | undefined {
  const from = notBefore(cert);
  const to = notAfter(cert);
  if (now >= from && now <= to) return undefined;
  const when =
    now > to
      ? `expired on ${to.toISOString().slice(0, 10)}`
      : `is not valid before ${from.toISOString().slice(0, 10)}`;
  return {
    message: `${where} ${when}: TLS clients refuse the whole chain (x509: certificate has expired or is not yet valid)`,
    remedy: `renew ${describe(cert)} and rebuild the certificate file (server first, then intermediates) and cacerts.pem with the new one`,
  };
}

/** Why `issuer` cannot have signed `child` in a client's eyes; `below` intermediates sit under it. */
function issuerProblem(
  issuer: X509Certificate,
  child: X509Certificate,
  below: number,
  where: string,
): ChainProblem | undefined {
  const facts = caFacts(issuer);
  const reissue = `reissue ${describe(issuer)} as a CA (basicConstraints CA:TRUE, keyUsage keyCertSign), or have ${describe(child)} signed by your real issuing CA`;
  if (facts.hasExtensions && facts.ca !== true) {
    const why = facts.ca === false ? 'basicConstraints CA:FALSE' : 'no basicConstraints extension';
    return {
      message: `${where} signed ${describe(child)} but is not a CA (${why}): Go's TLS (Rancher's agents) and browsers reject the chain (${cannotSign})`,
      remedy: reissue,
    };
  }
  if (facts.keyUsage !== undefined && (facts.keyUsage & KeyUsageFlags.keyCertSign) === 0) {
    return {
      message: `${where} signed ${describe(child)} but its keyUsage lacks keyCertSign: TLS clients reject the chain (${cannotSign})`,
      remedy: reissue,
    };
  }
  if (facts.pathLength !== undefined && below > facts.pathLength) {
    return {
      message: `${where} allows ${facts.pathLength} intermediate CA${facts.pathLength === 1 ? '' : 's'} below it (pathlen), the chain has ${below}: TLS clients reject it (x509: too many intermediates for path length constraint)`,
      remedy: `sign the server certificate with a CA closer to ${describe(issuer)}, or reissue ${describe(issuer)} with a larger pathlen`,
    };
  }
  return undefined;
}
