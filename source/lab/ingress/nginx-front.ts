import type { Store } from '../kube/store.js';
import type { FakeCertificate } from './fake-certificate.js';
import { handleRequest } from './request-handler.js';
import { answerFailure } from './upstream-failure.js';
import type { RancherUpstream } from './rancher-upstream.js';
import type { TlsContexts } from './tls-contexts.js';
import type { ControllerFront } from './virtual-server.js';

/** ingress-nginx behind a virtual server: its fake certificate, its pages, class `nginx`. */
export function nginxFront(
  store: Store,
  fake: FakeCertificate,
  contexts: TlsContexts,
  rancher: RancherUpstream,
): ControllerFront {
  return {
    name: 'ingress-nginx',
    fallback: fake,
    secureContext: (serverName) => contexts.forServerName(serverName),
    handle: (scheme, req, res) =>
      void handleRequest(store, rancher, scheme, req, res).catch((e: unknown) =>
        answerFailure(res, e),
      ),
  };
}
