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
    expect(results[1]!.message).toBe('helm v3.16.4+g7877b45 (Helm 3)');
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

  it('fails Helm 2: it cannot install apiVersion v2 charts; the fix is Helm 3 or 4', async () => {
    const results = await toolChecks(
      readers({ helm: { version: async () => ({ major: 2, version: 'v2.16.10' }) } }),
    );
    expect(results[1]).toEqual({
      id: 'tools.helm',
      status: 'fail',
      message:
        "helm v2.16.10 is Helm 2, which cannot install today's charts: Rancher's chart is apiVersion v2 since Rancher 2.7.2 and Helm 2 refuses it (apiVersion 'v2' is not valid)",
      remedy:
        'install Helm 3 (3.2 or later) or Helm 4 and put `helm` on PATH (https://helm.sh/docs/intro/install/); Tiller is not needed',
    });
  });

  it('reads the version from helm version output', () => {
    expect(versionOf('Client: v2.16.10+gbd5e8b4\nError: cannot connect to Tiller')).toBe(
      'v2.16.10+gbd5e8b4',
    );
    expect(versionOf('v3.16.4+g7877b45\n')).toBe('v3.16.4+g7877b45');
  });
});
