import { describe, expect, it } from 'vitest';
import {
  ingressHopRules,
  planHops,
  rancherHopRules,
  type ChartRelease,
} from '../../../source/engine/desired/upgrade-hops.js';

/** Patches per line with their `kubeVersion` bounds (FACTS.md: chart/Chart.yaml per tag). */
function line(bound: string, ...versions: string[]): ChartRelease[] {
  return versions.map((version) => ({ version, kubeVersion: `< ${bound}.0-0` }));
}

const rancherRepo: ChartRelease[] = [
  { version: '2.15.1-alpha1', kubeVersion: '< 1.37.0-0' },
  ...line('1.37', '2.15.0'),
  ...line('1.36', '2.14.3', '2.14.2', '2.14.0'),
  ...line('1.35', '2.13.7', '2.13.3', '2.13.1'),
  ...line('1.34', '2.12.5', '2.12.3', '2.12.1'),
  ...line('1.33', '2.11.9', '2.11.3'),
];

const hopsOf = (plan: ReturnType<typeof planHops>) =>
  plan.kind === 'hops' ? plan.hops.map((h) => `${h.from}→${h.to}`) : plan;

describe('planHops (Rancher)', () => {
  it('goes through every minor line on its newest patch, up to the newest line validated on the cluster', () => {
    // 2.15 is validated on 1.34–1.36 only, so on 1.33 the newest in the window is 2.14.
    const plan = planHops(
      { installed: 'v2.12.3', available: rancherRepo, kubeVersion: 'v1.33.2+vmware.1' },
      rancherHopRules,
    );
    expect(hopsOf(plan)).toEqual(['2.12.3→2.13.7', '2.13.7→2.14.3']);
    expect(plan).toMatchObject({ kind: 'hops', target: '2.14.3' });
  });

  it('reaches 2.15.0 on Kubernetes 1.34, never the pre-release', () => {
    const plan = planHops(
      { installed: '2.12.5', available: rancherRepo, kubeVersion: 'v1.34.1' },
      rancherHopRules,
    );
    expect(hopsOf(plan)).toEqual(['2.12.5→2.13.7', '2.13.7→2.14.3', '2.14.3→2.15.0']);
  });

  it('ends on the version asked for, crossing the lines before it', () => {
    const plan = planHops(
      { installed: '2.11.3', available: rancherRepo, kubeVersion: 'v1.32.5', target: '2.13.3' },
      rancherHopRules,
    );
    expect(hopsOf(plan)).toEqual(['2.11.3→2.12.5', '2.12.5→2.13.3']);
  });

  it('moves within a line in one hop', () => {
    const plan = planHops(
      { installed: '2.14.0', available: rancherRepo, kubeVersion: 'v1.33.0' },
      rancherHopRules,
    );
    expect(hopsOf(plan)).toEqual(['2.14.0→2.14.3']);
  });

  it('has nothing to do when the newest that fits is installed, or something newer is', () => {
    const input = { available: rancherRepo, kubeVersion: 'v1.33.0' };
    expect(planHops({ ...input, installed: '2.14.3' }, rancherHopRules)).toEqual({
      kind: 'current',
      installed: '2.14.3',
      newest: '2.14.3',
    });
    expect(planHops({ ...input, installed: '2.15.0' }, rancherHopRules).kind).toBe('current');
  });

  it('marks a hop through a line not validated on the cluster', () => {
    // 2.11 is validated on 1.30–1.32, 2.12 on 1.31–1.33: on 1.31 both hops are in the window.
    const plan = planHops(
      { installed: '2.11.3', available: rancherRepo, kubeVersion: 'v1.31.0', target: '2.13.7' },
      rancherHopRules,
    );
    expect(plan.kind === 'hops' && plan.hops.map((h) => h.supported)).toEqual([true, false]);
  });

  it('refuses a downgrade, naming helm rollback', () => {
    const plan = planHops(
      { installed: '2.14.3', available: rancherRepo, kubeVersion: 'v1.33.0', target: '2.13.7' },
      rancherHopRules,
    );
    expect(plan).toMatchObject({
      kind: 'refused',
      reason: expect.stringContaining('helm rollback'),
    });
  });

  it('refuses a version the repository lacks, or one whose kubeVersion excludes the cluster', () => {
    const base = { installed: '2.12.1', available: rancherRepo, kubeVersion: 'v1.35.0' };
    expect(planHops({ ...base, target: '2.13.9' }, rancherHopRules)).toEqual({
      kind: 'refused',
      reason: 'version 2.13.9 is not in the chart repository',
    });
    expect(planHops({ ...base, target: '2.13.7' }, rancherHopRules)).toEqual({
      kind: 'refused',
      reason:
        'chart 2.13.7 requires kubeVersion < 1.35.0-0, which is incompatible with Kubernetes v1.35.0',
    });
  });

  it('refuses to skip a line the repository does not have', () => {
    const without213 = rancherRepo.filter((r) => !r.version.startsWith('2.13.'));
    const plan = planHops(
      { installed: '2.12.5', available: without213, kubeVersion: 'v1.33.0' },
      rancherHopRules,
    );
    expect(plan).toEqual({
      kind: 'refused',
      reason: 'the chart repository has no 2.13 release, and an upgrade must not skip a line',
    });
  });

  it('refuses when no patch of a line in between fits the cluster', () => {
    // A 2.13 line whose charts all stop below 1.34, on a 1.34 cluster.
    const repo = [
      ...line('1.37', '2.15.0'),
      ...line('1.36', '2.14.3'),
      ...line('1.34', '2.13.1', '2.12.5'),
    ];
    const plan = planHops(
      { installed: '2.12.5', available: repo, kubeVersion: 'v1.34.0' },
      rancherHopRules,
    );
    expect(plan).toEqual({
      kind: 'refused',
      reason: 'no 2.13 chart fits Kubernetes v1.34.0, and an upgrade must not skip a line',
    });
  });

  it('names the field when the installed version is not a version', () => {
    expect(
      planHops(
        { installed: 'latest', available: rancherRepo, kubeVersion: 'v1.33.0' },
        rancherHopRules,
      ),
    ).toEqual({ kind: 'refused', reason: 'installed version latest is not a version' });
  });
});

describe('planHops (ingress controller chart)', () => {
  const traefikRepo: ChartRelease[] = [
    ...['40.1.0', '40.0.0'].map((version) => ({ version, kubeVersion: '>=1.25.0-0' })),
    ...['39.0.2', '39.0.0', '38.1.0', '38.0.1', '37.4.0', '37.3.0'].map((version) => ({
      version,
      kubeVersion: '>=1.22.0-0',
    })),
  ];

  it('walks chart majors one at a time to the newest', () => {
    const plan = planHops(
      { installed: '37.3.0', available: traefikRepo, kubeVersion: 'v1.33.0' },
      ingressHopRules,
    );
    expect(hopsOf(plan)).toEqual(['37.3.0→38.1.0', '38.1.0→39.0.2', '39.0.2→40.1.0']);
    expect(plan.kind === 'hops' && plan.hops.every((h) => h.supported === undefined)).toBe(true);
  });

  it('stops at the newest major the cluster admits', () => {
    const plan = planHops(
      { installed: '38.0.1', available: traefikRepo, kubeVersion: 'v1.24.3' },
      ingressHopRules,
    );
    expect(hopsOf(plan)).toEqual(['38.0.1→39.0.2']);
  });
});
