import { randomBytes } from 'node:crypto';
import type { LabContext } from '../context.js';
import { Faults } from '../faults.js';
import { ApiServer } from '../kube/api-server.js';
import { PodLogs } from '../kube/pod-logs.js';
import { Store } from '../kube/store.js';
import { IpPlan } from '../ip-plan.js';
import { issueCert, type Issued } from '../pki.js';
import { startDownstream } from './downstream.js';
import { startEdgeControllers } from './edge-controllers.js';
import type { EdgeSite } from './edge-plan.js';

/** One running edge cluster. */
export interface EdgeRuntime {
  readonly site: EdgeSite;
  readonly ip: string;
  readonly apiUrl: string;
  readonly token: string;
  readonly store: Store;
  readonly logs: PodLogs;
  /** Fault `edgeUnreachable`: false refuses connections until true again. */
  setReachable(reachable: boolean): Promise<void>;
  stop(): Promise<void>;
}

/** Simulated ms the namespace controller takes to get to a terminating namespace. */
const namespaceFinalizeMs = 2000;

/** A light downstream cluster: API server on its own loopback IP (port 8443), store, light controllers. */
export async function startEdgeCluster(
  lab: LabContext,
  site: EdgeSite,
  ip: string,
  ca: Issued,
  servingKeys: Issued['keys'],
): Promise<EdgeRuntime> {
  const serving = await issueCert(ca, {
    keys: servingKeys,
    commonName: 'kube-apiserver',
    dnsNames: [site.name, 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc'],
    ips: [ip],
  });
  const token = randomBytes(24).toString('base64url');
  const store = new Store({
    deferNamespace: (fn) => void lab.clock.after(namespaceFinalizeMs, fn),
  });
  const logs = new PodLogs();
  const api = new ApiServer({
    store,
    logs,
    token,
    certPem: serving.certPem,
    keyPem: serving.keyPem,
    host: ip,
    port: IpPlan.kubeApiPort,
    kubeVersion: site.kubeVersion,
    // The PKS clusters' API faults (api5xx, apiDownSeconds…) are not the edges' business.
    faults: new Faults({}),
    audit: lab.audit,
    clusterName: site.name,
    log: (m) => lab.log(m),
  });
  await api.start();
  const downstream = startDownstream(lab, site.name, store, logs, site.kubeVersion);
  const spec = {
    name: site.name,
    uuid: `edge-${site.name}`,
    externalHostname: site.name,
    masters: 1,
    workers: 1,
  };
  const stopControllers = startEdgeControllers({
    lab,
    spec,
    store,
    logs,
    kubeVersion: site.kubeVersion,
    programs: downstream.programs,
  });
  return {
    site,
    ip,
    apiUrl: `https://${ip}:${api.port}`,
    token,
    store,
    logs,
    setReachable: (reachable) => api.setReachable(reachable),
    async stop() {
      downstream.stop();
      stopControllers();
      await api.stop();
    },
  };
}
