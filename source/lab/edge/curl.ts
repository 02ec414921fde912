import type { CurlArgs } from './curl-args.js';
import { fetchFromSite, type FetchOutcome, type SiteNetwork } from './site-network.js';

export interface CurlResult {
  exitCode: number;
  stdout: string;
  /** What curl prints on stderr (`-sS`: the error message only). */
  stderr: string[];
}

/**
 * What curl prints after a verification failure (the real curl 7.88.1 binary, `curl -sS
 * --cacert OTHER-CA https://…`; curl 8 prints the same lines).
 */
const sslMoreDetails = [
  'More details here: https://curl.se/docs/sslcerts.html',
  '',
  'curl failed to verify the legitimacy of the server and therefore could not',
  'establish a secure connection to it. To learn more about this situation and',
  'how to fix it, please visit the web page mentioned above.',
];

/** OpenSSL's verify error strings (X509_verify_cert_error_string) for Node's error codes. */
const verifyErrors: Record<string, string> = {
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'unable to get local issuer certificate',
  UNABLE_TO_GET_ISSUER_CERT: 'unable to get issuer certificate',
  // Node says this where curl (OpenSSL, with the server sending only its leaf) said
  // "unable to get local issuer certificate" against the same server and CA file.
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unable to get local issuer certificate',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in certificate chain',
  CERT_HAS_EXPIRED: 'certificate has expired',
  CERT_NOT_YET_VALID: 'certificate is not yet valid',
  CERT_SIGNATURE_FAILURE: 'certificate signature failure',
};

function failure(code: number, message: string, quiet: boolean, extra: string[] = []): CurlResult {
  return {
    exitCode: code,
    stdout: '',
    stderr: quiet ? [] : [`curl: (${code}) ${message}`, ...extra],
  };
}

function urlParts(url: string): { host: string; port: number; path: string } | undefined {
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:') return undefined;
    return { host: u.hostname, port: Number(u.port || 443), path: `${u.pathname}${u.search}` };
  } catch {
    return undefined;
  }
}

/**
 * `curl https://HOST/PATH` run in a downstream pod: its outcome from that site's point of
 * view, with curl's exit codes (curl(1) "EXIT CODES": 6 could not resolve host, 7 failed to
 * connect, 22 HTTP error with --fail, 28 timeout, 35 TLS handshake, 60 peer certificate
 * cannot be authenticated with known CA certificates, 77 problem reading the CA cert) and
 * its messages (the 6, 7, 60 and 77 lines from the real curl 7.88.1 binary against
 * loopback servers; 28 and 35 unverified). Only https URLs are simulated (3 otherwise).
 */
export async function runCurl(
  args: CurlArgs,
  site: SiteNetwork,
  readFile: (path: string) => string | undefined,
): Promise<CurlResult> {
  const parts = urlParts(args.url);
  if (!parts) return failure(3, 'URL using bad/illegal format or missing URL', args.quiet);
  let ca: string | undefined;
  if (args.cacert !== undefined && !args.insecure) {
    ca = readFile(args.cacert);
    if (ca === undefined)
      return failure(77, `error setting certificate file: ${args.cacert}`, args.quiet);
  }
  const ip = site.resolve(parts.host);
  if (!ip) return failure(6, `Could not resolve host: ${parts.host}`, args.quiet);
  const timeoutMs = Math.min(args.maxTimeSeconds ?? 10, 10) * 1000;
  const outcome = await fetchFromSite({
    host: parts.host,
    ip,
    port: site.portFor(parts.port),
    path: parts.path,
    ...(ca !== undefined ? { ca } : {}),
    insecure: args.insecure,
    timeoutMs,
  });
  return resultOf(outcome, args, parts, site, timeoutMs);
}

function resultOf(
  outcome: FetchOutcome,
  args: CurlArgs,
  parts: { host: string; port: number },
  site: SiteNetwork,
  timeoutMs: number,
): CurlResult {
  switch (outcome.kind) {
    case 'refused':
      return failure(
        7,
        `Failed to connect to ${parts.host} port ${parts.port} after ${outcome.ms} ms: Couldn't connect to server`,
        args.quiet,
      );
    case 'timeout':
      // (unverified wording)
      return failure(
        28,
        `Operation timed out after ${timeoutMs} milliseconds with 0 bytes received`,
        args.quiet,
      );
    case 'tls': {
      if (outcome.code === 'ERR_TLS_CERT_ALTNAME_INVALID')
        return failure(
          60,
          `SSL: no alternative certificate subject name matches target host name '${parts.host}'`,
          args.quiet,
          sslMoreDetails,
        );
      const text = verifyErrors[outcome.code];
      if (text) return failure(60, `SSL certificate problem: ${text}`, args.quiet, sslMoreDetails);
      return failure(35, `OpenSSL SSL_connect: ${outcome.message}`, args.quiet);
    }
    case 'error':
      return failure(
        35,
        `OpenSSL SSL_connect: ${outcome.message} in connection to ${parts.host}:${parts.port}`,
        args.quiet,
      );
    case 'ok': {
      // An intercepting proxy's certificate is from a CA the site was not given (simulated:
      // the lab runs no proxy; what the site would verify against is what matters).
      if (site.intercepted && !args.insecure)
        return failure(
          60,
          'SSL certificate problem: unable to get local issuer certificate',
          args.quiet,
          sslMoreDetails,
        );
      if (args.fail && outcome.status >= 400)
        return failure(22, `The requested URL returned error: ${outcome.status}`, args.quiet);
      return { exitCode: 0, stdout: args.output ? '' : outcome.body, stderr: [] };
    }
  }
}
