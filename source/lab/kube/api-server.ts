import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Audit } from '../audit.js';
import type { Faults } from '../faults.js';
import { ApiError } from './api-error.js';
import { apiGroup, apiGroupList, apiResourceList, apiVersions, versionInfo } from './discovery.js';
import type { KubeObject } from './object.js';
import { openApiGroupVersion, openApiRoot } from './openapi.js';
import { applyPatch } from './patch.js';
import type { PodLogs } from './pod-logs.js';
import { keyOf, servedTypes, type ResourceType } from './resources.js';
import { parseRoute, type Route } from './routes.js';
import type { ListOptions, Store } from './store.js';
import { toTable, wantsTable } from './table.js';
import { streamWatch } from './watch-stream.js';
import { parse as parseYaml } from 'yaml';

export interface ApiServerOptions {
  store: Store;
  logs: PodLogs;
  token: string;
  certPem: string;
  keyPem: string;
  host: string;
  /** 0 picks a free port. */
  port: number;
  kubeVersion: string;
  faults: Faults;
  audit: Audit;
  clusterName: string;
  log: (message: string) => void;
  /**
   * OIDC ID tokens (with `lab up --oidc`): kube-apiserver's `--oidc-issuer-url`,
   * `--oidc-client-id=pks_cluster_client`, `--oidc-username-claim=user_name` check the
   * signature, issuer, audience and expiry; anything else is 401 Unauthorized.
   */
  oidc?: { verify(token: string): Promise<unknown> };
}

type Query = URLSearchParams;
const mutating = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function sendJson(res: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

async function readBody(req: IncomingMessage, asYaml = false): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  try {
    return asYaml ? parseYaml(text) : JSON.parse(text);
  } catch {
    throw new ApiError('BadRequest', `the body of the request could not be decoded as JSON`);
  }
}

/**
 * Who writes: `?fieldManager=`, else the user agent up to its first `/`
 * (apiserver endpoints/handlers/create.go managerOrUserAgent, prefixFromUserAgent).
 */
export function fieldManagerOf(query: URLSearchParams, userAgent: string | undefined): string {
  const manager = query.get('fieldManager');
  if (manager) return manager;
  return [...(userAgent ?? '').split('/')[0]!]
    .filter((c) => c >= ' ' && c !== '\x7f')
    .join('')
    .slice(0, 128);
}

const applyPatchType = 'application/apply-patch+yaml';

function listOptions(route: Extract<Route, { kind: 'resource' }>, query: Query): ListOptions {
  return {
    namespace: route.namespace,
    labelSelector: query.get('labelSelector') ?? undefined,
    fieldSelector: query.get('fieldSelector') ?? undefined,
  };
}

/**
 * The simulated cluster's kube-apiserver: HTTPS, bearer tokens, discovery, REST and
 * watch over the lab store, with the API faults (5xx bursts, outages, slowness,
 * dropped watches) applied here.
 */
export class ApiServer {
  private server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly watches = new Set<() => void>();
  private boundPort = 0;
  private down = false;
  private held = false;
  private outageTimer?: NodeJS.Timeout;
  private dropTimer?: NodeJS.Timeout;
  private unsubscribeFaults: () => void = () => {};
  private failureToggle = false;

  constructor(private readonly options: ApiServerOptions) {
    this.server = this.createServer();
  }

  get port(): number {
    return this.boundPort;
  }

  private createServer(): Server {
    const server = createServer(
      { cert: this.options.certPem, key: this.options.keyPem },
      (req, res) => {
        this.handle(req, res).catch((e: unknown) => this.fail(res, e));
      },
    );
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    server.on('tlsClientError', () => {});
    // Like kube-apiserver, keep idle connections a long while: Node's 5 s default races
    // clients that reuse a socket the server is just closing (ECONNRESET).
    server.keepAliveTimeout = 120_000;
    server.headersTimeout = 125_000;
    return server;
  }

  async start(): Promise<void> {
    await this.listen(this.options.port);
    this.unsubscribeFaults = this.options.faults.onChange(() => this.applyFaults());
    this.applyFaults();
  }

  private listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const onError = (e: Error) => reject(e);
      this.server.once('error', onError);
      this.server.listen(port, this.options.host, () => {
        this.server.off('error', onError);
        const address = this.server.address();
        this.boundPort = typeof address === 'object' && address ? address.port : port;
        resolve();
      });
    });
  }

  async stop(): Promise<void> {
    this.unsubscribeFaults();
    clearTimeout(this.outageTimer);
    clearInterval(this.dropTimer);
    for (const cut of this.watches) cut();
    for (const s of this.sockets) s.destroy();
    if (this.held) return;
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private applyFaults(): void {
    const current = this.options.faults.current;
    clearInterval(this.dropTimer);
    if (current.dropWatchesEverySeconds !== undefined) {
      if (current.dropWatchesEverySeconds === 0) this.dropWatches();
      else {
        this.dropTimer = setInterval(
          () => this.dropWatches(),
          current.dropWatchesEverySeconds * 1000,
        );
        this.dropTimer.unref();
      }
    }
    if (current.apiDownSeconds && current.apiDownSeconds > 0 && !this.down) {
      void this.outage(current.apiDownSeconds);
    }
  }

  /**
   * Stops answering, connections refused, until called with true (fault
   * `edgeUnreachable`): the listener is closed and every connection cut.
   */
  async setReachable(reachable: boolean): Promise<void> {
    if (reachable === !this.held) return;
    this.held = !reachable;
    if (!reachable) {
      for (const cut of [...this.watches]) cut();
      for (const s of this.sockets) s.destroy();
      await new Promise<void>((resolve) => this.server.close(() => resolve()));
      return;
    }
    this.server = this.createServer();
    await this.listen(this.boundPort);
  }

  private dropWatches(): void {
    for (const cut of [...this.watches]) cut();
  }

  /** Closes the listener and every connection, then comes back on the same port. */
  private async outage(seconds: number): Promise<void> {
    this.down = true;
    this.options.log(`api server of ${this.options.clusterName} down for ${seconds}s (fault)`);
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.outageTimer = setTimeout(() => {
      this.server = this.createServer();
      this.listen(this.boundPort)
        .then(() => this.options.log(`api server of ${this.options.clusterName} back up`))
        .catch((e: Error) => this.options.log(`api server could not come back: ${e.message}`))
        .finally(() => (this.down = false));
    }, seconds * 1000);
    this.outageTimer.unref();
  }

  private fail(res: ServerResponse, e: unknown): void {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const error =
      e instanceof ApiError
        ? e
        : new ApiError('InternalError', `Internal error occurred: ${(e as Error).message}`);
    if (!(e instanceof ApiError)) this.options.log(`api error: ${(e as Error).stack ?? String(e)}`);
    sendJson(res, error.code, error.toStatus());
  }

  /** The static token, or (with OIDC) a valid ID token. */
  async authenticate(token: string): Promise<boolean> {
    if (token === this.options.token) return true;
    return this.options.oidc ? (await this.options.oidc.verify(token)) !== undefined : false;
  }

  private async authorized(req: IncomingMessage): Promise<boolean> {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    return bearer !== undefined && (await this.authenticate(bearer));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://lab');
    const method = req.method ?? 'GET';
    if (mutating.has(method)) {
      res.on('finish', () =>
        this.options.audit.record({
          kind: 'api',
          method,
          path: url.pathname,
          ...(url.search ? { query: url.search.slice(1) } : {}),
          status: res.statusCode,
          cluster: this.options.clusterName,
        }),
      );
    }
    if (!(await this.authorized(req))) throw new ApiError('Unauthorized', 'Unauthorized');
    const faults = this.options.faults;
    if (faults.take('api5xx')) {
      this.failureToggle = !this.failureToggle;
      throw this.failureToggle
        ? new ApiError(
            'ServiceUnavailable',
            'the server is currently unable to handle the request',
            {
              retryAfterSeconds: 1,
            },
          )
        : new ApiError('InternalError', 'Internal error occurred: etcdserver: request timed out');
    }
    const slow = faults.current.apiSlowMs;
    if (slow) {
      // Tests wait for this line to know a call is in flight.
      this.options.log(`${method} ${url.pathname}: answering ${slow} ms late (apiSlowMs)`);
      await new Promise((r) => setTimeout(r, slow));
    }
    await this.route(req, res, method, url);
  }

  private async route(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    url: URL,
  ): Promise<void> {
    const route = parseRoute(url.pathname, servedTypes(this.options.store));
    if (route.kind !== 'resource') {
      if (method !== 'GET')
        throw new ApiError(
          'MethodNotAllowed',
          `the server does not allow this method on the requested resource`,
        );
      return sendJson(res, 200, this.discovery(route, req));
    }
    const query = url.searchParams;
    const key = keyOf(route.type);
    const dryRun = query.get('dryRun') === 'All';
    const manager = fieldManagerOf(query, req.headers['user-agent']);
    switch (method) {
      case 'GET':
        return this.get(req, res, route, key, query);
      case 'POST': {
        if (route.name)
          throw new ApiError(
            'MethodNotAllowed',
            'the server does not allow this method on the requested resource',
          );
        const body = this.objectBody(await readBody(req), route);
        return sendJson(res, 201, this.options.store.create(key, body, { dryRun, manager }));
      }
      case 'PUT': {
        const body = this.objectBody(await readBody(req), route);
        if (body.metadata.name !== route.name) {
          throw new ApiError(
            'BadRequest',
            `the name of the object (${body.metadata.name}) does not match the name on the URL (${route.name})`,
          );
        }
        const subresource = route.subresource === 'status' ? 'status' : undefined;
        return sendJson(
          res,
          200,
          this.options.store.update(key, body, { subresource, dryRun, manager }),
        );
      }
      case 'PATCH':
        if ((req.headers['content-type'] ?? '').startsWith(applyPatchType))
          return this.apply(req, res, route, key, query, dryRun);
        return sendJson(res, 200, await this.patch(req, route, key, dryRun, manager));
      case 'DELETE':
        return this.remove(res, route, key, query, dryRun);
      default:
        throw new ApiError(
          'MethodNotAllowed',
          'the server does not allow this method on the requested resource',
        );
    }
  }

  private discovery(route: Exclude<Route, { kind: 'resource' }>, req: IncomingMessage): unknown {
    const served = servedTypes(this.options.store);
    switch (route.kind) {
      case 'version':
        return versionInfo(this.options.kubeVersion);
      case 'openapi': {
        const doc =
          route.path === '' ? openApiRoot(served) : openApiGroupVersion(route.path, served);
        if (!doc)
          throw new ApiError('NotFound', 'the server could not find the requested resource');
        return doc;
      }
      case 'api':
        return apiVersions(req.headers.host ?? `${this.options.host}:${this.port}`);
      case 'apis':
        return apiGroupList(served);
      case 'group': {
        const group = apiGroup(route.group, served);
        if (!group)
          throw new ApiError('NotFound', 'the server could not find the requested resource');
        return group;
      }
      case 'group-version': {
        const list = apiResourceList(route.group, route.version, served);
        if (!list)
          throw new ApiError('NotFound', 'the server could not find the requested resource');
        return list;
      }
    }
  }

  private objectBody(body: unknown, route: Extract<Route, { kind: 'resource' }>): KubeObject {
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      throw new ApiError('BadRequest', 'the body of the request was not a Kubernetes object');
    }
    const obj = body as KubeObject;
    obj.metadata ??= { name: '' };
    if (route.type.kind !== obj.kind && obj.kind !== undefined) {
      throw new ApiError(
        'BadRequest',
        `the API version in the data (${obj.apiVersion}) does not match the expected API version (${route.type.kind})`,
      );
    }
    if (route.namespace) {
      if (obj.metadata.namespace && obj.metadata.namespace !== route.namespace) {
        throw new ApiError(
          'BadRequest',
          'the namespace of the provided object does not match the namespace sent on the request',
        );
      }
      obj.metadata.namespace = route.namespace;
    }
    return obj;
  }

  private get(
    req: IncomingMessage,
    res: ServerResponse,
    route: Extract<Route, { kind: 'resource' }>,
    key: string,
    query: Query,
  ): void {
    const store = this.options.store;
    const table = wantsTable(req.headers.accept)
      ? { includeObject: query.get('includeObject') ?? undefined }
      : undefined;
    if (route.subresource === 'log') return this.podLog(res, route, query);
    const watching =
      route.legacyWatch || query.get('watch') === 'true' || query.get('watch') === '1';
    if (watching) {
      const options = listOptions(route, query);
      if (route.name) options.fieldSelector = `metadata.name=${route.name}`;
      const cut = streamWatch(
        store,
        {
          type: route.type,
          key,
          options,
          resourceVersion: query.get('resourceVersion') ?? undefined,
          timeoutSeconds: Number(query.get('timeoutSeconds') ?? 0) || undefined,
          table,
        },
        res,
      );
      this.watches.add(cut);
      res.on('close', () => this.watches.delete(cut));
      return;
    }
    if (route.name) {
      const obj = store.mustGet(key, route.namespace, route.name);
      return sendJson(
        res,
        200,
        table
          ? toTable(route.type, [obj], { ...table, resourceVersion: obj.metadata.resourceVersion })
          : obj,
      );
    }
    const resourceVersion = store.resourceVersion;
    const items = store.list(key, listOptions(route, query));
    if (table) return sendJson(res, 200, toTable(route.type, items, { ...table, resourceVersion }));
    sendJson(res, 200, {
      kind: route.type.listKind,
      apiVersion: route.type.group
        ? `${route.type.group}/${route.type.version}`
        : route.type.version,
      metadata: { resourceVersion },
      items,
    });
  }

  private podLog(
    res: ServerResponse,
    route: Extract<Route, { kind: 'resource' }>,
    query: Query,
  ): void {
    const pod = this.options.store.mustGet('pods', route.namespace, route.name!);
    const containers = (pod.spec?.containers ?? []) as { name: string }[];
    const container =
      query.get('container') ?? (containers.length === 1 ? containers[0]!.name : undefined);
    if (!container) {
      throw new ApiError(
        'BadRequest',
        `a container name must be specified for pod ${route.name}, choose one of: [${containers.map((c) => c.name).join(' ')}]`,
      );
    }
    let lines = this.options.logs.read(route.namespace!, route.name!, container);
    const tail = Number(query.get('tailLines') ?? -1);
    if (tail >= 0) lines = lines.slice(-tail);
    const text = lines.map((l) => l + '\n').join('');
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end(text);
  }

  private async patch(
    req: IncomingMessage,
    route: Extract<Route, { kind: 'resource' }>,
    key: string,
    dryRun: boolean,
    manager: string,
  ): Promise<KubeObject> {
    if (!route.name)
      throw new ApiError(
        'MethodNotAllowed',
        'the server does not allow this method on the requested resource',
      );
    const contentType = req.headers['content-type'] ?? '';
    const body = await readBody(req);
    const store = this.options.store;
    const current = store.mustGet(key, route.namespace, route.name);
    const patched = applyPatch(contentType, current, body) as KubeObject;
    if (patched.metadata?.name !== current.metadata.name) {
      throw new ApiError('BadRequest', 'the name of the object cannot be changed by a patch');
    }
    const subresource = route.subresource === 'status' ? 'status' : undefined;
    return store.update(key, patched, { subresource, dryRun, manager });
  }

  /** Server-side apply: the body is the applier's configuration; `?force=true` takes conflicts. */
  private async apply(
    req: IncomingMessage,
    res: ServerResponse,
    route: Extract<Route, { kind: 'resource' }>,
    key: string,
    query: Query,
    dryRun: boolean,
  ): Promise<void> {
    if (!route.name || route.subresource)
      throw new ApiError(
        'MethodNotAllowed',
        'the server does not allow this method on the requested resource',
      );
    // Appliers must name themselves (apimachinery validation.go ValidatePatchOptions).
    const manager = query.get('fieldManager');
    if (!manager) {
      throw new ApiError(
        'Invalid',
        'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
      );
    }
    const body = this.objectBody(await readBody(req, true), route);
    if (body.metadata.name !== route.name) {
      throw new ApiError(
        'BadRequest',
        `the name of the object (${body.metadata.name}) does not match the name on the URL (${route.name})`,
      );
    }
    const store = this.options.store;
    const existed = store.get(key, route.namespace, route.name) !== undefined;
    const force = query.get('force') === 'true';
    sendJson(res, existed ? 200 : 201, store.apply(key, body, { manager, force, dryRun }));
  }

  private remove(
    res: ServerResponse,
    route: Extract<Route, { kind: 'resource' }>,
    key: string,
    query: Query,
    dryRun: boolean,
  ): void {
    const store = this.options.store;
    if (route.name)
      return sendJson(res, 200, store.delete(key, route.namespace, route.name, { dryRun }));
    const deleted = store
      .list(key, listOptions(route, query))
      .map((o) => store.delete(key, o.metadata.namespace, o.metadata.name, { dryRun }));
    const type: ResourceType = route.type;
    sendJson(res, 200, {
      kind: type.listKind,
      apiVersion: type.group ? `${type.group}/${type.version}` : type.version,
      metadata: { resourceVersion: store.resourceVersion },
      items: deleted,
    });
  }
}
