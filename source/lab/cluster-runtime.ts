import { randomBytes } from 'node:crypto';
import type { ClusterRuntime, ClusterSpec, LabContext } from './context.js';
import { startControllers } from './controllers/index.js';
import { startExternalDns } from './dns/external-dns.js';
import { startDownstream } from './edge/downstream.js';
import { startDnsOperator } from './dns/operator.js';
import { startIngressFront } from './ingress/front.js';
import { ApiServer } from './kube/api-server.js';
import { PodLogs } from './kube/pod-logs.js';
import { Store } from './kube/store.js';
import { canBind } from './ip-plan.js';
import { createCa, issueCert } from './pki.js';

/** PKS serves the Kubernetes API on 8443; a lab falls back to any port when it is taken. */
const pksApiPort = 8443;

/** Brings up one simulated cluster: CA and serving cert, API server, controllers, DNS operator or external-dns, ingress front. */
/** How long the namespace controller takes to get to a terminating namespace (simulated ms). */
const namespaceFinalizeMs = 2000;

export async function startClusterRuntime(
  lab: LabContext,
  spec: ClusterSpec,
  masterIps: string[],
): Promise<ClusterRuntime> {
  const host = masterIps[0]!;
  const ca = await createCa({ commonName: `${spec.name}-ca` });
  const serving = await issueCert(ca, {
    commonName: 'kube-apiserver',
    dnsNames: [
      spec.externalHostname,
      'kubernetes',
      'kubernetes.default',
      'kubernetes.default.svc',
      'master.cfcr.internal',
    ],
    ips: [...masterIps, '10.100.200.1'],
  });
  const token = randomBytes(24).toString('base64url');
  // A real namespace controller takes seconds to empty a namespace (unverified how many:
  // it grows with the content); the lab's clock scales it like every other delay.
  const store = new Store({
    deferNamespace: (fn) => void lab.clock.after(namespaceFinalizeMs, fn),
  });
  const logs = new PodLogs();
  const port = (await canBind(host, pksApiPort)) ? pksApiPort : 0;
  const api = new ApiServer({
    store,
    logs,
    token,
    certPem: serving.certPem,
    keyPem: serving.keyPem,
    host,
    port,
    kubeVersion: lab.options.kubeVersion,
    faults: lab.faults,
    audit: lab.audit,
    clusterName: spec.name,
    log: (m) => lab.log(m),
    ...(lab.uaa ? { oidc: lab.uaa } : {}),
  });
  await api.start();
  // A PKS cluster can be imported into Rancher too: its reachability Job and agent run here as on an edge.
  const downstream = startDownstream(lab, spec.name, store, logs, lab.options.kubeVersion);
  const stopControllers = startControllers({
    lab,
    spec,
    store,
    logs,
    kubeVersion: lab.options.kubeVersion,
    programs: downstream.programs,
  });
  let stopOperator: () => void = () => {};
  let stopExternalDns: () => void = () => {};
  let stopFront: () => Promise<void> = async () => {};
  const runtime: ClusterRuntime = {
    spec,
    masterIps,
    apiPort: api.port,
    apiUrl: `https://${host}:${api.port}`,
    caPem: ca.certPem,
    token,
    kubeVersion: lab.options.kubeVersion,
    store,
    logs,
    authenticate: (bearer) => api.authenticate(bearer),
    async stop() {
      stopOperator();
      stopExternalDns();
      stopControllers();
      downstream.stop();
      await stopFront();
      await api.stop();
    },
  };
  stopOperator = startDnsOperator(lab, runtime);
  stopExternalDns = startExternalDns(lab, runtime);
  stopFront = startIngressFront(lab, runtime);
  return runtime;
}
