import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../source/lab/kube/object.js';
import { isServedIngress } from '../../../source/lab/ingress/ingress-class.js';
import { routeRequest } from '../../../source/lab/ingress/routing.js';
import { hasTlsFor, tlsSecretFor } from '../../../source/lab/ingress/tls-hosts.js';

interface PathSpec {
  path: string;
  pathType: string;
  service: string;
}

function ingress(
  name: string,
  host: string | undefined,
  paths: PathSpec[],
  extra = {},
): KubeObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name, namespace: 'apps' },
    spec: {
      ingressClassName: 'nginx',
      rules: [
        {
          ...(host ? { host } : {}),
          http: {
            paths: paths.map((p) => ({
              path: p.path,
              pathType: p.pathType,
              backend: { service: { name: p.service, port: { number: 80 } } },
            })),
          },
        },
      ],
      ...extra,
    },
  };
}

function serviceFor(ingresses: KubeObject[], host: string, path: string): string | undefined {
  return routeRequest(ingresses, host, path)?.serviceName;
}

describe('ingress-nginx routing', () => {
  const ingresses = [
    ingress('a', 'app.lab.test', [
      { path: '/', pathType: 'Prefix', service: 'root' },
      { path: '/api', pathType: 'Prefix', service: 'api' },
      { path: '/api/v1', pathType: 'Prefix', service: 'api-v1' },
      { path: '/exact', pathType: 'Exact', service: 'exact' },
      { path: '/exact', pathType: 'Prefix', service: 'exact-prefix' },
      { path: '/impl', pathType: 'ImplementationSpecific', service: 'impl' },
    ]),
    ingress('b', '*.wild.lab.test', [{ path: '/', pathType: 'Prefix', service: 'wild' }]),
    ingress('c', undefined, [{ path: '/', pathType: 'Prefix', service: 'catch-all' }]),
  ];

  it('takes the longest matching prefix, by whole path elements', () => {
    expect(serviceFor(ingresses, 'app.lab.test', '/api/v1/x')).toBe('api-v1');
    expect(serviceFor(ingresses, 'app.lab.test', '/api/v2')).toBe('api');
    expect(serviceFor(ingresses, 'app.lab.test', '/apix')).toBe('root');
  });

  it('prefers Exact over a Prefix of the same path', () => {
    expect(serviceFor(ingresses, 'app.lab.test', '/exact')).toBe('exact');
    expect(serviceFor(ingresses, 'app.lab.test', '/exact/more')).toBe('exact-prefix');
  });

  it('treats ImplementationSpecific as nginx string prefix', () => {
    expect(serviceFor(ingresses, 'app.lab.test', '/implement')).toBe('impl');
  });

  it('matches hosts case-insensitively, without port, and wildcards by one label', () => {
    expect(serviceFor(ingresses, 'APP.lab.test:443', '/')).toBe('root');
    expect(serviceFor(ingresses, 'x.wild.lab.test', '/')).toBe('wild');
    expect(serviceFor(ingresses, 'x.y.wild.lab.test', '/')).toBe('catch-all');
  });

  it('sends unknown hosts to the rules without a host, else nowhere', () => {
    expect(serviceFor(ingresses, 'other.lab.test', '/')).toBe('catch-all');
    expect(serviceFor(ingresses.slice(0, 2), 'other.lab.test', '/')).toBeUndefined();
  });

  it('uses spec.defaultBackend for what the rules leave', () => {
    const withDefault = ingress(
      'd',
      'd.lab.test',
      [{ path: '/x', pathType: 'Exact', service: 'x' }],
      {
        defaultBackend: { service: { name: 'fallback', port: { number: 80 } } },
      },
    );
    expect(serviceFor([withDefault], 'd.lab.test', '/y')).toBe('fallback');
  });
});

describe('ingress class and TLS hosts', () => {
  it('serves class nginx by name or by annotation; the annotation decides', () => {
    const base = ingress('a', 'a.lab.test', []);
    expect(isServedIngress(base)).toBe(true);
    const noClass = { ...base, spec: { ...base.spec, ingressClassName: undefined } };
    expect(isServedIngress(noClass)).toBe(false);
    const annotated = {
      ...noClass,
      metadata: { ...noClass.metadata, annotations: { 'kubernetes.io/ingress.class': 'nginx' } },
    };
    expect(isServedIngress(annotated)).toBe(true);
    const otherAnnotation = {
      ...base,
      metadata: { ...base.metadata, annotations: { 'kubernetes.io/ingress.class': 'ncp' } },
    };
    expect(isServedIngress(otherAnnotation)).toBe(false);
  });

  it('finds the TLS secret in the Ingress namespace, exact host before wildcard', () => {
    const wild = ingress('w', undefined, [], {
      tls: [{ hosts: ['*.lab.test'], secretName: 'wild' }],
    });
    const exact = ingress('e', undefined, [], {
      tls: [{ hosts: ['r.lab.test'], secretName: 'exact' }],
    });
    expect(tlsSecretFor([wild, exact], 'r.lab.test')).toEqual({
      namespace: 'apps',
      secretName: 'exact',
    });
    expect(tlsSecretFor([wild, exact], 's.lab.test')?.secretName).toBe('wild');
    expect(tlsSecretFor([wild, exact], 'lab.test')).toBeUndefined();
    expect(hasTlsFor([exact], 'R.lab.test')).toBe(true);
  });
});
