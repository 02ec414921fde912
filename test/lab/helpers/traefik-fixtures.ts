import { traefikChart, traefikVersions } from '../../../source/lab/helm/charts/traefik.js';
import { coalesceValues, isValuesMap } from '../../../source/lab/helm/values.js';
import type { Values } from '../../../source/lab/helm/set-values.js';
import type { KubeObject } from '../../../source/lab/kube/object.js';
import { findByKind, keyOf } from '../../../source/lab/kube/resources.js';
import type { Store } from '../../../source/lab/kube/store.js';
import { addNamespace } from './front-fixtures.js';

/** The installer's Traefik values in the syntax of a chart line (37/38, 39, 40+). */
export function installerValues(version: string, extra: Values = {}): Values {
  const major = Number(version.split('.')[0]);
  const redirect = { entryPoint: { to: 'websecure', scheme: 'https', permanent: true } };
  const tls = { enabled: true };
  const timeouts = {
    respondingTimeouts: { readTimeout: '1800s', writeTimeout: '1800s', idleTimeout: '1800s' },
  };
  const ports =
    major >= 39
      ? {
          web: { http: { redirections: redirect } },
          websecure: { http: { tls }, transport: timeouts },
        }
      : { web: { redirections: redirect }, websecure: { tls, transport: timeouts } };
  const base: Values = {
    deployment: { kind: 'DaemonSet' },
    ingressClass: { enabled: true, name: 'traefik', isDefaultClass: false },
    service: major >= 40 ? { spec: { type: 'LoadBalancer' } } : { type: 'LoadBalancer' },
    providers: { kubernetesIngress: { publishedService: { enabled: true } } },
    ports,
    tlsStore: { default: { defaultCertificate: { secretName: 'tls-rancher-ingress' } } },
  };
  return coalesceValues(base, extra);
}

/** What `helm template traefik traefik/traefik -n cattle-system` gives for those values. */
export function renderTraefik(version = '39.0.9', values = installerValues(version)): KubeObject[] {
  const v = traefikVersions.find((x) => x.version === version)!;
  return traefikChart
    .render({
      release: {
        name: 'traefik',
        namespace: 'cattle-system',
        service: 'Helm',
        isInstall: true,
        revision: 1,
      },
      chart: { ...v, name: 'traefik' },
      values: coalesceValues(traefikChart.defaults(v), values),
      lookup: () => undefined,
    })
    .objects.map((r) => r.object);
}

function storeKey(o: KubeObject): string {
  return keyOf(findByKind(o.apiVersion, o.kind)!);
}

export interface TraefikInStore {
  service: KubeObject;
  workload: KubeObject;
}

/**
 * The rendered Traefik objects in a store (the CRDs first), without any controller: the
 * Service gets `vip` as NCP would give it, and one pod from the workload's template stands
 * for the DaemonSet, ready or not.
 */
export function addTraefik(
  store: Store,
  options: { vip?: string; ready?: boolean; version?: string; values?: Values } = {},
): TraefikInStore {
  addNamespace(store, 'cattle-system');
  for (const crd of traefikChart.crds!(traefikVersions[0]!)) {
    if (!store.get('apiextensions.k8s.io/customresourcedefinitions', undefined, crd.metadata.name))
      store.create('apiextensions.k8s.io/customresourcedefinitions', crd);
  }
  const version = options.version ?? '39.0.9';
  const objects = renderTraefik(version, options.values ?? installerValues(version));
  let service: KubeObject | undefined;
  let workload: KubeObject | undefined;
  for (const o of objects) {
    const created = store.create(storeKey(o), {
      ...o,
      ...(o.kind === 'Service' && options.vip
        ? { status: { loadBalancer: { ingress: [{ ip: options.vip }] } } }
        : {}),
    });
    if (o.kind === 'Service') service = created;
    if (o.kind === 'DaemonSet' || o.kind === 'Deployment') workload = created;
  }
  const template = workload!.spec.template;
  store.create('pods', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'traefik-abcde',
      namespace: 'cattle-system',
      labels: template.metadata.labels,
    },
    spec: template.spec,
    status: {
      phase: 'Running',
      podIP: '10.200.1.20',
      conditions: [{ type: 'Ready', status: options.ready === false ? 'False' : 'True' }],
    },
  });
  return { service: service!, workload: workload! };
}

/** The rendered objects' Traefik arguments, for assertions. */
export function argsOf(workload: KubeObject): string[] {
  const c = workload.spec.template.spec.containers[0] as unknown;
  return isValuesMap(c) ? (c.args as string[]) : [];
}
