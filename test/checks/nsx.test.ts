import { describe, expect, it } from 'vitest';
import {
  checkNamespaceCapacity,
  namespaceCapacity,
  podIpBlockPrefixProblem,
} from '../../source/checks/nsx.js';

describe('nsx.namespaces', () => {
  it('a /16 holds 256 namespaces of a /24 each', () => {
    expect(namespaceCapacity(16)).toBe(256);
    expect(namespaceCapacity(20)).toBe(16);
    expect(namespaceCapacity(24)).toBe(1);
  });

  it('passes at half the block or less, warns above, and says when the prefix is assumed', () => {
    const assumed = checkNamespaceCapacity(12, { prefix: 16, assumed: true });
    expect(assumed.status).toBe('pass');
    expect(assumed.message).toContain('12 of the 256 /24 subnets');
    expect(assumed.message).toContain('assumed');
    expect(checkNamespaceCapacity(128, { prefix: 16, assumed: false }).status).toBe('pass');
    const busy = checkNamespaceCapacity(10, { prefix: 20, assumed: false });
    expect(busy.status).toBe('warn');
    expect(busy.message).toContain('Rancher adds a namespace per project and per user');
    expect(busy.message).not.toContain('assumed');
  });

  it('accepts prefixes from 8 to 24', () => {
    expect(podIpBlockPrefixProblem('16')).toBeUndefined();
    expect(podIpBlockPrefixProblem('25')).toContain('--pod-ip-block-prefix');
    expect(podIpBlockPrefixProblem('x')).toBeDefined();
  });
});
