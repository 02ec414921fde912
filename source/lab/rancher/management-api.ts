import type { IncomingHttpHeaders } from 'node:http';
import { renderImportManifest } from './import-manifest.js';
import type { RancherManagement } from './management.js';
import { sessionTtlMs } from './management.js';
import {
  apiError,
  collection,
  jsonAnswer,
  mustAuthenticate,
  notFound,
  type ApiAnswer,
} from './norman.js';
import type { Caller } from './tokens.js';
import { clusterView, registrationView, tokenView } from './views.js';

/** One HTTP request to the Rancher hostname, as the front read it. */
export interface RancherRequest {
  method: string;
  /** The path without the query. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The body as text ('' for none). */
  body: string;
  /** `https://host[:port]` the request came in by: links, and import URLs without server-url. */
  origin: string;
}

/** Whether the management API answers this path (the rest is /ping, /healthz, /cacerts, …). */
export function isManagementPath(path: string): boolean {
  return path === '/v3' || path.startsWith('/v3/') || path.startsWith('/v3-public/');
}

type Body = Record<string, unknown>;

function parseBody(text: string): Body | ApiAnswer {
  try {
    const data: unknown = JSON.parse(text || '{}');
    if (data && typeof data === 'object' && !Array.isArray(data)) return data as Body;
  } catch {
    // falls through to the error
  }
  // norman's httperror.InvalidBodyContent (422).
  return apiError(422, 'InvalidBodyContent', 'Failed to parse body');
}

function isAnswer(x: Body | ApiAnswer): x is ApiAnswer {
  return typeof (x as ApiAnswer).status === 'number' && typeof (x as ApiAnswer).body === 'string';
}

function stringMap(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object') return {};
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
  );
}

const paging = new Set(['limit', 'marker', 'sort', 'order', 'action']);

/** norman's query filters: `?field=value` keeps the items whose field equals it. */
function filtered(items: Record<string, unknown>[], query: URLSearchParams) {
  const filters: Record<string, string> = {};
  for (const [k, v] of query) if (!paging.has(k)) filters[k] = v;
  const data = items.filter((item) =>
    Object.entries(filters).every(([k, v]) => String(item[k] ?? '') === v),
  );
  return { data, filters };
}

/**
 * Rancher's management API, the part the fleet import uses: login, tokens, v3 clusters,
 * registration tokens and the import manifest (paths and answers from rancher/rancher
 * v2.13.8; each handler names its source).
 */
export class ManagementApi {
  constructor(private readonly m: RancherManagement) {}

  handle(req: RancherRequest): ApiAnswer {
    const fault = this.fault();
    if (fault) return fault;
    const path = req.path.replace(/\/+$/, '');
    if (path === '/v3-public/localProviders/local' || path === '/v3-public/localproviders/local')
      return this.login(req);
    const manifest = /^\/v3\/import\/([^/_]+)_([^/]+)\.yaml$/.exec(path);
    if (manifest && req.method === 'GET')
      return this.importManifest(req, manifest[1]!, manifest[2]!);
    if (path.startsWith('/v3-public')) return notFound();
    const caller = this.m.tokens.authenticate(req.headers);
    if (!caller) return mustAuthenticate();
    const [, , type = '', id, sub] = path.split('/').map((s) => decodeURIComponent(s));
    switch (type.toLowerCase()) {
      case 'clusters':
        // The cluster's `clusterRegistrationTokens` link: its tokens only.
        if (id && sub?.toLowerCase() === 'clusterregistrationtokens' && req.method === 'GET') {
          if (!this.m.clusters.get(id))
            return notFound(`clusters.management.cattle.io "${id}" not found`);
          const query = new URLSearchParams(req.query);
          query.set('clusterId', id);
          return this.registrations({ ...req, query }, undefined);
        }
        return this.clusters(req, id);
      case 'clusterregistrationtokens':
        return this.registrations(req, id);
      case 'tokens':
        return this.tokens(req, caller, id);
      default:
        return notFound();
    }
  }

  /**
   * Faults: `rancherApi429` (a rate limit in front of Rancher, with Retry-After in seconds;
   * Rancher itself has no API rate limit in its source, so the body is unverified) and
   * `rancherApi5xx` (503, as when Rancher's pods restart behind the ingress; unverified body).
   */
  private fault(): ApiAnswer | undefined {
    const faults = this.m.lab.faults;
    if (faults.take('rancherApi429'))
      return {
        ...apiError(429, 'TooManyRequests', 'too many requests'),
        headers: { 'Retry-After': '1' },
      };
    if (faults.take('rancherApi5xx'))
      return apiError(
        503,
        'ServiceUnavailable',
        'the server is currently unable to handle the request',
      );
    return undefined;
  }

  private base(req: RancherRequest): string {
    return req.origin;
  }

  /**
   * POST /v3-public/localProviders/local?action=login (pkg/auth/providers/publicapi/login.go):
   * 201 with only token, expiresAt, id, baseType and type; the ttl asked for is replaced by
   * auth-user-session-ttl-minutes; a wrong password is 401 "authentication failed"
   * (local_auth_provider.go).
   */
  private login(req: RancherRequest): ApiAnswer {
    if (req.method !== 'POST' || req.query.get('action') !== 'login')
      return apiError(404, 'NotFound', 'not found');
    const body = parseBody(req.body);
    if (isAnswer(body)) return body;
    const password = this.m.adminPassword();
    if (body.username !== 'admin' || !password || body.password !== password)
      return apiError(401, 'Unauthorized', 'authentication failed');
    const { object, bearer } = this.m.tokens.create({
      userId: this.m.adminUserId,
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
      expiresAt: this.m.tokens.expiresAt(object),
      id: object.metadata.name,
      baseType: 'token',
      type: 'token',
    });
  }

  /**
   * GET /v3/import/<token>_<clusterId>.yaml (pkg/api/norman/customization/
   * clusterregistrationtokens/import.go): no login needed; 400 "cluster not found or invalid
   * token" as text/plain.
   */
  private importManifest(req: RancherRequest, token: string, clusterId: string): ApiAnswer {
    const text = 'text/plain';
    const bad = { status: 400, contentType: text, body: 'cluster not found or invalid token' };
    if (!this.m.clusters.get(clusterId)) return bad;
    if (!this.m.registrations.isValid(clusterId, token)) return bad;
    const version = this.m.setting('server-version');
    const body = renderImportManifest({
      serverUrl: this.m.setting('server-url') || req.origin,
      token,
      namespace: '',
      agentImage: `rancher/rancher-agent:${version}`,
      caChecksum: this.m.caChecksum(),
      serverVersion: version,
      installUuid: this.m.setting('install-uuid'),
      ingressIpDomain: this.m.setting('ingress-ip-domain') || 'sslip.io',
      strictVerify: (this.m.setting('agent-tls-mode') || 'strict') === 'strict',
    });
    return { status: 200, contentType: text, body };
  }

  private clusters(req: RancherRequest, id: string | undefined): ApiAnswer {
    const base = this.base(req);
    if (id === undefined) {
      if (req.method === 'GET') {
        const views = this.m.clusters.list().map((c) => clusterView(c, base));
        const { data, filters } = filtered(views, req.query);
        return collection(base, 'cluster', '/v3/clusters', data, filters);
      }
      if (req.method === 'POST') return this.createCluster(req);
      return apiError(405, 'MethodNotAllowed', `Method ${req.method} not supported`);
    }
    const cluster = this.m.clusters.get(id);
    if (!cluster) return notFound(`clusters.management.cattle.io "${id}" not found`);
    if (req.method === 'GET') return jsonAnswer(200, clusterView(cluster, base));
    if (req.method === 'DELETE') {
      // Rancher's webhook refuses to delete the local cluster (unverified wording).
      if (id === 'local')
        return apiError(403, 'PermissionDenied', 'the local cluster cannot be deleted');
      const view = { ...clusterView(cluster, base), state: 'removing', transitioning: 'yes' };
      this.m.deleteCluster(id);
      return jsonAnswer(200, view);
    }
    return apiError(405, 'MethodNotAllowed', `Method ${req.method} not supported`);
  }

  /**
   * POST /v3/clusters: `name` is the display name; one already used by a cluster (any case)
   * is 422 NotUnique on field "Cluster name" (pkg/api/norman/store/cluster/cluster_store.go
   * canUseClusterName).
   */
  private createCluster(req: RancherRequest): ApiAnswer {
    const body = parseBody(req.body);
    if (isAnswer(body)) return body;
    const name = typeof body.name === 'string' ? body.name.trim() : '';
    if (!name) return apiError(422, 'MissingRequired', 'name is required', 'name');
    const taken = this.m.clusters
      .list()
      .some((c) => String(c.spec?.displayName ?? '').toLowerCase() === name.toLowerCase());
    if (taken) return apiError(422, 'NotUnique', undefined, 'Cluster name');
    const caller = this.m.tokens.authenticate(req.headers);
    const cluster = this.m.createCluster({
      name,
      description: typeof body.description === 'string' ? body.description : '',
      labels: stringMap(body.labels),
      annotations: stringMap(body.annotations),
      creatorId: caller?.userId ?? '',
    });
    return jsonAnswer(201, clusterView(cluster, this.base(req)));
  }

  private registrations(req: RancherRequest, id: string | undefined): ApiAnswer {
    const base = this.base(req);
    const serverUrl = this.m.setting('server-url');
    const view = (crt: Parameters<typeof registrationView>[0]) =>
      registrationView(crt, base, this.m.registrations.commands(crt, serverUrl));
    if (id === undefined) {
      if (req.method === 'GET') {
        const clusterId = req.query.get('clusterId') ?? undefined;
        const views = this.m.registrations.list(clusterId).map(view);
        const { data, filters } = filtered(views, req.query);
        return collection(
          base,
          'clusterRegistrationToken',
          '/v3/clusterregistrationtokens',
          data,
          filters,
        );
      }
      if (req.method !== 'POST')
        return apiError(405, 'MethodNotAllowed', `Method ${req.method} not supported`);
      const body = parseBody(req.body);
      if (isAnswer(body)) return body;
      const clusterId = typeof body.clusterId === 'string' ? body.clusterId : '';
      if (!clusterId) return apiError(422, 'MissingRequired', 'clusterId is required', 'clusterId');
      if (!this.m.clusters.get(clusterId))
        return apiError(422, 'InvalidReference', 'clusterId is not a valid reference', 'clusterId');
      return jsonAnswer(201, view(this.m.createRegistration(clusterId)));
    }
    const [clusterId = '', name = ''] = id.split(':');
    const crt = this.m.registrations.get(clusterId, name);
    if (!crt) return notFound(`clusterregistrationtokens.management.cattle.io "${name}" not found`);
    if (req.method === 'GET') return jsonAnswer(200, view(crt));
    return apiError(405, 'MethodNotAllowed', `Method ${req.method} not supported`);
  }

  /**
   * /v3/tokens (pkg/auth/tokens/manager.go): POST makes an API key (derived token) and is the
   * only answer carrying its secret; DELETE answers 204, but 400 for the caller's own login
   * token ("Use logout instead"); POST ?action=logout deletes the caller's token.
   */
  private tokens(req: RancherRequest, caller: Caller, id: string | undefined): ApiAnswer {
    const base = this.base(req);
    if (id === undefined) {
      if (req.method === 'POST' && req.query.get('action') === 'logout') {
        this.m.tokens.delete(caller.tokenName);
        return jsonAnswer(200, {});
      }
      if (req.method === 'GET') {
        const mine = this.m.tokens
          .list(caller.userId)
          .map((t) => tokenView(t, base, this.m.tokens.expiresAt(t)));
        return collection(base, 'token', '/v3/tokens', mine, {});
      }
      if (req.method === 'POST') {
        const body = parseBody(req.body);
        if (isAnswer(body)) return body;
        const ttl = typeof body.ttl === 'number' && body.ttl > 0 ? body.ttl : 0;
        const { object, bearer } = this.m.tokens.create({
          userId: caller.userId,
          ttlMs: ttl,
          isDerived: true,
          description: typeof body.description === 'string' ? body.description : '',
        });
        return jsonAnswer(201, {
          ...tokenView(object, base, this.m.tokens.expiresAt(object)),
          token: bearer,
        });
      }
      return apiError(405, 'MethodNotAllowed', `Method ${req.method} not supported`);
    }
    const token = this.m.tokens.get(id);
    if (!token || token.userId !== caller.userId)
      return notFound(`tokens.management.cattle.io "${id}" not found`);
    if (req.method === 'GET')
      return jsonAnswer(200, tokenView(token, base, this.m.tokens.expiresAt(token)));
    if (req.method === 'DELETE') {
      if (id === caller.tokenName && !caller.isDerived)
        return apiError(
          400,
          'BadRequest',
          'Cannot delete token for current session. Use logout instead',
        );
      this.m.tokens.delete(id);
      return { status: 204, contentType: 'application/json', body: '' };
    }
    return apiError(405, 'MethodNotAllowed', `Method ${req.method} not supported`);
  }
}
