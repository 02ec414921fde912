import { describe, expect, it } from 'vitest';
import { parseFaults } from '../../source/commands/lab-command.js';

describe('lab up --fault', () => {
  it('takes the edge faults as comma-separated cluster names', () => {
    expect(
      parseFaults(['edgeNoDns=edge-001,edge-002', 'edgeUnreachable=edge-003', 'api5xx=2']),
    ).toEqual({
      edgeNoDns: ['edge-001', 'edge-002'],
      edgeUnreachable: ['edge-003'],
      api5xx: 2,
    });
  });

  it('names the fault and the known ones when a value does not fit', () => {
    expect(() => parseFaults(['edgeCaMismatch'])).toThrow(
      /^--fault edgeCaMismatch: .*; known faults: .*edgeCaMismatch/,
    );
  });
});
