import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Audit } from '../audit.js';
import { canBind } from '../ip-plan.js';
import { clusterClientId, type Uaa } from './uaa.js';

/** The PKS API (and its UAA) listens on 8443; a lab falls back to any port when it is taken. */
const pksApiPort = 8443;

export interface PksApiServerOptions {
  host: string;
  certPem: string;
  keyPem: string;
  /** Builds the UAA once the URL (and so the issuer) is known. */
  uaa(baseUrl: string): Promise<Uaa>;
  log(message: string): void;
  audit: Audit;
}

export interface PksApiServer {
  url: string;
  uaa: Uaa;
  close(): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json;charset=UTF-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * The client of a token request: HTTP Basic or `client_id` in the form; UAA takes either
 * for every grant type (cloudfoundry/uaa `uaa/slate/source/index.md.erb`). client-go's
 * oauth2 tries Basic `pks_cluster_client:` first, then the form (golang.org/x/oauth2
 * internal/token.go RetrieveToken).
 */
function clientOf(req: IncomingMessage, form: URLSearchParams): string {
  const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '');
  if (basic) {
    const [id = ''] = Buffer.from(basic[1]!, 'base64').toString('utf8').split(':');
    return decodeURIComponent(id);
  }
  return form.get('client_id') ?? '';
}

/**
 * UAA's discovery document (cloudfoundry/uaa OpenIdConfiguration.java): the issuer is
 * the token endpoint, `jwks_uri` is `/token_keys`.
 */
function discovery(baseUrl: string, issuer: string): Record<string, unknown> {
  return {
    issuer,
    authorization_endpoint: `${baseUrl}/oauth/authorize`,
    token_endpoint: `${baseUrl}/oauth/token`,
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    token_endpoint_auth_signing_alg_values_supported: ['RS256', 'HS256'],
    userinfo_endpoint: `${baseUrl}/userinfo`,
    jwks_uri: `${baseUrl}/token_keys`,
    scopes_supported: ['openid', 'profile', 'email', 'phone', 'roles', 'user_attributes'],
    response_types_supported: ['code', 'code id_token', 'id_token', 'token id_token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256', 'HS256'],
    id_token_encryption_alg_values_supported: ['none'],
    claim_types_supported: ['normal'],
    claims_supported: ['sub', 'user_name', 'origin', 'iss', 'aud', 'exp', 'iat', 'jti', 'cid'],
    claims_parameter_supported: false,
    service_documentation: 'http://docs.cloudfoundry.org/api/uaa/',
    ui_locales_supported: ['en-US'],
  };
}

/** POST /oauth/token with the refresh_token grant (the only one clients call over HTTP here). */
async function tokenEndpoint(
  uaa: Uaa,
  audit: Audit,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const form = await readForm(req);
  const client = clientOf(req, form);
  res.on('finish', () =>
    audit.record({
      kind: 'oidc',
      grant: form.get('grant_type') ?? '',
      client,
      status: res.statusCode,
    }),
  );
  if (client !== clusterClientId) {
    return sendJson(res, 401, { error: 'unauthorized', error_description: 'Bad credentials' });
  }
  const grant = form.get('grant_type');
  if (grant !== 'refresh_token') {
    return sendJson(res, 400, {
      error: 'unsupported_grant_type',
      error_description: `Unsupported grant type: ${grant ?? ''}`,
    });
  }
  const result = await uaa.refresh(form.get('refresh_token') ?? '', client);
  if (!result.ok) {
    return sendJson(res, result.status, {
      error: result.error,
      error_description: result.description,
    });
  }
  // UAA's token response: access_token, token_type, id_token, refresh_token, expires_in, scope,
  // jti (the list is partly unverified). The lab's access token is the ID token itself.
  const { idToken, refreshToken, expiresIn } = result.tokens;
  const claims = JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString()) as {
    jti?: string;
  };
  sendJson(res, 200, {
    access_token: idToken,
    token_type: 'bearer',
    id_token: idToken,
    refresh_token: refreshToken,
    expires_in: expiresIn,
    scope: 'openid roles',
    jti: claims.jti ?? '',
  });
}

/** The lab's PKS API host: UAA's discovery, keys and token endpoint over HTTPS with its own CA. */
export async function startPksApiServer(options: PksApiServerOptions): Promise<PksApiServer> {
  const sockets = new Set<Socket>();
  // The issuer names the bound port, so the UAA exists only once the server listens.
  const started: { uaa?: Uaa; baseUrl: string } = { baseUrl: '' };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'https://pks').pathname.replace(/\/+$/, '');
    const method = req.method ?? 'GET';
    const { uaa, baseUrl } = started;
    if (!uaa) return sendJson(res, 503, { error: 'starting' });
    if (
      method === 'GET' &&
      (path === '/.well-known/openid-configuration' ||
        path === '/oauth/token/.well-known/openid-configuration')
    ) {
      return sendJson(res, 200, discovery(baseUrl, uaa.issuer));
    }
    if (method === 'GET' && path === '/token_keys') return sendJson(res, 200, uaa.jwks());
    if (method === 'POST' && path === '/oauth/token')
      return tokenEndpoint(uaa, options.audit, req, res);
    sendJson(res, 404, { error: 'not_found', error_description: `no route ${method} ${path}` });
  };
  const server: Server = createServer(
    { cert: options.certPem, key: options.keyPem },
    (req, res) => {
      handle(req, res).catch((e: Error) => {
        options.log(`pks api: ${e.stack ?? e.message}`);
        if (!res.headersSent) sendJson(res, 500, { error: 'server_error' });
      });
    },
  );
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('tlsClientError', () => {});
  const port = (await canBind(options.host, pksApiPort)) ? pksApiPort : 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, options.host, () => resolve());
  });
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  started.baseUrl = `https://${options.host}:${bound}`;
  const uaa = await options.uaa(started.baseUrl);
  started.uaa = uaa;
  return {
    url: started.baseUrl,
    uaa,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
