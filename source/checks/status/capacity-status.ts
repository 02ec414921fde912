import type { Config } from '../../config/config.js';
import { podNetwork } from '../../engine/desired/nsx-pod-network.js';
import {
  virtualServerCapacity,
  virtualServersInUse,
} from '../../engine/desired/nsx-virtual-server.js';
import { profileLbSize } from '../../engine/desired/pks-rules.js';
import type { NetworkProfile } from '../../systems/pks.js';
import { fail, pass, warn, type CheckResult, type Read } from '../check.js';
import { checkNamespaceCapacity } from '../nsx.js';
import type { ClusterState } from './cluster-state.js';

/** NSX-T's limits as they fill: pod subnets (one per namespace) and virtual servers. */

/** `nsx.namespaces`: preflight's check, on the namespaces there are now. */
export function checkNamespaces(
  state: ClusterState,
  profile: Read<NetworkProfile | undefined>,
  podIpBlockPrefix: number | undefined,
): CheckResult {
  if (state.namespaces instanceof Error)
    return fail(
      'nsx.namespaces',
      `could not list namespaces: ${state.namespaces.message}`,
      'check kubectl access',
    );
  const known = profile instanceof Error ? undefined : profile;
  return checkNamespaceCapacity(state.namespaces.length, podNetwork(known, podIpBlockPrefix));
}

/** Above this share of the load balancer's virtual servers, warn. */
const warnAbove = 0.8;

/**
 * `nsx.virtual-servers`: virtual servers in use (TKGI "Size a Load Balancer": the API, NCP's
 * two L7 ones, one per LoadBalancer Service) against what the profile's `lb_size` holds.
 * The capacities are guidance (they vary by NSX-T version and Edge size): warn, never fail.
 */
export function checkVirtualServers(
  state: ClusterState,
  profile: Read<NetworkProfile | undefined>,
  config: Config,
): CheckResult {
  const id = 'nsx.virtual-servers';
  if (state.services instanceof Error)
    return fail(id, `could not list Services: ${state.services.message}`, 'check kubectl access');
  const loadBalancers = state.services.filter((s) => s.spec?.type === 'LoadBalancer').length;
  const used = virtualServersInUse(loadBalancers);
  const known = profile instanceof Error ? undefined : profile;
  const size = known ? profileLbSize(known) : config.pks.lbSize;
  const from = known
    ? `network profile ${known.name}`
    : 'pks.lbSize (the profile could not be read)';
  const capacity = virtualServerCapacity[size];
  const parts = `1 for the Kubernetes API, 2 for NCP's ingress, ${loadBalancers} LoadBalancer Service${loadBalancers === 1 ? '' : 's'}`;
  if (!capacity)
    return pass(id, `${used} virtual servers in use (${parts}); lb_size ${size} (${from})`);
  const message = `${used} of the ~${capacity} virtual servers a ${size} load balancer holds (${parts}; lb_size from ${from})`;
  if (used / capacity <= warnAbove) return pass(id, message);
  return warn(
    id,
    message,
    'delete LoadBalancer Services nobody uses, or expose apps through the Ingress instead; lb_size cannot change on an existing cluster (a new cluster with a larger profile can)',
  );
}
