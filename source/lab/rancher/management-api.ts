import { login, tokensApi } from './auth-api.js';
import { renderImportManifest } from './import-manifest.js';
import type { RancherManagement } from './management.js';
import {
  apiError,
  collection,
  jsonAnswer,
  mustAuthenticate,
  notFound,
  type ApiAnswer,
} from './norman.js';
import {
  filtered,
  isAnswer,
  methodNotAllowed,
  parseBody,
  stringMap,
  type RancherRequest,
} from './request.js';
import { settingsApi } from './settings-api.js';
import type { Caller } from './tokens.js';
import { clusterView, registrationView } from './views.js';

export { isManagementPath, type RancherRequest } from './request.js';

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
      return login(this.m, req);
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
        return this.clusters(req, caller, id);
      case 'clusterregistrationtokens':
        return this.registrations(req, id);
      case 'tokens':
        return tokensApi(this.m, req, caller, id);
      case 'settings':
        return settingsApi(this.m, req, id);
      default:
        return notFound();
    }
  }

  /**
   * Faults. Rancher's API has no rate limit of its own (no 429 in its pkg/ at v2.13.8): a 429
   * comes from something in front of it, so `rancherApi429` answers as Go's http.Error does
   * (text/plain status text) with `Retry-After` in seconds, as rate limiters send it;
   * `rancherApi5xx` answers 503 the same way (pods restarting). Both bodies (unverified).
   */
  private fault(): ApiAnswer | undefined {
    const faults = this.m.lab.faults;
    const text = 'text/plain; charset=utf-8';
    if (faults.take('rancherApi429'))
      return {
        status: 429,
        contentType: text,
        body: 'Too Many Requests\n',
        headers: { 'Retry-After': '1', 'X-Content-Type-Options': 'nosniff' },
      };
    if (faults.take('rancherApi5xx'))
      return {
        status: 503,
        contentType: text,
        body: 'Service Unavailable\n',
        headers: { 'X-Content-Type-Options': 'nosniff' },
      };
    return undefined;
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

  private clusters(req: RancherRequest, caller: Caller, id: string | undefined): ApiAnswer {
    const base = req.origin;
    if (id === undefined) {
      if (req.method === 'GET') {
        const views = this.m.clusters.list().map((c) => clusterView(c, base));
        const { data, filters } = filtered(views, req.query);
        return collection(base, 'cluster', '/v3/clusters', data, filters);
      }
      if (req.method === 'POST') return this.createCluster(req, caller);
      return methodNotAllowed(req.method);
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
    return methodNotAllowed(req.method);
  }

  /**
   * POST /v3/clusters: `name` is the display name; one already used by a cluster (any case)
   * is 422 NotUnique on field "Cluster name" (pkg/api/norman/store/cluster/cluster_store.go
   * canUseClusterName).
   */
  private createCluster(req: RancherRequest, caller: Caller): ApiAnswer {
    const body = parseBody(req.body);
    if (isAnswer(body)) return body;
    const name = typeof body.name === 'string' ? body.name.trim() : '';
    if (!name) return apiError(422, 'MissingRequired', 'name is required', 'name');
    const taken = this.m.clusters
      .list()
      .some((c) => String(c.spec?.displayName ?? '').toLowerCase() === name.toLowerCase());
    if (taken) return apiError(422, 'NotUnique', undefined, 'Cluster name');
    const cluster = this.m.createCluster({
      name,
      description: typeof body.description === 'string' ? body.description : '',
      labels: stringMap(body.labels),
      annotations: stringMap(body.annotations),
      creatorId: caller.userId,
    });
    return jsonAnswer(201, clusterView(cluster, req.origin));
  }

  private registrations(req: RancherRequest, id: string | undefined): ApiAnswer {
    const base = req.origin;
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
      if (req.method !== 'POST') return methodNotAllowed(req.method);
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
    return methodNotAllowed(req.method);
  }
}
