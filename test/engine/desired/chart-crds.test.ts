import { describe, expect, it } from 'vitest';
import { contains, crdApplyLine, crdCurrent } from '../../../source/engine/desired/chart-crds.js';

/** A CRD as a chart's crds/ file states it (traefik.io_middlewares.yaml, trimmed). */
function middlewares(generator: string, fields: Record<string, unknown> = {}) {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: {
      name: 'middlewares.traefik.io',
      annotations: { 'controller-gen.kubebuilder.io/version': generator },
    },
    spec: {
      group: 'traefik.io',
      names: { kind: 'Middleware', plural: 'middlewares' },
      scope: 'Namespaced',
      versions: [
        {
          name: 'v1alpha1',
          served: true,
          storage: true,
          schema: { openAPIV3Schema: { type: 'object', properties: { spec: { ...fields } } } },
        },
      ],
    },
  };
}

describe('a chart’s CRDs against the cluster’s', () => {
  it('counts a CRD current when every stated field has its value, whatever the API server added', () => {
    const wanted = middlewares('v0.19.0');
    const live = {
      ...middlewares('v0.19.0'),
      metadata: { ...wanted.metadata, uid: 'u', resourceVersion: '7' },
      spec: { ...wanted.spec, conversion: { strategy: 'None' } },
      status: { storedVersions: ['v1alpha1'] },
    };
    expect(crdCurrent(wanted, live)).toBe(true);
  });

  it('needs applying when the chart’s generator or schema differs, or the CRD is missing', () => {
    expect(crdCurrent(middlewares('v0.19.0'), middlewares('v0.16.1'))).toBe(false);
    expect(crdCurrent(middlewares('v0.19.0', { type: 'object' }), middlewares('v0.19.0'))).toBe(
      false,
    );
    expect(crdCurrent(middlewares('v0.19.0'), undefined)).toBe(false);
  });

  it('compares lists item by item and in length', () => {
    expect(contains([1, 2], [1, 2])).toBe(true);
    expect(contains([1, 2, 3], [1, 2])).toBe(false);
    expect(contains({ a: { b: 1, c: 2 } }, { a: { b: 1 } })).toBe(true);
    expect(contains({ a: 'x' }, { a: { b: 1 } })).toBe(false);
  });

  it('says what it applied', () => {
    expect(
      crdApplyLine('traefik', '39.0.9', {
        applied: ['middlewares.traefik.io'],
        current: ['a', 'b'],
      }),
    ).toBe(
      'CRDs of traefik 39.0.9, before its upgrade: 1 applied server-side (middlewares.traefik.io); 2 already current',
    );
    expect(crdApplyLine('traefik', '40.3.0', { applied: [], current: ['a'] })).toBe(
      'CRDs of traefik 40.3.0, before its upgrade: none needed applying; 1 already current',
    );
  });
});
