import type { Store } from '../kube/store.js';

export interface SimpleResponse {
  status: number;
  contentType: string;
  body: string;
  /** Extra response headers (Retry-After, …). */
  headers?: Record<string, string>;
}

const text = 'text/plain; charset=utf-8';

const rancherHome = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Rancher</title></head>
<body><h1>Rancher</h1><p>Simulated by the rancher-pks-tui lab.</p></body>
</html>
`;

/**
 * `/cacerts`: the `cacerts` setting, which Rancher's pods fill from the `tls-ca` secret as
 * they start (controllers/rancher.ts): a secret changed since holds another CA than this.
 */
function cacerts(store: Store): SimpleResponse {
  const value = store.get('management.cattle.io/settings', undefined, 'cacerts')?.value;
  if (typeof value !== 'string' || value === '') return notFound();
  return { status: 200, contentType: text, body: value };
}

function notFound(): SimpleResponse {
  return { status: 404, contentType: text, body: '404 page not found\n' };
}

/** What a Rancher pod answers; the lab runs no real Rancher, only these endpoints. */
export function rancherResponse(store: Store, path: string): SimpleResponse {
  switch (path) {
    case '/ping':
      return { status: 200, contentType: text, body: 'pong' };
    case '/healthz':
      return { status: 200, contentType: text, body: 'ok' };
    case '/cacerts':
      return cacerts(store);
    case '/':
      return { status: 200, contentType: 'text/html; charset=utf-8', body: rancherHome };
    default:
      return notFound();
  }
}

/** Any other upstream: a plain answer naming it, so tests can tell where a request went. */
export function genericResponse(namespace: string, serviceName: string): SimpleResponse {
  return { status: 200, contentType: text, body: `lab backend ${namespace}/${serviceName}\n` };
}
