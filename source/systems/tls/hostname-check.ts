import type { X509Certificate } from 'node:crypto';
import { certificatesIn, describe } from './certificates.js';
import { fail, pass, type TlsFinding } from './finding.js';

const id = 'tls.hostname';

/**
 * `tls.hostname`: the server certificate's DNS SANs cover the Rancher hostname.
 * The Common Name alone does not count: browsers and Go ignore it.
 */
export function checkHostname(cert: Buffer, hostname: string): TlsFinding {
  const [server] = certificatesIn(cert);
  if (!server)
    return fail(id, 'the certificate file holds no readable certificate', 'fix tls.pem first');
  const host = hostname.toLowerCase();
  if (server.ca) {
    return fail(
      id,
      `the first certificate in the file, ${describe(server)}, is a CA certificate, not the server certificate for ${host}`,
      'put the server certificate first, then its intermediates (see tls.chain)',
    );
  }
  const names = dnsNames(server);
  const match = names.find((pattern) => hostnameMatches(pattern, host));
  if (match) return pass(id, `the certificate covers ${host} (DNS:${match})`);
  return fail(
    id,
    mismatchMessage(server, names, host),
    `reissue the certificate with DNS:${host} in its Subject Alternative Names (or a wildcard *.${parentDomain(host)})`,
  );
}

function mismatchMessage(server: X509Certificate, names: readonly string[], host: string): string {
  if (names.length === 0) {
    const cn = /(?:^|\n)CN=([^\n]*)/.exec(server.subject)?.[1];
    return cn?.toLowerCase() === host
      ? `the certificate names ${host} only in its Common Name and has no Subject Alternative Names; browsers and Go ignore the CN (x509: certificate relies on legacy Common Name field)`
      : `the certificate ${describe(server)} has no DNS Subject Alternative Names, so it covers no hostname`;
  }
  const tooDeep = names.find(
    (pattern) => pattern.startsWith('*.') && host.endsWith(pattern.slice(1)),
  );
  const hint = tooDeep ? `; ${tooDeep} covers exactly one label in place of *, not ${host}` : '';
  return `the certificate is for ${names.map((name) => `DNS:${name}`).join(', ')}, not ${host}${hint}`;
}

/** The DNS names in the subjectAltName extension, lowercased. */
export function dnsNames(cert: X509Certificate): string[] {
  const san = cert.subjectAltName ?? '';
  return [...san.matchAll(/(?:^|, )DNS:("(?:[^"\\]|\\.)*"|[^,]*)/g)].map((match) => {
    const raw = match[1] ?? '';
    return (raw.startsWith('"') ? (JSON.parse(raw) as string) : raw).toLowerCase();
  });
}

/**
 * RFC 6125 matching as browsers do it: `*` only as the whole leftmost label,
 * standing for exactly one label (so `*.example.com` covers neither `example.com`
 * nor `a.b.example.com`).
 */
export function hostnameMatches(pattern: string, hostname: string): boolean {
  const wanted = pattern.toLowerCase().replace(/\.$/, '');
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (!wanted.startsWith('*.')) return wanted === host;
  const suffix = wanted.slice(1); // ".example.com"
  if (suffix.includes('*') || suffix.split('.').length < 3) return false; // no "*.com"
  const firstDot = host.indexOf('.');
  return firstDot > 0 && host.slice(firstDot) === suffix;
}

function parentDomain(host: string): string {
  return host.slice(host.indexOf('.') + 1);
}
