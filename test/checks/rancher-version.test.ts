import { describe, expect, it } from 'vitest';
import {
  checkKubeVersion,
  checkRancherSupport,
  readRancherChart,
} from '../../source/checks/rancher-version.js';
import type { Config } from '../../source/config/config.js';
import {
  kubeVersionAdmits,
  newestFitting,
  minorLine,
  stableNewestFirst,
} from '../../source/engine/desired/chart-version.js';
import {
  compareMinor,
  minorOf,
  newestSupportedLine,
  supports,
} from '../../source/engine/desired/rancher-support.js';

const config = (chartVersion = '') =>
  ({
    rancher: { chartRepo: 'https://releases.rancher.com/server-charts/stable', chartVersion },
  }) as unknown as Config;

describe('kubeVersion constraints, as Helm reads them', () => {
  it('reads upper bounds with -0, lower bounds, commas and vendor suffixes', () => {
    expect(kubeVersionAdmits('< 1.35.0-0', 'v1.31.4+vmware.1')).toBe(true);
    expect(kubeVersionAdmits('< 1.31.0-0', 'v1.31.0')).toBe(false);
    expect(kubeVersionAdmits('< 1.31.0-0', 'v1.31.0-gke.100')).toBe(false);
    expect(kubeVersionAdmits('>=1.22.0-0', 'v1.20.2')).toBe(false);
    expect(kubeVersionAdmits('>= 1.21.0-0, < 1.29.0-0', 'v1.28.9')).toBe(true);
    expect(kubeVersionAdmits(undefined, 'v1.99.0')).toBe(true);
  });

  it('orders stable versions newest first, leaving pre-releases out', () => {
    expect(stableNewestFirst(['2.9.3', '2.15.0', '2.15.1-alpha1', '2.10.10'])).toEqual([
      '2.15.0',
      '2.10.10',
      '2.9.3',
    ]);
  });
});

describe('choosing the newest chart that fits', () => {
  const bounds: Record<string, string> = {
    '2.15.0': '< 1.37.0-0',
    '2.13.7': '< 1.35.0-0',
    '2.12.5': '< 1.34.0-0',
    '2.12.1': '< 1.34.0-0',
    '2.8.13': '< 1.29.0-0',
    '2.8.2': '< 1.28.0-0',
  };
  const reads: string[] = [];
  const reader = {
    versions: async () => Object.keys(bounds),
    kubeVersion: async (v: string) => {
      reads.push(v);
      return bounds[v];
    },
  };

  it('prefers lines SUSE validates on the cluster, reading one patch per line', async () => {
    reads.length = 0;
    const choice = await newestFitting(reader, 'v1.31.4', {
      lineOf: minorLine,
      prefer: (line) => supports(line, '1.31') === true,
    });
    expect(choice).toEqual({ version: '2.12.5', kubeVersion: '< 1.34.0-0', preferred: true });
    expect(reads).toEqual(['2.12.5']);
  });

  it('takes the newest the chart allows when no validated line fits, and says so', async () => {
    const choice = await newestFitting(reader, 'v1.36.1', {
      lineOf: minorLine,
      prefer: (line) => line === '2.8',
    });
    expect(choice).toEqual({ version: '2.15.0', kubeVersion: '< 1.37.0-0', preferred: false });
    expect(await newestFitting(reader, 'v1.40.0', { lineOf: minorLine })).toBeUndefined();
  });
});

describe('the support window', () => {
  it('knows which lines SUSE validates on which minors', () => {
    expect(minorOf('v1.31.4+vmware.1')).toBe('1.31');
    expect(compareMinor('1.9', '1.31')).toBe(-1);
    expect(supports('2.11', '1.30')).toBe(true);
    expect(supports('2.12', '1.30')).toBe(false);
    expect(supports('2.5', '1.20')).toBeUndefined();
    expect(newestSupportedLine('1.31')).toBe('2.12');
    expect(newestSupportedLine('1.29')).toBe('2.10'); // TKGI 1.20
    expect(newestSupportedLine('1.26')).toBeUndefined();
  });

  it('rancher.support warns on a pinned line outside the window, naming the newest validated one', () => {
    const result = checkRancherSupport('v1.29.8', '2.12.5');
    expect(result.status).toBe('warn');
    expect(result.message).toMatch(
      /^SUSE validates Rancher 2\.12 on Kubernetes 1\.31–1\.33, not 1\.29/,
    );
    expect(result.remedy).toContain('Rancher 2.10 is the newest line validated on Kubernetes 1.29');
    expect(checkRancherSupport('v1.31.4', undefined).message).toContain(
      'Rancher 2.12 is the newest line SUSE validates on Kubernetes 1.31',
    );
    expect(checkRancherSupport('v1.26.3', undefined).status).toBe('warn');
  });
});

describe('k8s.version', () => {
  it('reads the bound from the repository (helm show chart --repo), nothing added', async () => {
    const calls: unknown[] = [];
    const helm = {
      showChart: async (chart: string, options: unknown) => {
        calls.push([chart, options]);
        return {
          name: 'rancher',
          version: '2.9.3',
          appVersion: 'v2.9.3',
          kubeVersion: '< 1.31.0-0',
        };
      },
    };
    const chart = await readRancherChart(helm, config('2.9.3'));
    expect(calls).toEqual([
      [
        'rancher',
        { repoUrl: 'https://releases.rancher.com/server-charts/stable', version: '2.9.3' },
      ],
    ]);
    const tooNew = checkKubeVersion('v1.31.4', chart, true);
    expect(tooNew.status).toBe('fail');
    expect(tooNew.message).toBe(
      'rancher.chartVersion 2.9.3 does not install on Kubernetes v1.31.4: chart requires kubeVersion < 1.31.0-0, read from the chart repository',
    );
    expect(tooNew.remedy).toContain('set rancher.chartVersion to a 2.15.x chart');
  });

  it('falls back to the offline table, saying so, when the repository cannot be read', async () => {
    const helm = {
      showChart: async () => {
        throw new Error(
          'looks like "https://releases.rancher.com/server-charts/stable" is not a valid chart repository or cannot be reached',
        );
      },
    };
    const chart = await readRancherChart(helm, config());
    expect(chart).toMatchObject({
      version: '2.15.x',
      kubeVersion: '< 1.37.0-0',
      source: 'offline table',
    });
    const result = checkKubeVersion('v1.31.4', chart, false);
    expect(result.status).toBe('pass');
    expect(result.message).toContain('from the offline table: the repository could not be read');
  });

  it("an unpinned chart that is too new is the install's to choose around, not a failure", () => {
    const result = checkKubeVersion(
      'v1.33.1',
      { version: '2.16.0', kubeVersion: '< 1.33.0-0', source: 'repository' },
      false,
    );
    expect(result.status).toBe('pass');
    expect(result.message).toContain('the install picks the newest that does (a 2.15.x chart)');
    const none = checkKubeVersion(
      'v1.37.1',
      { version: '2.15.0', kubeVersion: '< 1.37.0-0', source: 'repository' },
      false,
    );
    expect(none.status).toBe('fail');
  });
});
