import type { RancherManagement } from './management.js';
import { sessionTtlMs } from './management.js';
import { apiError, collection, jsonAnswer, notFound, type ApiAnswer } from './norman.js';
import { isAnswer, methodNotAllowed, parseBody, type RancherRequest } from './request.js';
import type { Caller } from './tokens.js';
import { tokenView } from './views.js';

/**
 * POST /v3-public/localProviders/local?action=login (pkg/auth/providers/publicapi/login.go):
 * 201 with only token, expiresAt, id, baseType and type; the ttl asked for is replaced by
 * auth-user-session-ttl-minutes; a wrong password is 401 "authentication failed"
 * (local_auth_provider.go).
 */
export function login(m: RancherManagement, req: RancherRequest): ApiAnswer {
  if (req.method !== 'POST' || req.query.get('action') !== 'login')
    return apiError(404, 'NotFound', 'not found');
  const body = parseBody(req.body);
  if (isAnswer(body)) return body;
  const password = m.adminPassword();
  if (body.username !== 'admin' || !password || body.password !== password)
    return apiError(401, 'Unauthorized', 'authentication failed');
  const { object, bearer } = m.tokens.create({
    userId: m.adminUserId,
    ttlMs: sessionTtlMs,
    isDerived: false,
    description: typeof body.description === 'string' ? body.description : '',
  });
  // responseType "cookie": the token only as the R_SESS cookie, nothing written (so 200).
  if (body.responseType === 'cookie')
    return {
      status: 200,
      contentType: 'text/plain',
      body: '',
      headers: { 'Set-Cookie': `R_SESS=${bearer}; Path=/; HttpOnly; Secure` },
    };
  return jsonAnswer(201, {
    token: bearer,
    expiresAt: m.tokens.expiresAt(object),
    id: object.metadata.name,
    baseType: 'token',
    type: 'token',
  });
}

/**
 * /v3/tokens (pkg/auth/tokens/manager.go): POST makes an API key (derived token) and is the
 * only answer carrying its secret; DELETE answers 204, but 400 for the caller's own login
 * token ("Use logout instead"); POST ?action=logout deletes the caller's token.
 */
export function tokensApi(
  m: RancherManagement,
  req: RancherRequest,
  caller: Caller,
  id: string | undefined,
): ApiAnswer {
  const base = req.origin;
  if (id === undefined) {
    if (req.method === 'POST' && req.query.get('action') === 'logout') {
      m.tokens.delete(caller.tokenName);
      return jsonAnswer(200, {});
    }
    if (req.method === 'GET') {
      const mine = m.tokens
        .list(caller.userId)
        .map((t) => tokenView(t, base, m.tokens.expiresAt(t)));
      return collection(base, 'token', '/v3/tokens', mine, {});
    }
    if (req.method === 'POST') {
      const body = parseBody(req.body);
      if (isAnswer(body)) return body;
      const ttl = typeof body.ttl === 'number' && body.ttl > 0 ? body.ttl : 0;
      const { object, bearer } = m.tokens.create({
        userId: caller.userId,
        ttlMs: ttl,
        isDerived: true,
        description: typeof body.description === 'string' ? body.description : '',
      });
      return jsonAnswer(201, {
        ...tokenView(object, base, m.tokens.expiresAt(object)),
        token: bearer,
      });
    }
    return methodNotAllowed(req.method);
  }
  const token = m.tokens.get(id);
  if (!token || token.userId !== caller.userId)
    return notFound(`tokens.management.cattle.io "${id}" not found`);
  if (req.method === 'GET')
    return jsonAnswer(200, tokenView(token, base, m.tokens.expiresAt(token)));
  if (req.method === 'DELETE') {
    if (id === caller.tokenName && !caller.isDerived)
      return apiError(
        400,
        'BadRequest',
        'Cannot delete token for current session. Use logout instead',
      );
    m.tokens.delete(id);
    return { status: 204, contentType: 'application/json', body: '' };
  }
  return methodNotAllowed(req.method);
}
