import { describe, expect, it } from 'vitest';
import { toolChecks, type ToolReaders } from '../../source/checks/tools.js';
import { PermanentError } from '../../source/systems/errors.js';
import { versionOf } from '../../source/systems/helm.js';

function readers(overrides: Partial<ToolReaders> = {}): ToolReaders {
  return {
    pks: { binary: 'pks', version: async () => '1.20.0' },
    helm: { version: async () => ({ major: 3, version: 'v3.16.4+g7877b45' }) },
    bosh: { available: async () => false },
    ...overrides,
  };
}

describe('tools checks', () => {
  it('reports versions; bosh is optional (skip)', async () => {
    const results = await toolChecks(readers());
    expect(results.map((r) => [r.id, r.status])).toEqual([
      ['tools.pks', 'pass'],
      ['tools.helm', 'pass'],
      ['tools.bosh', 'skip'],
    ]);
    expect(results[0]!.message).toBe('pks 1.20.0');
    expect(results[1]!.message).toContain('v3.16.4+g7877b45 (major 3');
  });

  it('fails a missing CLI with its remedy', async () => {
    const results = await toolChecks(
      readers({
        pks: {
          binary: 'pks',
          version: async () => {
            throw new PermanentError('pks: command not found', 'install the PKS CLI');
          },
        },
      }),
    );
    expect(results[0]).toEqual({
      id: 'tools.pks',
      status: 'fail',
      message: 'pks: command not found',
      remedy: 'install the PKS CLI',
    });
  });

  it('mentions Tiller for Helm 2', async () => {
    const results = await toolChecks(
      readers({ helm: { version: async () => ({ major: 2, version: 'v2.16.10' }) } }),
    );
    expect(results[1]!.message).toContain('Tiller');
  });

  it('reads the version from helm version output', () => {
    expect(versionOf('Client: v2.16.10+gbd5e8b4\nError: cannot connect to Tiller')).toBe(
      'v2.16.10+gbd5e8b4',
    );
    expect(versionOf('v3.16.4+g7877b45\n')).toBe('v3.16.4+g7877b45');
  });
});
