import { describe, expect, it } from 'vitest';
import {
  antiAffinityFor,
  schedulableNodes,
  spreadFinding,
} from '../../../source/engine/desired/ha-spread.js';

const node = (
  name: string,
  extra: { taint?: string; unschedulable?: boolean; ready?: boolean } = {},
) => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name },
  spec: {
    ...(extra.taint ? { taints: [{ key: 'x', effect: extra.taint }] } : {}),
    ...(extra.unschedulable ? { unschedulable: true } : {}),
  },
  status: { conditions: [{ type: 'Ready', status: extra.ready === false ? 'False' : 'True' }] },
});

describe('HA spread', () => {
  it('counts the nodes Rancher can use: Ready, not cordoned, not tainted NoSchedule', () => {
    expect(
      schedulableNodes([
        node('w1'),
        node('w2', { taint: 'PreferNoSchedule' }),
        node('m1', { taint: 'NoSchedule' }),
        node('w3', { unschedulable: true }),
        node('w4', { ready: false }),
      ]),
    ).toEqual(['w1', 'w2']);
  });

  it('requires anti-affinity only when every replica can have a node', () => {
    expect(antiAffinityFor(3, 3)).toBe('required');
    expect(antiAffinityFor(3, 2)).toBe('preferred');
  });

  it('reports a spread short of what the workers allow, without waiting for it', () => {
    const three = [
      { pod: 'a', node: 'w1' },
      { pod: 'b', node: 'w2' },
      { pod: 'c', node: 'w3' },
    ];
    expect(spreadFinding(three, 3, 3)).toEqual({ ok: true, message: '3 Rancher pods on 3 nodes' });
    expect(spreadFinding(three.slice(0, 2).concat({ pod: 'c', node: 'w1' }), 3, 2).ok).toBe(true);
    const packed = spreadFinding([...three.slice(0, 2), { pod: 'c', node: 'w1' }], 3, 3);
    expect(packed).toEqual({
      ok: false,
      message:
        '3 Rancher pods on 2 nodes, though 3 could each have their own: losing one node takes down 2 pods at once',
    });
  });
});
