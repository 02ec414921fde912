import { describe, expect, it } from 'vitest';
import {
  hopLanded,
  hopPassed,
  reportsVersion,
  rollbackCommand,
} from '../../../source/engine/desired/upgrade-hop-outcome.js';
import type { HelmRevision } from '../../../source/systems/helm.js';

const rev = (revision: number, chart: string, status: string): HelmRevision => ({
  revision,
  chart,
  status,
  updated: '',
  description: '',
});

const hop = { release: 'rancher', namespace: 'cattle-system', chartName: 'rancher' };

describe('a hop that failed', () => {
  const history = [
    rev(1, 'rancher-2.12.3', 'superseded'),
    rev(2, 'rancher-2.13.7', 'deployed'),
    rev(3, 'rancher-2.14.3', 'failed'),
  ];

  it('rolls back to the newest revision that ran its starting chart', () => {
    expect(rollbackCommand(history, { ...hop, from: '2.13.7' })).toEqual([
      'helm',
      'rollback',
      'rancher',
      '2',
      '-n',
      'cattle-system',
      '--wait',
    ]);
  });

  it('has no rollback when Helm no longer holds the starting chart', () => {
    expect(rollbackCommand(history, { ...hop, from: '2.11.9' })).toBeUndefined();
  });

  it('has not landed until the newest revision is deployed on the target chart', () => {
    expect(hopLanded(history, 'rancher', '2.14.3')).toBe(false);
    expect(hopLanded(history, 'rancher', '2.13.7')).toBe(false);
    expect(
      hopLanded([...history, rev(4, 'rancher-2.14.3', 'deployed')], 'rancher', 'v2.14.3'),
    ).toBe(true);
  });
});

describe('the version Rancher reports', () => {
  it('matches the chart version with or without the v', () => {
    expect(reportsVersion('v2.13.7', '2.13.7')).toBe(true);
    expect(reportsVersion('v2.13.3', '2.13.7')).toBe(false);
    expect(reportsVersion(undefined, '2.13.7')).toBe(false);
  });
});

describe('a hop the release has moved past', () => {
  it('is one whose version is below the newest revision’s chart, whatever that revision’s status', () => {
    const walked = [
      rev(1, 'traefik-38.0.2', 'superseded'),
      rev(2, 'traefik-39.0.9', 'superseded'),
      rev(3, 'traefik-40.3.0', 'superseded'),
      rev(4, 'traefik-41.3.0', 'failed'),
    ];
    expect(hopPassed(walked, 'traefik', '39.0.9')).toBe(true);
    expect(hopPassed(walked, 'traefik', '40.3.0')).toBe(true);
    // The failed hop itself is not past: it is resumed, never repeated from scratch.
    expect(hopPassed(walked, 'traefik', '41.3.0')).toBe(false);
    expect(hopPassed([], 'traefik', '39.0.9')).toBe(false);
  });
});
