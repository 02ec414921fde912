import { describe, expect, it } from 'vitest';
import {
  checkExisting,
  checkKubeVersion,
  readExisting,
  readIngressIp,
  type ExistingState,
  type HelmReader,
  type KubeReader,
} from '../../source/checks/kubernetes.js';
import { compareMinor, minorOf, rancherFor } from '../../source/checks/rancher-kube-bounds.js';
import type { Config } from '../../source/config/config.js';
import type { HelmRelease } from '../../source/systems/helm.js';
import type { KubeObject } from '../../source/systems/kube.js';

describe('the Rancher chart kubeVersion bounds', () => {
  it('reads minors and compares them numerically', () => {
    expect(minorOf('v1.31.4+vmware.1')).toBe('1.31');
    expect(minorOf('2.9.3')).toBe('2.9');
    expect(minorOf('latest')).toBeUndefined();
    expect(compareMinor('1.9', '1.31')).toBe(-1);
    expect(rancherFor('1.31')).toBe('2.10');
  });
});

describe('k8s.version', () => {
  it('an empty chartVersion means the latest stable (2.13, < 1.35)', () => {
    expect(checkKubeVersion('v1.31.4', '').status).toBe('pass');
    expect(checkKubeVersion('v1.34.2', '').status).toBe('pass');
    expect(checkKubeVersion('v1.35.0', '').status).toBe('fail');
  });

  it('maps a pinned chart version to its bound, naming a chart that would fit', () => {
    const tooNew = checkKubeVersion('v1.31.4', '2.9.3');
    expect(tooNew.status).toBe('fail');
    expect(tooNew.message).toBe(
      'Kubernetes v1.31.4 is too new for Rancher 2.9.3: chart requires kubeVersion: < 1.31',
    );
    expect(tooNew.remedy).toContain('2.10.x');
    expect(checkKubeVersion('v1.30.1', 'v2.9.3').status).toBe('pass');
  });

  it('warns when the bound is unknown', () => {
    expect(checkKubeVersion('v1.31.4', '2.99.0').status).toBe('warn');
  });
});

const config = {
  rancher: { hostname: 'rancher.example.com' },
  tls: { cert: '/nonexistent/c', key: '/nonexistent/k', caCerts: '/nonexistent/cacerts.pem' },
} as unknown as Config;

const release = (name: string, status = 'deployed'): HelmRelease => ({
  name,
  namespace: 'cattle-system',
  revision: 1,
  status,
  chart: `${name}-1.0.0`,
  app_version: '1.0.0',
});

describe('k8s.existing', () => {
  const none: ExistingState = {
    secrets: [
      { name: 'tls-ca', state: 'absent' },
      { name: 'tls-rancher-ingress', state: 'absent' },
    ],
  };

  it('passes on an empty namespace', () => {
    expect(checkExisting(none, config)).toMatchObject({ status: 'pass' });
  });

  it('passes when everything matches the answers, listing it', () => {
    const result = checkExisting(
      {
        rancher: { release: release('rancher'), hostname: 'rancher.example.com' },
        ingressController: release('ingress-nginx'),
        secrets: [{ name: 'tls-ca', state: 'same' }],
        ingress: { hosts: ['rancher.example.com'], same: true },
      },
      config,
    );
    expect(result.status).toBe('pass');
    expect(result.message).toContain('rancher release deployed (rancher-1.0.0) with hostname');
  });

  it('warns with the differences', () => {
    const result = checkExisting(
      {
        rancher: { release: release('rancher'), hostname: 'old.example.com' },
        secrets: [{ name: 'tls-ca', state: 'different' }],
        ingress: { hosts: ['old.example.com'], same: false },
      },
      config,
    );
    expect(result.status).toBe('warn');
    expect(result.message).toContain(
      'rancher release deployed (rancher-1.0.0) with hostname old.example.com (answers: rancher.example.com)',
    );
    expect(result.message).toContain("secret tls-ca does not hold the answers' files");
    expect(result.message).toContain('Ingress rancher is for old.example.com');
  });

  it('warns about a release that is not deployed', () => {
    const result = checkExisting(
      {
        ...none,
        rancher: { release: release('rancher', 'failed'), hostname: 'rancher.example.com' },
      },
      config,
    );
    expect(result.status).toBe('warn');
  });
});

describe('reading what exists (read-only calls)', () => {
  const objects: Record<string, KubeObject> = {
    'Secret/tls-ca': { apiVersion: 'v1', kind: 'Secret', data: { 'cacerts.pem': 'eA==' } },
    'Service/ingress-nginx-controller': {
      apiVersion: 'v1',
      kind: 'Service',
      status: { loadBalancer: { ingress: [{ ip: '10.1.1.10' }] } },
    },
    'Ingress/rancher': {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      spec: { rules: [{ host: 'rancher.example.com' }] },
    },
  };
  const kube: KubeReader = {
    get: async <T extends KubeObject>(ref: { kind: string; name: string }) =>
      objects[`${ref.kind}/${ref.name}`] as T | undefined,
    list: async () => ({ items: [], resourceVersion: '' }),
  };
  const helm: HelmReader = {
    release: async (name: string) => (name === 'rancher' ? release('rancher') : undefined),
    values: async () => ({ hostname: 'rancher.example.com' }),
  };

  it('collects releases, secrets and the Ingress', async () => {
    const state = await readExisting(kube, helm, config);
    expect(state.rancher?.hostname).toBe('rancher.example.com');
    expect(state.ingressController).toBeUndefined();
    // The answers' files cannot be read here: the comparison is unknown, not "different".
    expect(state.secrets).toEqual([
      { name: 'tls-ca', state: 'unknown' },
      { name: 'tls-rancher-ingress', state: 'absent' },
    ]);
    expect(state.ingress).toEqual({ hosts: ['rancher.example.com'], same: false });
  });

  it('finds the ingress IP on the controller Service', async () => {
    expect(await readIngressIp(kube)).toBe('10.1.1.10');
  });
});
