import type { X509Certificate } from 'node:crypto';
import {
  certificatesIn,
  describe,
  describeIssuer,
  isSelfSigned,
  issued,
  sameCertificate,
} from './certificates.js';
import { chainRuleProblem } from './ca-rules.js';
import { fail, pass, type TlsFinding } from './finding.js';

const id = 'tls.chain';
/** Go's and browsers' words for it; users search for this exact text. */
const unknownAuthority = 'x509: certificate signed by unknown authority';
const orderRemedy =
  'rebuild the certificate file in order: the server certificate, then the intermediate that signed it, and so on (e.g. cat server.crt intermediate.crt > chain.crt)';

/**
 * `tls.chain`: the certificate file (server first, then intermediates, in order) verifies up to
 * a certificate in cacerts.pem. Tells apart a wrong order, a missing intermediate and another CA.
 */
export function checkChain(cert: Buffer, caCerts: Buffer, now: Date = new Date()): TlsFinding {
  const chain = certificatesIn(cert);
  const anchors = certificatesIn(caCerts);
  if (chain.length === 0 || anchors.length === 0) {
    return fail(
      id,
      'the certificate file or cacerts.pem holds no readable certificate',
      'fix tls.pem first',
    );
  }
  const brokenAt = firstBrokenLink(chain);
  return brokenAt === undefined
    ? anchorFinding(chain, anchors, now)
    : orderFinding(chain, brokenAt);
}

/** The index whose next certificate did not sign it, or undefined when every link holds. */
function firstBrokenLink(chain: readonly X509Certificate[]): number | undefined {
  for (let index = 0; index + 1 < chain.length; index++) {
    if (!issued(chain[index + 1]!, chain[index]!)) return index;
  }
  return undefined;
}

function orderFinding(chain: readonly X509Certificate[], brokenAt: number): TlsFinding {
  const ordered = properOrder(chain);
  if (ordered) {
    return fail(
      id,
      `the certificates are in the wrong order (server certificate must come first, then each intermediate after the one it signed): found ${names(chain)}, expected ${names(ordered)}`,
      orderRemedy,
    );
  }
  const child = chain[brokenAt]!;
  const next = chain[brokenAt + 1]!;
  return fail(
    id,
    `certificate ${brokenAt + 2} in the certificate file, ${describe(next)}, did not sign certificate ${brokenAt + 1}, ${describe(child)} (issued by ${describeIssuer(child)}); the file holds a certificate that is not part of the chain`,
    `keep only the server certificate and the intermediates that lead to your CA; ${orderRemedy}`,
  );
}

/** The same certificates ordered leaf → root, when they form one chain; undefined otherwise. */
function properOrder(chain: readonly X509Certificate[]): X509Certificate[] | undefined {
  const signsAnother = (cert: X509Certificate) =>
    chain.some((other) => other !== cert && issued(cert, other));
  const leaf = chain.find((cert) => !signsAnother(cert));
  if (!leaf) return undefined;
  const ordered = [leaf];
  for (let current = leaf; ordered.length < chain.length;) {
    const issuer = chain.find((cert) => !ordered.includes(cert) && issued(cert, current));
    if (!issuer) return undefined;
    ordered.push(issuer);
    current = issuer;
  }
  return ordered;
}

function anchorFinding(
  chain: readonly X509Certificate[],
  anchors: readonly X509Certificate[],
  now: Date,
): TlsFinding {
  const top = chain[chain.length - 1]!;
  if (anchors.some((anchor) => sameCertificate(anchor, top))) {
    return verifiedPath(chain, chain.length, now, `ends at a certificate in cacerts.pem`);
  }
  const issuer = anchors.find((anchor) => issued(anchor, top));
  if (issuer && isSelfSigned(issuer)) {
    return verifiedPath([...chain, issuer], chain.length, now, 'verifies up to cacerts.pem');
  }
  if (issuer) return intermediateMissing(top, issuer);
  return unknownAuthorityFinding(chain, top, anchors);
}

/** Signatures hold up to a trusted CA; every link must also pass the rules TLS clients apply. */
function verifiedPath(
  path: readonly X509Certificate[],
  fromFile: number,
  now: Date,
  how: string,
): TlsFinding {
  const problem = chainRuleProblem(path, fromFile, now);
  if (problem) return fail(id, problem.message, problem.remedy);
  return pass(id, `the chain ${names(path)} ${how}`);
}

/** The served chain stops short: its next link exists, but only in cacerts.pem. */
function intermediateMissing(top: X509Certificate, issuer: X509Certificate): TlsFinding {
  return fail(
    id,
    `an intermediate is missing from the certificate file: ${describe(top)} is signed by the intermediate ${describe(issuer)}, which is only in cacerts.pem, so browsers are not sent it`,
    `append the intermediate to the certificate file after ${describe(top)} (the server certificate first, then each intermediate)`,
  );
}

function unknownAuthorityFinding(
  chain: readonly X509Certificate[],
  top: X509Certificate,
  anchors: readonly X509Certificate[],
): TlsFinding {
  const caRemedy = `put the CA that signed ${describe(top)} (${describeIssuer(top)}) in cacerts.pem`;
  if (isSelfSigned(top)) {
    const what =
      chain.length === 1
        ? 'the server certificate is self-signed'
        : `the chain ends at the self-signed ${describe(top)}`;
    return fail(
      id,
      `${what} and is signed by another CA than the one in cacerts.pem (${unknownAuthority})`,
      caRemedy,
    );
  }
  const namesake = anchors.find((anchor) => anchor.subject === top.issuer);
  if (namesake) {
    return fail(
      id,
      `${describe(top)} is signed by another CA: cacerts.pem holds a CA named ${describe(namesake)}, but with a different key (${unknownAuthority})`,
      `${caRemedy}; the CA may have been re-created since the certificate was issued`,
    );
  }
  const published = caIssuersUrl(top);
  return fail(
    id,
    `${describe(top)} is issued by ${describeIssuer(top)}, which is neither in the certificate file nor in cacerts.pem: an intermediate is missing, or the certificate is signed by another CA (${unknownAuthority})`,
    `if ${describeIssuer(top)} is an intermediate, append it to the certificate file after ${describe(top)}${published ? ` (it is published at ${published})` : ''}; otherwise ${caRemedy}`,
  );
}

/** The AIA "CA Issuers" URL, where the issuer's certificate can usually be downloaded. */
function caIssuersUrl(cert: X509Certificate): string | undefined {
  return /CA Issuers - URI:(\S+)/.exec(cert.infoAccess ?? '')?.[1];
}

function names(chain: readonly X509Certificate[]): string {
  return chain.map(describe).join(' → ');
}
