import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Store } from '../kube/store.js';
import { isRancherBackend, resolveBackend } from './backends.js';
import { normaliseHost } from './host-match.js';
import { servedIngresses } from './ingress-class.js';
import { nginxPage } from './nginx-pages.js';
import { genericResponse, type SimpleResponse } from './rancher-responses.js';
import type { RancherUpstream } from './rancher-upstream.js';
import { routeRequest } from './routing.js';
import { hasTlsFor } from './tls-hosts.js';

import type { Scheme } from './virtual-server.js';

/** ingress-nginx's default `hsts-max-age` and `hsts-include-subdomains`. */
const hsts = 'max-age=31536000; includeSubDomains';

function pathOf(url: string | undefined): string {
  return (url ?? '/').split('?')[0] || '/';
}

function send(res: ServerResponse, scheme: Scheme, answer: SimpleResponse): void {
  res.statusCode = answer.status;
  res.setHeader('Server', 'nginx');
  res.setHeader('Content-Type', answer.contentType);
  for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
  if (scheme === 'https') res.setHeader('Strict-Transport-Security', hsts);
  res.end(answer.body);
}

function sendNginxPage(res: ServerResponse, scheme: Scheme, status: number): void {
  send(res, scheme, { status, contentType: 'text/html', body: nginxPage(status) });
}

/** ssl-redirect: plain HTTP to a host with TLS goes to HTTPS with a 308. */
function redirectToHttps(res: ServerResponse, host: string, url: string | undefined): void {
  res.setHeader('Location', `https://${host.replace(/:80$/, '')}${url ?? '/'}`);
  sendNginxPage(res, 'http', 308);
}

/** One request through the simulated ingress-nginx to the simulated upstream. */
export async function handleRequest(
  store: Store,
  rancher: RancherUpstream,
  scheme: Scheme,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const host = req.headers.host ?? '';
  const path = pathOf(req.url);
  const ingresses = servedIngresses(store);
  if (scheme === 'http' && host && hasTlsFor(ingresses, normaliseHost(host))) {
    return redirectToHttps(res, host, req.url);
  }
  const ref = routeRequest(ingresses, host, path);
  if (!ref) return sendNginxPage(res, scheme, 404);
  const backend = resolveBackend(store, ref);
  // No Service, or no ready endpoints: nginx has an empty upstream and answers 503.
  if (!backend || backend.readyAddresses.length === 0) return sendNginxPage(res, scheme, 503);
  const answer = isRancherBackend(store, backend)
    ? await rancher(req, scheme)
    : genericResponse(ref.namespace, ref.serviceName);
  send(res, scheme, answer);
}
