import { describe, expect, it } from 'vitest';
import type { StepContext } from '../../../source/engine/contract.js';
import { applyCrds } from '../../../source/engine/stages/upgrade-ingress.js';
import { defaultTiming } from '../../../source/engine/timing.js';
import { parseAnswers } from '../../../source/config/load-answers.js';
import { fromManifest, type KubeObject } from '../../../source/systems/kube.js';
import type { Systems } from '../../../source/systems/systems.js';

const config = parseAnswers(
  {
    pks: {
      plan: 'rancher',
      cluster: 'c1',
      externalHostname: 'c1.example.test',
      lbSize: 'medium',
      networkProfile: 'lb-medium',
    },
    rancher: { hostname: 'rancher.example.test' },
    tls: { cert: 'r.cer', key: 'r.key', caCerts: 'cacerts.pem' },
  },
  '/srv/answers',
  {},
);

/** A Traefik CRD as the chart's crds/ states it, with a schema keyword client-node renames. */
function crd(plural: string, generator: string): KubeObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: {
      name: `${plural}.traefik.io`,
      annotations: { 'controller-gen.kubebuilder.io/version': generator },
    },
    spec: {
      group: 'traefik.io',
      names: { kind: plural, plural },
      scope: 'Namespaced',
      versions: [
        {
          name: 'v1alpha1',
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
          },
        },
      ],
    },
  };
}

function contextWith(live: Record<string, KubeObject>, chart: KubeObject[]) {
  const calls: string[] = [];
  const progress: string[] = [];
  const kube = {
    get: async (ref: { name: string }) => live[ref.name],
    apply: async (obj: KubeObject) => {
      calls.push(`apply ${obj.metadata!.name}`);
      return obj;
    },
  };
  const systems = {
    helm: {
      showCrds: async (ref: string, o: { version?: string }) => {
        calls.push(`show crds ${ref} ${o.version}`);
        return chart;
      },
    },
    kube: () => kube,
  } as unknown as Systems;
  const ctx: StepContext = {
    config,
    systems,
    facts: {},
    signal: new AbortController().signal,
    timing: defaultTiming,
    secrets: {},
    progress: (m) => progress.push(m),
    manual: () => {},
    panel: () => {},
    waiting: () => {},
    checked: () => {},
  };
  return { ctx, calls, progress };
}

describe('the CRDs before an ingress hop', () => {
  it('applies server-side the chart’s CRDs that differ from the cluster’s, and leaves current ones', async () => {
    const live = {
      // What chart 38 installed, read back as client-node reads it.
      'middlewares.traefik.io': fromManifest(crd('middlewares', 'v0.16.1')),
      'tlsstores.traefik.io': fromManifest(crd('tlsstores', 'v0.19.0')),
    };
    const chart = [
      crd('middlewares', 'v0.19.0'),
      crd('tlsstores', 'v0.19.0'),
      crd('uplinks', 'v0.19.0'),
    ];
    const { ctx, calls, progress } = contextWith(live, chart);
    await applyCrds(ctx, '39.0.9');
    expect(calls).toEqual([
      'show crds traefik/traefik 39.0.9',
      'apply middlewares.traefik.io',
      'apply uplinks.traefik.io',
    ]);
    expect(progress).toEqual([
      'CRDs of traefik 39.0.9, before its upgrade: 2 applied server-side (middlewares.traefik.io, uplinks.traefik.io); 1 already current',
    ]);
  });

  it('says nothing for a chart without CRDs (ingress-nginx)', async () => {
    const { ctx, calls, progress } = contextWith({}, []);
    await applyCrds(ctx, '4.15.1');
    expect(calls).toEqual(['show crds traefik/traefik 4.15.1']);
    expect(progress).toEqual([]);
  });
});
