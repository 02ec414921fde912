import { describe, expect, it } from 'vitest';
import {
  flattenValues,
  valuesDiff,
  valuesDiffLines,
} from '../../../source/engine/desired/upgrade-values.js';

describe('the values diff shown before an upgrade', () => {
  const current = {
    hostname: 'rancher.example.test',
    ingress: { tls: { source: 'secret', secretName: 'tls-rancher-ingress' }, enabled: false },
    replicas: 3,
    bootstrapPassword: 'hunter2-not-shown',
    auditLog: { level: 2 },
  };

  it('reads nested values as --set paths', () => {
    expect(flattenValues(current).get('ingress.tls.source')).toBe('secret');
    expect(flattenValues(current).get('replicas')).toBe('3');
  });

  it('marks ours as same, changed or added, and a hand-set value as dropped', () => {
    const lines = valuesDiffLines(
      valuesDiff(current, {
        hostname: 'rancher.example.test',
        'ingress.tls.secretName': 'tls-rancher-ingress',
        replicas: '5',
        privateCA: 'true',
      }),
    );
    expect(lines).toEqual([
      '  hostname=rancher.example.test',
      '  ingress.tls.secretName=tls-rancher-ingress',
      '~ replicas: 3 → 5',
      '+ privateCA=true',
      '- ingress.tls.source=secret (set by hand; the upgrade does not keep it)',
      '- ingress.enabled=false (set by hand; the upgrade does not keep it)',
      '- bootstrapPassword=(hidden) (set by hand; the upgrade does not keep it)',
      '- auditLog.level=2 (set by hand; the upgrade does not keep it)',
    ]);
  });

  it('never prints a password', () => {
    const text = valuesDiffLines(valuesDiff(current, { bootstrapPassword: 'new-secret' })).join(
      '\n',
    );
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('new-secret');
    expect(text).toContain('~ bootstrapPassword: (hidden) → (hidden)');
  });
});
