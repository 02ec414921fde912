import { describe, expect, it } from 'vitest';
import { parseAnswers } from '../../source/config/load-answers.js';
import { traefik } from '../../source/engine/desired/ingress-controller.js';
import {
  nothingToUpgrade,
  previewLines,
  previewUpgrade,
  refusal,
} from '../../source/engine/upgrade-preview.js';
import type { Systems } from '../../source/systems/systems.js';

const config = parseAnswers(
  {
    pks: {
      plan: 'rancher',
      cluster: 'czpksrancher05',
      externalHostname: 'czpksrancher05.example.test',
      lbSize: 'medium',
      networkProfile: 'lb-medium',
    },
    rancher: { hostname: 'rancher.example.test' },
    tls: { cert: 'r.cer', key: 'r.key', caCerts: 'cacerts.pem' },
  },
  '/srv/answers',
  {},
);

/** Traefik's releases with their Chart.yaml kubeVersion (traefik-helm-chart tags): 40.0 raised it to 1.25. */
const traefikRepo: Record<string, string> = {
  '42.0.0': '>=1.25.0-0', // a major whose values the tool does not know
  '41.3.0': '>=1.25.0-0',
  '41.2.0': '>=1.25.0-0',
  '40.3.0': '>=1.25.0-0',
  '39.0.9': '>=1.22.0-0',
  '39.0.8': '>=1.22.0-0',
  '38.0.2': '>=1.22.0-0',
  '37.4.0': '>=1.22.0-0',
};
const rancherRepo: Record<string, string> = {
  '2.14.3': '< 1.36.0-0',
  '2.13.7': '< 1.35.0-0',
};

/** A cluster with these releases installed, and the repositories above; every call recorded. */
function systemsWith(installed: { rancher: string; traefik: string }, kube = 'v1.33.2') {
  const calls: string[] = [];
  const repoOf = (ref: string) => (ref.endsWith('/rancher') ? rancherRepo : traefikRepo);
  const helm = {
    release: async (name: string) => ({
      name,
      namespace: 'cattle-system',
      revision: 1,
      status: 'deployed',
      chart: `${name}-${name === 'rancher' ? installed.rancher : installed.traefik}`,
      app_version: '',
    }),
    chartVersions: async (ref: string) => Object.keys(repoOf(ref)),
    showChart: async (ref: string, options: { version?: string }) => {
      calls.push(`show ${ref} ${options.version}`);
      return {
        name: ref,
        version: options.version!,
        appVersion: '',
        kubeVersion: repoOf(ref)[options.version!],
      };
    },
    values: async (name: string) =>
      name === 'traefik'
        ? { ...nested(traefik.values(installed.traefik)), service: { spec: { foo: 'bar' } } }
        : {},
  };
  const systems = {
    helm,
    kube: () => ({ version: async () => kube }),
  } as unknown as Systems;
  return { systems, calls };
}

/** `a.b=c` → `{a: {b: 'c'}}`, as `helm get values` returns what `--set` gave. */
function nested(flat: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(flat)) {
    const keys = path.split('.');
    let at = out;
    for (const k of keys.slice(0, -1)) at = (at[k] ??= {}) as Record<string, unknown>;
    at[keys.at(-1)!] = value;
  }
  return out;
}

const hopsOf = (p: Awaited<ReturnType<typeof previewUpgrade>>) =>
  p.ingress.plan.kind === 'hops'
    ? p.ingress.plan.hops.map((h) => `${h.from}→${h.to}`)
    : p.ingress.plan;

describe('the upgrade preview: the ingress controller', () => {
  it('crosses every chart major it knows, each on its newest version that fits, never one it does not know', async () => {
    const { systems, calls } = systemsWith({ rancher: '2.14.3', traefik: '38.0.2' });
    const preview = await previewUpgrade({ config, systems }, {});
    expect(hopsOf(preview)).toEqual(['38.0.2→39.0.9', '39.0.9→40.3.0', '40.3.0→41.3.0']);
    // One Chart.yaml read per line once one fits: 39.0.8 and 41.2.0 are never read.
    expect(calls.filter((c) => c.includes('traefik/'))).not.toContain(
      'show traefik/traefik 39.0.8',
    );
    expect(calls).not.toContain('show traefik/traefik 41.2.0');
    expect(preview.rancher.plan.kind).toBe('current');
    expect(nothingToUpgrade(preview)).toBe(false);
  });

  it('stops at the newest major whose kubeVersion admits the cluster (40.0 needs 1.25)', async () => {
    const { systems } = systemsWith({ rancher: '2.14.3', traefik: '37.4.0' }, 'v1.24.9+vmware.1');
    const preview = await previewUpgrade({ config, systems }, {});
    expect(hopsOf(preview)).toEqual(['37.4.0→38.0.2', '38.0.2→39.0.9']);
  });

  it('ends on --ingress-version, and refuses a major whose values it does not know', async () => {
    const { systems } = systemsWith({ rancher: '2.14.3', traefik: '38.0.2' });
    expect(hopsOf(await previewUpgrade({ config, systems }, { ingressVersion: '40.3.0' }))).toEqual(
      ['38.0.2→39.0.9', '39.0.9→40.3.0'],
    );
    const unknown = await previewUpgrade({ config, systems }, { ingressVersion: '42.0.0' });
    expect(refusal(unknown)?.message).toBe(
      '--ingress-version: Traefik chart 42.0.0 is major 42, whose values this tool does not know (it knows 37, 38, 39, 40, 41)',
    );
  });

  it('shows each hop’s values against the one before: ours moved by a major are not hand-made values lost', async () => {
    const { systems } = systemsWith({ rancher: '2.14.3', traefik: '38.0.2' });
    const lines = previewLines(await previewUpgrade({ config, systems }, {}));
    expect(lines).toContain('Traefik 38.0.2 → 39.0.9 → 40.3.0 → 41.3.0 (3 hops)');
    expect(lines).toContain(
      'Rancher 2.14.3 is the newest that fits Kubernetes v1.33.2: nothing to upgrade',
    );
    expect(lines).toContain('values for traefik 38.0.2 → 39.0.9:');
    expect(lines).toContain('    deployment.kind=DaemonSet');
    expect(lines).toContain('  + ports.web.http.redirections.entryPoint.to=websecure');
    expect(lines).toContain(
      '  - ports.web.redirections.entryPoint.to=websecure (ours for 38.0.2; 39.0.9 reads it elsewhere)',
    );
    expect(lines).toContain('  - service.spec.foo=bar (set by hand; the upgrade does not keep it)');
    // Later hops list only what changes.
    expect(lines).toContain('values for traefik 39.0.9 → 40.3.0: unchanged');
  });

  it('says when both charts are the newest that fit', async () => {
    const { systems } = systemsWith({ rancher: '2.14.3', traefik: '41.3.0' });
    const preview = await previewUpgrade({ config, systems }, {});
    expect(nothingToUpgrade(preview)).toBe(true);
    expect(previewLines(preview)).toEqual([
      'Rancher 2.14.3 is the newest that fits Kubernetes v1.33.2: nothing to upgrade',
      'Traefik 41.3.0 is the newest that fits Kubernetes v1.33.2: nothing to upgrade',
    ]);
  });

  it('refuses a Rancher version the repository does not have', async () => {
    const { systems } = systemsWith({ rancher: '2.13.7', traefik: '41.3.0' });
    const preview = await previewUpgrade({ config, systems }, { rancherVersion: '2.14.9' });
    expect(refusal(preview)?.message).toBe(
      '--rancher-version: version 2.14.9 is not in the chart repository',
    );
  });

  it('moves ingress-nginx within its one known major in a single hop (its chart has no CRDs to apply)', async () => {
    const nginxConfig = parseAnswers(
      {
        pks: {
          plan: 'rancher',
          cluster: 'czpksrancher05',
          externalHostname: 'czpksrancher05.example.test',
          lbSize: 'medium',
          networkProfile: 'lb-medium',
        },
        ingress: { controller: 'ingress-nginx' },
        rancher: { hostname: 'rancher.example.test' },
        tls: { cert: 'r.cer', key: 'r.key', caCerts: 'cacerts.pem' },
      },
      '/srv/answers',
      {},
    );
    const systems = {
      helm: {
        release: async (name: string) => ({
          name,
          namespace: 'cattle-system',
          revision: 1,
          status: 'deployed',
          chart: name === 'rancher' ? 'rancher-2.14.3' : 'ingress-nginx-4.12.1',
          app_version: '',
        }),
        chartVersions: async (ref: string) =>
          ref.endsWith('/rancher') ? ['2.14.3'] : ['4.15.1', '4.14.5', '4.12.1', '3.41.0'],
        showChart: async (_ref: string, o: { version?: string }) => ({
          name: '',
          version: o.version!,
          appVersion: '',
          kubeVersion: '>=1.21.0-0',
        }),
        values: async () => ({ controller: { kind: 'DaemonSet' } }),
      },
      kube: () => ({ version: async () => 'v1.33.2' }),
    } as unknown as Systems;
    const preview = await previewUpgrade({ config: nginxConfig, systems }, {});
    expect(hopsOf(preview)).toEqual(['4.12.1→4.15.1']);
    expect(previewLines(preview)).toContain('ingress-nginx 4.12.1 → 4.15.1 (1 hop)');
    expect(previewLines(preview)).toContain('    controller.kind=DaemonSet');
  });
});
