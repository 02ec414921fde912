import { describe, expect, it } from 'vitest';
import { closestName } from '../../source/config/did-you-mean.js';
import { ConfigError, fieldPath } from '../../source/config/errors.js';
import { findPasswordKeys } from '../../source/config/password-guard.js';

describe('ConfigError', () => {
  it('carries every problem and shows the first as its message', () => {
    const error = new ConfigError(['a: one', 'b: two'], 'answers.yaml');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ConfigError');
    expect(error.message).toBe('a: one');
    expect(error.problems).toEqual(['a: one', 'b: two']);
    expect(error.file).toBe('answers.yaml');
  });
});

describe('fieldPath', () => {
  it('joins keys with dots and indexes with brackets', () => {
    expect(fieldPath(['dns', 'servers', 2])).toBe('dns.servers[2]');
    expect(fieldPath([])).toBe('answers');
  });
});

describe('closestName', () => {
  it('suggests near misses and case slips only', () => {
    expect(closestName('hostnmae', ['hostname', 'replicas'])).toBe('hostname');
    expect(closestName('CACERTS', ['cert', 'key', 'caCerts'])).toBe('caCerts');
    expect(closestName('registry', ['hostname', 'replicas'])).toBeUndefined();
  });
});

describe('findPasswordKeys', () => {
  it('finds password-like keys at any depth, in lists too', () => {
    expect(
      findPasswordKeys({
        a: { bootstrapPassword: 1 },
        b: [{ passwd: 1 }],
        c: { keyPassphrase: 1 },
        d: { hostname: 'x' },
      }),
    ).toEqual(['a.bootstrapPassword', 'b[0].passwd', 'c.keyPassphrase']);
  });
});
