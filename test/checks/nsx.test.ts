import { describe, expect, it } from 'vitest';
import { checkNamespaceCapacity, podIpBlockPrefixProblem } from '../../source/checks/nsx.js';
import { namespaceCapacity, podNetwork } from '../../source/engine/desired/nsx-pod-network.js';
import type { NetworkProfile } from '../../source/systems/pks.js';

const profile = (parameters: Partial<NetworkProfile>): NetworkProfile => ({
  name: 'np-pods',
  description: '',
  parameters: {},
  ...parameters,
});

describe('nsx.namespaces', () => {
  it('a /16 holds 256 namespaces of a /24 each, unless the profile says otherwise', () => {
    expect(namespaceCapacity(podNetwork(undefined, 16))).toBe(256);
    expect(namespaceCapacity(podNetwork(undefined, 20))).toBe(16);
    expect(namespaceCapacity(podNetwork(undefined, 24))).toBe(1);
    // TKGI docs: pod_subnet_prefix 27 and two pod IP blocks.
    const custom = podNetwork(profile({ podSubnetPrefix: 27, podIpBlockIds: ['a', 'b'] }), 24);
    expect(namespaceCapacity(custom)).toBe(16);
    expect(namespaceCapacity(podNetwork(profile({ podSubnetPrefix: 24 }), 26))).toBe(0);
  });

  it('passes at half the blocks or less, warns above, and says when the block size is assumed', () => {
    const assumed = checkNamespaceCapacity(12, podNetwork(undefined, undefined));
    expect(assumed.status).toBe('pass');
    expect(assumed.message).toContain('12 of the 256 /24 subnets of the /16 pod IP block');
    expect(assumed.message).toContain('a /16 block is assumed');
    expect(checkNamespaceCapacity(128, podNetwork(undefined, 16)).status).toBe('pass');
    const busy = checkNamespaceCapacity(10, podNetwork(undefined, 20));
    expect(busy.status).toBe('warn');
    expect(busy.message).toContain('Rancher adds a namespace per project and per user');
    expect(busy.message).not.toContain('assumed');
  });

  it("reads the network profile's subnet prefix and blocks instead of assuming /24", () => {
    const network = podNetwork(profile({ podSubnetPrefix: 27, podIpBlockIds: ['a', 'b'] }), 20);
    const result = checkNamespaceCapacity(40, network);
    expect(result.message).toBe(
      '40 namespaces use 40 of the 256 /27 subnets of the 2 /20 pod IP blocks (per network profile np-pods) (16%)',
    );
  });

  it('accepts prefixes from 8 to 30', () => {
    expect(podIpBlockPrefixProblem('16')).toBeUndefined();
    expect(podIpBlockPrefixProblem('31')).toContain('--pod-ip-block-prefix');
    expect(podIpBlockPrefixProblem('x')).toBeDefined();
  });
});
