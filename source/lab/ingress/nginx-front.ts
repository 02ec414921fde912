import type { Store } from '../kube/store.js';
import type { FakeCertificate } from './fake-certificate.js';
import { handleRequest } from './request-handler.js';
import type { TlsContexts } from './tls-contexts.js';
import type { ControllerFront } from './virtual-server.js';

/** ingress-nginx behind a virtual server: its fake certificate, its pages, class `nginx`. */
export function nginxFront(
  store: Store,
  fake: FakeCertificate,
  contexts: TlsContexts,
): ControllerFront {
  return {
    name: 'ingress-nginx',
    fallback: fake,
    secureContext: (serverName) => contexts.forServerName(serverName),
    handle: (scheme, req, res) => handleRequest(store, scheme, req, res),
  };
}
