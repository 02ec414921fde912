import { isIP } from 'node:net';
import type { LabContext } from '../context.js';
import { answerQuestion } from '../dns/zone.js';
import type { SiteNetwork } from './site-network.js';

/**
 * The network as the downstream cluster `cluster` sees it: the lab's DNS zone (as the lab's
 * server answers it, `dnsWrongIp` included) unless fault `edgeNoDns` lists the cluster; the
 * lab's HTTPS front for 443; an intercepting proxy when `edgeCaMismatch` lists it.
 */
export function labSite(lab: LabContext, cluster: string): SiteNetwork {
  return {
    resolve(host) {
      if (isIP(host)) return host;
      if (lab.faults.current.edgeNoDns?.includes(cluster)) return undefined;
      const answer = answerQuestion(lab, { type: 'A', name: host, class: 'IN' });
      for (const a of answer.answers) if (a.type === 'A') return a.data;
      return undefined;
    },
    portFor: (port) => (port === 443 ? lab.ingressHttpsPort : port),
    get intercepted() {
      return lab.faults.current.edgeCaMismatch?.includes(cluster) ?? false;
    },
  };
}
