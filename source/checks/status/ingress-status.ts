import type { Config } from '../../config/config.js';
import { ingressControllerOf } from '../../engine/desired/charts.js';
import { schedulableNodes } from '../../engine/desired/ha-spread.js';
import { selectorText } from '../../engine/desired/ingress-controller.js';
import { namespace } from '../../engine/desired/names.js';
import {
  isTransitAddress,
  loadBalancerIps,
  ncpError,
  ncpErrorRemedy,
  virtualServerAddresses,
} from '../../engine/desired/nsx-virtual-server.js';
import type { ServedCertificate } from '../../systems/https.js';
import type { KubeObject } from '../../systems/kube.js';
import { fail, pass, skip, warn, type CheckResult } from '../check.js';
import type { ClusterState } from './cluster-state.js';

/** The ingress controller in front of Rancher, and NSX-T's virtual server in front of it. */

function isReady(pod: KubeObject): boolean {
  const conditions = (pod.status?.conditions ?? []) as { type: string; status: string }[];
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

/** `ingress.pods`: a ready controller pod on every worker (the DaemonSet's promise). */
export function checkControllerPods(state: ClusterState, config: Config): CheckResult {
  const id = 'ingress.pods';
  const chosen = ingressControllerOf(config);
  const { daemonSet, pods } = state.controller;
  const list = `kubectl -n ${namespace} get po -o wide -l ${selectorText(chosen)}`;
  if (daemonSet instanceof Error || pods instanceof Error || state.nodes instanceof Error)
    return fail(
      id,
      `could not read the ${chosen.label} pods: ${[daemonSet, pods, state.nodes].find((r) => r instanceof Error)!.message}`,
      'check kubectl access to the cluster',
    );
  if (!daemonSet)
    return fail(
      id,
      `there is no ${chosen.daemonSet} DaemonSet in ${namespace}`,
      'see ingress.release; the install creates it',
    );
  const workers = schedulableNodes(state.nodes);
  const readyOn = new Set(
    pods.filter((p) => isReady(p) && !p.metadata?.deletionTimestamp).map((p) => p.spec?.nodeName),
  );
  const without = workers.filter((node) => !readyOn.has(node));
  const head = `${chosen.label} ready on ${workers.length - without.length}/${workers.length} workers`;
  if (without.length === 0) return pass(id, head);
  const notReady = pods
    .filter((p) => !isReady(p))
    .map((p) => {
      const waiting = (
        (p.status?.containerStatuses ?? []) as { state?: { waiting?: { reason?: string } } }[]
      ).find((s) => s.state?.waiting?.reason)?.state?.waiting?.reason;
      return `${p.metadata?.name} on ${p.spec?.nodeName ?? 'no node'}${waiting ? `: ${waiting}` : ''}`;
    });
  return fail(
    id,
    `${head}; none ready on ${without.join(', ')}${notReady.length ? ` (${notReady.join('; ')})` : ''}`,
    `read \`${list}\` and \`kubectl -n ${namespace} describe ds ${chosen.daemonSet}\`: NSX-T keeps sending these workers traffic only while their pod is a ready pool member`,
  );
}

/**
 * `ingress.vip`: NSX-T gave the controller's Service a virtual-server IP, NCP reports no error
 * on it, and something answers there. The IP the install recorded is compared, so a VIP that
 * changed (a re-created Service) is said, with the DNS record that must follow.
 */
export function checkVip(
  state: ClusterState,
  config: Config,
  /** The TLS handshake `status` makes with the virtual server anyway: whether it answered. */
  answer: ServedCertificate | undefined,
  recordedVip: string | undefined,
  nsxErrorMessage?: string,
): CheckResult {
  const id = 'ingress.vip';
  const chosen = ingressControllerOf(config);
  const svc = state.controller.service;
  if (svc instanceof Error)
    return fail(
      id,
      `could not read Service ${chosen.service}: ${svc.message}`,
      'check kubectl access',
    );
  if (!svc)
    return fail(
      id,
      `there is no Service ${namespace}/${chosen.service}: NSX-T has no virtual server for Rancher`,
      'see ingress.release; the install creates it',
    );
  const error = ncpError(svc);
  const addresses = virtualServerAddresses(loadBalancerIps(svc));
  if (error)
    return fail(
      id,
      `NCP reports ${error.key}=${error.code} on ${chosen.service}${nsxErrorMessage ? ` (NSXError: ${nsxErrorMessage})` : ''}${addresses.forDns ? `; the Service still lists ${addresses.forDns}` : ''}`,
      ncpErrorRemedy(error.code, config.pks.lbSize).replace(/[,;] then resume$/, ''),
    );
  if (!addresses.forDns)
    return fail(
      id,
      addresses.all.length
        ? `${chosen.service} has only NSX-T transit addresses (${addresses.all.join(', ')}), no virtual-server IP`
        : `${chosen.service} has no virtual-server IP (EXTERNAL-IP <pending>)`,
      `check NCP: \`kubectl -n ${namespace} describe svc ${chosen.service}\`, \`kubectl get nsxerror\``,
    );
  const vip = addresses.forDns;
  const transit = addresses.all.filter(isTransitAddress);
  const extra = transit.length ? ` (and NSX-T's transit address ${transit.join(', ')})` : '';
  const moved =
    recordedVip && recordedVip !== vip
      ? `; it was ${recordedVip} at the install (see dns.rancher)`
      : '';
  if (!answer) return skip(id, 'the virtual server was not contacted');
  if (answer.error)
    return fail(
      id,
      `nothing answers at ${vip}:${answer.port}, the virtual server of ${namespace}/${chosen.service}${extra}: ${answer.error}; the Service still lists the IP, so Kubernetes does not know`,
      `NSX-T lost the virtual server (or its Edge): look for ${vip} under Networking → Load Balancing → Virtual Servers in NSX-T Manager and restore it; NCP realises a Service's virtual server again when the Service is re-created (\`kubectl -n ${namespace} delete svc ${chosen.service}\`, then \`helm upgrade\` puts it back), which may give it a new IP the DNS record must follow`,
    );
  return pass(
    id,
    `${chosen.service}: virtual server ${vip}:${answer.port} answers${extra}${moved}`,
  );
}

/** `ingress.pool`: NSX-T's server pool is the Service's ready endpoints: one per worker. */
export function checkPool(state: ClusterState, config: Config): CheckResult {
  const id = 'ingress.pool';
  const chosen = ingressControllerOf(config);
  const { endpoints } = state.controller;
  if (endpoints instanceof Error || state.nodes instanceof Error)
    return fail(
      id,
      `could not read the pool: ${[endpoints, state.nodes].find((r) => r instanceof Error)!.message}`,
      'check kubectl access',
    );
  const subsets = (endpoints?.subsets ?? []) as {
    addresses?: { ip: string }[];
    notReadyAddresses?: { ip: string }[];
  }[];
  const members = new Set(subsets.flatMap((s) => (s.addresses ?? []).map((a) => a.ip)));
  const waiting = new Set(subsets.flatMap((s) => (s.notReadyAddresses ?? []).map((a) => a.ip)));
  const workers = schedulableNodes(state.nodes).length;
  const head = `${members.size} pool member${members.size === 1 ? '' : 's'} (ready endpoints of ${chosen.service}) for ${workers} workers`;
  const notReady = waiting.size ? `; not ready: ${[...waiting].join(', ')}` : '';
  const inspect = `\`kubectl -n ${namespace} get endpoints ${chosen.service} -o wide\` and ingress.pods`;
  if (members.size === 0)
    return fail(
      id,
      `${head}${notReady}: NSX-T has nowhere to send Rancher's traffic`,
      `see ${inspect}`,
    );
  if (members.size < workers)
    return warn(
      id,
      `${head}${notReady}`,
      `see ${inspect}: a worker without a ready controller is out of the pool`,
    );
  return pass(id, head);
}
