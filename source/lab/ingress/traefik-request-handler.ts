import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Store } from '../kube/store.js';
import { isRancherBackend } from './backends.js';
import { genericResponse, type SimpleResponse } from './rancher-responses.js';
import type { RancherUpstream } from './rancher-upstream.js';
import type { TraefikConfig } from './traefik-config.js';
import { traefikRoute } from './traefik-routing.js';
import type { KubeObject } from '../kube/object.js';

const text = 'text/plain; charset=utf-8';

/** Go's http.NotFound, Traefik's answer when no router matches (router.go, mux.go @v3.6.2). */
export const traefikNotFound: SimpleResponse = {
  status: 404,
  contentType: text,
  body: '404 page not found\n',
};

/** The load balancer's http.Error when its Service has no server (wrr.go errNoAvailableServer). */
export const traefikNoServer: SimpleResponse = {
  status: 503,
  contentType: text,
  body: 'no available server\n',
};

function send(res: ServerResponse, answer: SimpleResponse, goError: boolean): void {
  res.statusCode = answer.status;
  res.setHeader('Content-Type', answer.contentType);
  for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
  // Go's http.Error (and so http.NotFound) also sets nosniff.
  if (goError) res.setHeader('X-Content-Type-Options', 'nosniff');
  res.end(answer.body);
}

/**
 * The entry point redirection's RedirectScheme (redirect.go, redirect_scheme.go @v3.6.2):
 * 301 (308 when not GET) when permanent, else 302 (307); the port is dropped for https:443;
 * the body is the status text.
 */
function redirect(
  res: ServerResponse,
  req: IncomingMessage,
  to: { scheme: string; port: string; permanent: boolean },
) {
  const host = (req.headers.host ?? '').replace(/:\d+$/, '');
  const port =
    (to.scheme === 'https' && to.port === '443') || (to.scheme === 'http' && to.port === '80')
      ? ''
      : `:${to.port}`;
  const get = req.method === 'GET';
  const status = to.permanent ? (get ? 301 : 308) : get ? 302 : 307;
  const statusText: Record<number, string> = {
    301: 'Moved Permanently',
    302: 'Found',
    307: 'Temporary Redirect',
    308: 'Permanent Redirect',
  };
  res.statusCode = status;
  res.setHeader('Location', `${to.scheme}://${host}${port}${req.url ?? '/'}`);
  res.setHeader('Content-Type', text);
  res.end(statusText[status]);
}

export interface TraefikRequest {
  store: Store;
  config: TraefikConfig;
  /** The Ingresses this Traefik serves. */
  ingresses: KubeObject[];
  /** The entry point the connection came in on (`web`, `websecure`). */
  entryPoint: string;
  /** Whether the connection is TLS. */
  secure: boolean;
  /** Rancher's pods, when a route leads to them. */
  rancher: RancherUpstream;
}

const routerTlsAnnotation = 'traefik.ingress.kubernetes.io/router.tls';

/**
 * Whether an Ingress's routers are TLS routers on this entry point: the entry point's
 * `http.tls`, or the router.tls annotation (parseRouterConfig, annotations.go @v3.6.2). TLS
 * routers answer TLS connections only, the others plain ones only.
 */
function tlsRouters(ingress: KubeObject, entryPointTls: boolean): boolean {
  return entryPointTls || ingress.metadata.annotations?.[routerTlsAnnotation] === 'true';
}

/**
 * One request through the simulated Traefik. Routers from Ingresses attach to every entry
 * point (getDefaultsEntrypoints, cmd/traefik/traefik.go); an entry point redirection
 * catches everything before them (priority MaxInt-1, RedirectEntryPoint.SetDefaults).
 */
export async function handleTraefikRequest(
  t: TraefikRequest,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const redirection = t.config.redirects.get(t.entryPoint);
  if (redirection) return redirect(res, req, redirection);
  const entryPointTls = t.config.tlsEntryPoints.has(t.entryPoint);
  const ingresses = t.ingresses.filter((i) => tlsRouters(i, entryPointTls) === t.secure);
  const path = (req.url ?? '/').split('?')[0] || '/';
  const routed = traefikRoute(
    t.store,
    ingresses,
    t.config.allowEmptyServices,
    req.headers.host ?? '',
    path,
  );
  if (!routed) return send(res, traefikNotFound, true);
  if (routed.backend.readyAddresses.length === 0) return send(res, traefikNoServer, true);
  const answer = isRancherBackend(t.store, routed.backend)
    ? await t.rancher(req, t.secure ? 'https' : 'http')
    : genericResponse(routed.ref.namespace, routed.ref.serviceName);
  send(res, answer, false);
}
