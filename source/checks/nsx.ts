import {
  capacityText,
  namespaceCapacity,
  type PodNetwork,
} from '../engine/desired/nsx-pod-network.js';
import { pass, warn, type CheckResult } from './check.js';

/** Above this share of the blocks, warn: Rancher will keep adding namespaces. */
const warnAbove = 0.5;

/** Why `value` is not a usable pod IP block prefix length, or undefined. */
export function podIpBlockPrefixProblem(value: string): string | undefined {
  const n = Number(value);
  if (Number.isInteger(n) && n >= 8 && n <= 30) return undefined;
  return `--pod-ip-block-prefix: "${value}" is not a prefix length from 8 to 30; give the pod IP block's prefix, e.g. 16 for a /16`;
}

/** `nsx.namespaces`: namespaces in use against the pod IP blocks' capacity. */
export function checkNamespaceCapacity(namespaces: number, network: PodNetwork): CheckResult {
  const message = capacityText(namespaces, network);
  const capacity = namespaceCapacity(network);
  if (capacity > 0 && namespaces / capacity <= warnAbove) return pass('nsx.namespaces', message);
  return warn(
    'nsx.namespaces',
    `${message}; Rancher adds a namespace per project and per user`,
    'ask the NSX-T administrator to add a pod IP block to the network profile (`pod_ip_block_ids`), or clean up unused namespaces, before Rancher adds more',
  );
}
