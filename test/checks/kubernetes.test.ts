import { commandLine } from '../../source/invocation.js';
import { describe, expect, it } from 'vitest';
import {
  checkExisting,
  checkIngressController,
  readExisting,
  readIngressIp,
  type ExistingState,
  type HelmReader,
  type KubeReader,
} from '../../source/checks/kubernetes.js';
import type { Config } from '../../source/config/config.js';
import { ingressNginx, traefik } from '../../source/engine/desired/ingress-controller.js';
import type { HelmRelease } from '../../source/systems/helm.js';
import type { KubeObject } from '../../source/systems/kube.js';

const config = {
  rancher: { hostname: 'rancher.example.com' },
  ingress: { controller: 'ingress-nginx', chartVersion: '' },
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
    ingressControllers: [],
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
        ingressControllers: [{ controller: ingressNginx, release: release('ingress-nginx') }],
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
        ingressControllers: [],
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
    expect(state.ingressControllers).toEqual([]);
    // The answers' files cannot be read here: the comparison is unknown, not "different".
    expect(state.secrets).toEqual([
      { name: 'tls-ca', state: 'unknown' },
      { name: 'tls-rancher-ingress', state: 'absent' },
    ]);
    expect(state.ingress).toEqual({ hosts: ['rancher.example.com'], same: false });
  });

  it('finds the ingress IP on the controller Service', async () => {
    expect(await readIngressIp(kube, config)).toBe('10.1.1.10');
  });
});

describe('ingress.controller', () => {
  const state = (controllers: ExistingState['ingressControllers']): ExistingState => ({
    ingressControllers: controllers,
    secrets: [],
  });
  const withController = (name: 'traefik' | 'ingress-nginx') =>
    ({ ...config, ingress: { controller: name, chartVersion: '' } }) as Config;

  it('fails when the other controller fronts Rancher: switching is a migration', () => {
    const result = checkIngressController(
      state([{ controller: ingressNginx, release: release('ingress-nginx') }]),
      withController('traefik'),
    );
    expect(result).toMatchObject({
      status: 'fail',
      message: 'ingress-nginx (ingress-nginx-1.0.0) fronts Rancher here; the answers say Traefik',
    });
    expect(result.remedy).toContain(commandLine('migrate-ingress', '--to', 'traefik'));
  });

  it('passes Traefik, and warns that ingress-nginx is retired', () => {
    expect(checkIngressController(state([]), withController('traefik')).status).toBe('pass');
    const nginx = checkIngressController(state([]), withController('ingress-nginx'));
    expect(nginx.status).toBe('warn');
    expect(nginx.message).toContain('retired upstream in March 2026');
    expect(
      checkIngressController(
        state([{ controller: traefik, release: release('traefik') }]),
        withController('traefik'),
      ).status,
    ).toBe('pass');
  });
});
