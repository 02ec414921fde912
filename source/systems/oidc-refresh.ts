import { request } from 'node:https';

/**
 * The refresh kubectl does for an `auth-provider: oidc` user
 * (k8s.io/client-go plugin/pkg/client/auth/oidc/oidc.go), done here because client-node 1.4
 * cannot (it hands openid-client 6 the issuer as a string, and ignores
 * idp-certificate-authority). Two plain HTTPS calls, with the PKS API's CA:
 * GET `<issuer>/.well-known/openid-configuration` → `token_endpoint`, then POST the
 * refresh_token grant. The public client goes in the form with an empty secret, as the
 * TKGI docs' own token request does (docs-pks@1.3 manage-users: `client_id=pks_cluster_client&client_secret=`).
 */

export interface RefreshInput {
  issuer: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  /** Trusted CAs (PEM). Undefined: Node's default trust (with NODE_EXTRA_CA_CERTS). */
  ca?: string[];
  timeoutMs?: number;
}

export interface RefreshedTokens {
  idToken: string;
  /** Set when the provider handed out a new one (UAA keeps the old one). */
  refreshToken?: string;
}

/** untrusted: TLS said no; rejected: the provider refused the refresh token; unreachable: the network. */
export type RefreshFailureKind = 'untrusted' | 'rejected' | 'unreachable' | 'invalid';

export class OidcRefreshError extends Error {
  constructor(
    readonly kind: RefreshFailureKind,
    message: string,
  ) {
    super(message);
    this.name = 'OidcRefreshError';
  }
}

const tlsTrustCodes = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

interface Answer {
  status: number;
  body: string;
}

function call(
  url: string,
  input: RefreshInput,
  options: { method: 'GET' | 'POST'; form?: URLSearchParams },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const body = options.form?.toString();
    const req = request(
      url,
      {
        method: options.method,
        ...(input.ca ? { ca: input.ca } : {}),
        timeout: input.timeoutMs ?? 30_000,
        headers: {
          Accept: 'application/json',
          ...(body ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () =>
      req.destroy(new Error(`no answer within ${input.timeoutMs ?? 30_000}ms`)),
    );
    req.on('error', (e: NodeJS.ErrnoException) => {
      const kind = e.code && tlsTrustCodes.has(e.code) ? 'untrusted' : 'unreachable';
      reject(new OidcRefreshError(kind, `${options.method} ${url}: ${e.message}`));
    });
    req.end(body);
  });
}

function json(answer: Answer, url: string): Record<string, unknown> {
  try {
    const value = JSON.parse(answer.body) as unknown;
    if (typeof value === 'object' && value !== null) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new OidcRefreshError('invalid', `${url} did not answer JSON (HTTP ${answer.status})`);
}

async function tokenEndpoint(input: RefreshInput): Promise<string> {
  const url = `${input.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const answer = await call(url, input, { method: 'GET' });
  if (answer.status !== 200) {
    throw new OidcRefreshError('invalid', `GET ${url}: HTTP ${answer.status}`);
  }
  const endpoint = json(answer, url).token_endpoint;
  if (typeof endpoint !== 'string' || endpoint === '') {
    throw new OidcRefreshError('invalid', `${url} names no token_endpoint`);
  }
  return endpoint;
}

/** A new ID token for the refresh token, or an OidcRefreshError saying why not. */
export async function refreshIdToken(input: RefreshInput): Promise<RefreshedTokens> {
  const url = await tokenEndpoint(input);
  const form = new URLSearchParams({
    grant_type: 'refresh_token',
    refresh_token: input.refreshToken,
    client_id: input.clientId,
    client_secret: input.clientSecret,
  });
  const answer = await call(url, input, { method: 'POST', form });
  if (answer.status >= 500) {
    throw new OidcRefreshError('unreachable', `POST ${url}: HTTP ${answer.status}`);
  }
  const body = json(answer, url);
  if (answer.status !== 200) {
    const why = [body.error, body.error_description].filter((v) => typeof v === 'string');
    throw new OidcRefreshError(
      'rejected',
      `POST ${url}: HTTP ${answer.status}${why.length ? ` ${why.join(': ')}` : ''}`,
    );
  }
  if (typeof body.id_token !== 'string' || body.id_token === '') {
    throw new OidcRefreshError('invalid', `POST ${url}: the answer holds no id_token`);
  }
  const refreshed = typeof body.refresh_token === 'string' ? body.refresh_token : '';
  return {
    idToken: body.id_token,
    ...(refreshed && refreshed !== input.refreshToken ? { refreshToken: refreshed } : {}),
  };
}
