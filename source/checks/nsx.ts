import { pass, warn, type CheckResult } from './check.js';

/**
 * NSX-T gives every namespace a /24 from the cluster's pod IP block (FACTS), and Rancher
 * adds a namespace per project and per user: a busy Rancher can exhaust the block.
 */

export const defaultPodIpBlockPrefix = 16;
/** Each namespace's subnet. */
const namespacePrefix = 24;
/** Above this share of the block, warn: Rancher will keep adding namespaces. */
const warnAbove = 0.5;

export interface PodIpBlock {
  prefix: number;
  /** True when the user did not say and the default /16 is assumed. */
  assumed: boolean;
}

/** How many namespaces (each a /24) a pod IP block of this prefix holds: a /16 holds 256. */
export function namespaceCapacity(prefix: number): number {
  return 2 ** Math.max(0, namespacePrefix - prefix);
}

/** Why `value` is not a usable pod IP block prefix length, or undefined. */
export function podIpBlockPrefixProblem(value: string): string | undefined {
  const n = Number(value);
  if (Number.isInteger(n) && n >= 8 && n <= 24) return undefined;
  return `--pod-ip-block-prefix: "${value}" is not a prefix length from 8 to 24; give the pod IP block's prefix, e.g. 16 for a /16`;
}

/** `nsx.namespaces`: namespaces in use against the pod IP block's capacity. */
export function checkNamespaceCapacity(namespaces: number, block: PodIpBlock): CheckResult {
  const capacity = namespaceCapacity(block.prefix);
  const share = namespaces / capacity;
  const assumed = block.assumed
    ? ` (a /${block.prefix} pod IP block is assumed; pass --pod-ip-block-prefix N for yours)`
    : '';
  const message = `${namespaces} namespaces use ${namespaces} of the ${capacity} /24 subnets of the /${block.prefix} pod IP block (${Math.round(share * 100)}%)${assumed}`;
  if (share <= warnAbove) return pass('nsx.namespaces', message);
  return warn(
    'nsx.namespaces',
    `${message}; Rancher adds a namespace per project and per user`,
    'ask the NSX-T administrator for a larger pod IP block for this cluster, or clean up unused namespaces, before Rancher adds more',
  );
}
