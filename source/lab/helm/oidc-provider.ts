import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { rootCertificates } from 'node:tls';
import { resolve } from 'node:path';
import { HelmError } from './errors.js';

/**
 * client-go's `oidc` auth provider, as helm (and kubectl) run it
 * (k8s.io/client-go plugin/pkg/client/auth/oidc/oidc.go):
 * - the id-token is used while `now + 10s` is before its `exp`;
 * - else GET `<idp-issuer-url>/.well-known/openid-configuration`, take `token_endpoint`,
 *   and POST the refresh_token grant (golang.org/x/oauth2: Basic `client-id:client-secret`
 *   first, then `client_id` in the form);
 * - trust for those calls comes only from `idp-certificate-authority(-data)`; without them,
 *   the system roots (which never hold a PKS API's own CA);
 * - the new id-token (and a rotated refresh-token) are persisted to the kubeconfig.
 */

const expiryDeltaSeconds = 10;

export interface OidcConfig {
  [key: string]: string | undefined;
}

interface HttpsAnswer {
  status: number;
  statusText: string;
  body: string;
}

/** The payload's `exp`, read without verifying (as client-go's idTokenExpired does). */
function expiryOf(idToken: string): number {
  const parts = idToken.split('.');
  if (parts.length !== 3) throw new HelmError('ID Token is not a valid JWT');
  try {
    const claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as {
      exp?: unknown;
    };
    return typeof claims.exp === 'number' ? claims.exp : 0;
  } catch (e) {
    throw new HelmError(`parsing claims: ${(e as Error).message}`);
  }
}

export function idTokenValid(idToken: string, now = Date.now()): boolean {
  return now / 1000 + expiryDeltaSeconds < expiryOf(idToken);
}

/** What Go's TLS stack says for Node's verification failures (the common ones). */
function goTlsError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
      return 'tls: failed to verify certificate: x509: certificate signed by unknown authority';
    case 'CERT_HAS_EXPIRED':
      return 'tls: failed to verify certificate: x509: certificate has expired or is not yet valid';
    case 'ECONNREFUSED':
      return `dial tcp: connect: connection refused`;
    default:
      return error.message;
  }
}

/** The CA pool client-go builds: the kubeconfig's idp CA, else the system roots. */
function caPool(config: OidcConfig, cwd: string): string[] {
  const data = config['idp-certificate-authority-data'];
  if (data) return [Buffer.from(data, 'base64').toString('utf8')];
  const file = config['idp-certificate-authority'];
  if (file) {
    try {
      return [readFileSync(resolve(cwd, file), 'utf8')];
    } catch {
      throw new HelmError(`open ${file}: no such file or directory`);
    }
  }
  return [...rootCertificates];
}

function call(
  method: 'GET' | 'POST',
  url: string,
  ca: string[],
  options: { body?: string; headers?: Record<string, string> } = {},
): Promise<HttpsAnswer> {
  return new Promise((resolveCall, reject) => {
    const req = request(url, { method, ca, headers: options.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolveCall({
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? '',
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('error', (e: NodeJS.ErrnoException) =>
      reject(new HelmError(`${method === 'GET' ? 'Get' : 'Post'} "${url}": ${goTlsError(e)}`)),
    );
    req.end(options.body);
  });
}

async function tokenEndpoint(issuer: string, ca: string[]): Promise<string> {
  const wellKnown = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const answer = await call('GET', wellKnown, ca);
  if (answer.status !== 200) {
    const body = answer.body.length > 80 ? `${answer.body.slice(0, 80)}...` : answer.body;
    throw new HelmError(
      `oidc: failed to query metadata endpoint ${answer.status} ${answer.statusText}: ${JSON.stringify(body)}`,
    );
  }
  const url = (JSON.parse(answer.body) as { token_endpoint?: string }).token_endpoint;
  if (!url) throw new HelmError("oidc: discovery object doesn't contain a token_endpoint");
  return url;
}

/** oauth2's AuthStyleAutoDetect: Basic first; on an error, client_id in the form. */
async function refreshGrant(url: string, config: OidcConfig, ca: string[]): Promise<HttpsAnswer> {
  const clientId = config['client-id'] ?? '';
  const secret = config['client-secret'] ?? '';
  const form = new URLSearchParams({
    grant_type: 'refresh_token',
    refresh_token: config['refresh-token'] ?? '',
  });
  const headers = { 'Content-Type': 'application/x-www-form-urlencoded' };
  const basic = Buffer.from(
    `${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`,
  ).toString('base64');
  const first = await call('POST', url, ca, {
    body: form.toString(),
    headers: { ...headers, Authorization: `Basic ${basic}` },
  });
  if (first.status >= 200 && first.status < 300) return first;
  const inParams = new URLSearchParams(form);
  if (clientId) inParams.set('client_id', clientId);
  if (secret) inParams.set('client_secret', secret);
  return call('POST', url, ca, { body: inParams.toString(), headers });
}

/** oauth2's RetrieveError text (golang.org/x/oauth2 v0.2x): `oauth2: "code" "description"`. */
function retrieveError(answer: HttpsAnswer): string {
  try {
    const body = JSON.parse(answer.body) as { error?: string; error_description?: string };
    if (body.error) {
      const description = body.error_description
        ? ` ${JSON.stringify(body.error_description)}`
        : '';
      return `oauth2: ${JSON.stringify(body.error)}${description}`;
    }
  } catch {
    // not JSON: the status line and body, below
  }
  return `oauth2: cannot fetch token: ${answer.status} ${answer.statusText}\nResponse: ${answer.body}`;
}

/**
 * The id-token to send, refreshing it first when it has expired. Returns the config to
 * persist when it changed. Errors read as client-go's.
 */
export async function oidcToken(
  config: OidcConfig,
  cwd: string,
): Promise<{ idToken: string; changed?: OidcConfig }> {
  if (!config['idp-issuer-url']) throw new HelmError('Must provide idp-issuer-url');
  if (!config['client-id']) throw new HelmError('Must provide client-id');
  const current = config['id-token'];
  if (current && idTokenValid(current)) return { idToken: current };
  if (!config['refresh-token']) {
    throw new HelmError('No valid id-token, and cannot refresh without refresh-token');
  }
  const ca = caPool(config, cwd);
  const url = await tokenEndpoint(config['idp-issuer-url'], ca);
  const answer = await refreshGrant(url, config, ca);
  if (answer.status < 200 || answer.status >= 300) {
    throw new HelmError(`failed to refresh token: ${retrieveError(answer)}`);
  }
  const body = JSON.parse(answer.body) as { id_token?: string; refresh_token?: string };
  if (!body.id_token) {
    throw new HelmError(
      'token response did not contain an id_token, either the scope "openid" wasn\'t requested upon login, or the provider doesn\'t support id_tokens as part of the refresh response',
    );
  }
  const changed: OidcConfig = { ...config, 'id-token': body.id_token };
  if (body.refresh_token && body.refresh_token !== config['refresh-token']) {
    changed['refresh-token'] = body.refresh_token;
  }
  return { idToken: body.id_token, changed };
}
