import type { KubeObject } from '../../kube/object.js';
import { resourceTypes } from '../../kube/resources.js';

/**
 * The traefik.io definitions in the chart's crds/ folder (traefik/traefik-helm-chart
 * `traefik/crds/traefik.io_*.yaml`: group traefik.io, version v1alpha1, Namespaced). The
 * folder also holds hub.traefik.io and Gateway API v1.4.0 CRDs, which the lab does not
 * serve; their full OpenAPI schemas are left out too (the lab validates no custom resource).
 */
/**
 * The generator that wrote them, per chart version: `controller-gen.kubebuilder.io/version`
 * is v0.16.1 up to 38.x and v0.19.0 from 39.0 (traefik.io_*.yaml at v37.3.0 … v41.3.0), with
 * schema changes at 38 and 39 and in middlewares at 41: a chart's CRDs differ from the ones an
 * older install left, which Helm never upgrades. The lab keeps the annotation as their mark.
 */
function generatorOf(chartVersion: string | undefined): string {
  const major = Number((chartVersion ?? '').split('.')[0]);
  return Number.isFinite(major) && major > 0 && major <= 38 ? 'v0.16.1' : 'v0.19.0';
}

export function traefikCrds(chartVersion?: string): KubeObject[] {
  return resourceTypes
    .filter((t) => t.group === 'traefik.io')
    .map((t) => {
      const names = {
        kind: t.kind,
        listKind: t.listKind,
        plural: t.resource,
        singular: t.singular,
      };
      return {
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: {
          name: `${t.resource}.traefik.io`,
          annotations: { 'controller-gen.kubebuilder.io/version': generatorOf(chartVersion) },
        },
        spec: {
          group: 'traefik.io',
          names,
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
        // What kube-apiserver reports once it serves them.
        status: {
          acceptedNames: names,
          conditions: [
            { type: 'NamesAccepted', status: 'True', reason: 'NoConflicts' },
            { type: 'Established', status: 'True', reason: 'InitialNamesAccepted' },
          ],
          storedVersions: ['v1alpha1'],
        },
      };
    });
}
