import type { KubeObject } from '../../kube/object.js';
import type { Values } from '../set-values.js';
import { isValuesMap, truthy, valueAt } from '../values.js';
import type { JsonSchema } from '../values-schema.js';
import {
  TemplateError,
  object,
  type ChartDefinition,
  type ChartVersion,
  type RenderInput,
  type Rendered,
  type RenderedObject,
} from './chart.js';
import { traefikArgs, type FailSite } from './traefik-args.js';
import { traefikCrds } from './traefik-crds.js';
import v37_3_0 from './traefik-data/37.3.0.json' with { type: 'json' };
import v37_4_0 from './traefik-data/37.4.0.json' with { type: 'json' };
import v38_0_2 from './traefik-data/38.0.2.json' with { type: 'json' };
import v39_0_9 from './traefik-data/39.0.9.json' with { type: 'json' };
import v40_3_0 from './traefik-data/40.3.0.json' with { type: 'json' };
import v41_3_0 from './traefik-data/41.3.0.json' with { type: 'json' };

/**
 * `traefik/traefik`, repo https://traefik.github.io/charts: a few real releases, newest
 * first, with `appVersion` and `kubeVersion` from `traefik/Chart.yaml` at each tag of
 * traefik/traefik-helm-chart (40.0 raised the bound to 1.25 with "support only Proxy v3.6+
 * & Kubernetes v25+"). The published index holds every release; which ones beyond the
 * git tags (e.g. 41.5.0, named in traefik/traefik#13820) is unverified.
 */
export const traefikVersions: ChartVersion[] = [
  { version: '41.3.0', appVersion: 'v3.7.11', kubeVersion: '>=1.25.0-0' },
  { version: '40.3.0', appVersion: 'v3.7.4', kubeVersion: '>=1.25.0-0' },
  { version: '39.0.9', appVersion: 'v3.6.15', kubeVersion: '>=1.22.0-0' },
  { version: '38.0.2', appVersion: 'v3.6.6', kubeVersion: '>=1.22.0-0' },
  { version: '37.4.0', appVersion: 'v3.6.2', kubeVersion: '>=1.22.0-0' },
  { version: '37.3.0', appVersion: 'v3.6.0', kubeVersion: '>=1.22.0-0' },
];

interface ChartData {
  /** `traefik/values.yaml` as helm reads it. */
  values: Values;
  /** `traefik/values.schema.json`, documentation keywords removed. */
  schema: JsonSchema;
}

/** Made by scripts/traefik-chart-data.mjs from the chart's git tags. */
const data: Record<string, ChartData> = {
  '37.3.0': v37_3_0 as unknown as ChartData,
  '37.4.0': v37_4_0 as unknown as ChartData,
  '38.0.2': v38_0_2 as unknown as ChartData,
  '39.0.9': v39_0_9 as unknown as ChartData,
  '40.3.0': v40_3_0 as unknown as ChartData,
  '41.3.0': v41_3_0 as unknown as ChartData,
};

function dataOf(version: string): ChartData {
  const d = data[version];
  if (!d) throw new Error(`the lab has no traefik chart ${version}`);
  return d;
}

function majorOf(version: string): number {
  return Number(version.split('.')[0]);
}

/**
 * Where `fail` inside the pod template reports from (helm's "execution error at (...)"):
 * up to 38 the template is expanded in place, so Go names `_podtemplate.tpl`; from 39 it is
 * `include`d, so helm names the include in deployment.yaml or daemonset.yaml. Lines checked
 * with `helm template` at each version.
 */
const failLines: Record<string, Partial<Record<FailSite, string>>> = {
  '37.3.0': { redirectTo: '580:18', redirectTarget: '586:20', redirectScheme: '591:20' },
  '37.4.0': { redirectTo: '642:18', redirectTarget: '648:20', redirectScheme: '653:20' },
  '38.0.2': { redirectTarget: '645:20', redirectScheme: '650:20' },
};

function failLocation(version: string, daemonSet: boolean) {
  return (site: FailSite): string => {
    const line = failLines[version]?.[site];
    if (line) return `traefik/templates/_podtemplate.tpl:${line}`;
    return `traefik/templates/${daemonSet ? 'daemonset.yaml:58:15' : 'deployment.yaml:66:15'}`;
  };
}

interface Names {
  /** `traefik.fullname`: the release name when it contains "traefik". */
  full: string;
  namespace: string;
  selector: Record<string, string>;
  labels: Record<string, string>;
  serviceAccount: string;
  clusterRole: string;
}

function trunc63(s: string): string {
  return s.slice(0, 63).replace(/-+$/, '');
}

/** The chart's `_helpers.tpl`: traefik.fullname, traefik.instance-name, traefik.labels. */
function names(input: RenderInput): Names {
  const v = (p: string) => valueAt(input.values, p);
  const { release, chart } = input;
  const name = trunc63(truthy(v('nameOverride')) ? String(v('nameOverride')) : chart.name);
  const full = truthy(v('fullnameOverride'))
    ? trunc63(String(v('fullnameOverride')))
    : trunc63(release.name.includes(name) ? release.name : `${release.name}-${name}`);
  const namespace = truthy(v('namespaceOverride'))
    ? trunc63(String(v('namespaceOverride')))
    : release.namespace;
  const instance = trunc63(
    truthy(v('instanceLabelOverride'))
      ? String(v('instanceLabelOverride'))
      : `${release.name}-${namespace}`,
  );
  const selector = { 'app.kubernetes.io/name': name, 'app.kubernetes.io/instance': instance };
  const labels = {
    ...selector,
    'helm.sh/chart': trunc63(`${chart.name}-${chart.version}`.replace(/\+/g, '_')),
    'app.kubernetes.io/managed-by': release.service,
    ...((v('commonLabels') as Record<string, string> | null) ?? {}),
  };
  const serviceAccount = truthy(v('serviceAccount.name')) ? String(v('serviceAccount.name')) : full;
  return {
    full,
    namespace,
    selector,
    labels,
    serviceAccount,
    clusterRole: trunc63(`${full}-${namespace}`),
  };
}

function meta(n: Names, name: string, extra: Record<string, unknown> = {}): KubeObject['metadata'] {
  return { name, namespace: n.namespace, labels: { ...n.labels }, ...extra };
}

function mapOf(v: unknown): Record<string, string> {
  return isValuesMap(v) ? (v as Record<string, string>) : {};
}

function serviceAccount(input: RenderInput, n: Names): RenderedObject[] {
  if (truthy(valueAt(input.values, 'serviceAccount.name'))) return [];
  const annotations = mapOf(valueAt(input.values, 'serviceAccountAnnotations'));
  return [
    {
      source: 'traefik/templates/rbac/serviceaccount.yaml',
      object: object(
        'v1',
        'ServiceAccount',
        meta(n, n.serviceAccount, Object.keys(annotations).length ? { annotations } : {}),
        { automountServiceAccountToken: false },
      ),
    },
  ];
}

/** `templates/rbac/clusterrole.yaml` for Traefik 3.5+ (every version here). */
function clusterRoleRules(input: RenderInput): Values[] {
  const v = (p: string) => valueAt(input.values, p);
  const crd = truthy(v('providers.kubernetesCRD.enabled'));
  const ingress = truthy(v('providers.kubernetesIngress.enabled'));
  const rules: Values[] = [
    {
      apiGroups: [''],
      resources: [...(crd ? ['configmaps'] : []), 'nodes', 'services'],
      verbs: ['get', 'list', 'watch'],
    },
    { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['list', 'watch'] },
    { apiGroups: [''], resources: ['pods'], verbs: ['get'] },
    { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list', 'watch'] },
  ];
  const networking = ['extensions', 'networking.k8s.io'];
  if (ingress) {
    rules.push(
      {
        apiGroups: networking,
        resources: ['ingressclasses', 'ingresses'],
        verbs: ['get', 'list', 'watch'],
      },
      { apiGroups: networking, resources: ['ingresses/status'], verbs: ['update'] },
    );
    // 38.0 added the namespace watch for the Ingress provider.
    if (majorOf(input.chart.version) >= 38)
      rules.push({ apiGroups: [''], resources: ['namespaces'], verbs: ['list', 'watch'] });
  }
  if (crd) {
    if (!ingress)
      rules.push({
        apiGroups: networking,
        resources: ['ingressclasses'],
        verbs: ['get', 'list', 'watch'],
      });
    rules.push({
      apiGroups: ['traefik.io'],
      resources: traefikCrds().map((c) => c.spec.names.plural as string),
      verbs: ['get', 'list', 'watch'],
    });
  }
  return rules;
}

/** Cluster-wide RBAC; `rbac.namespaced` (a Role instead) is not simulated. */
function rbac(input: RenderInput, n: Names): RenderedObject[] {
  if (!truthy(valueAt(input.values, 'rbac.enabled'))) return [];
  const api = 'rbac.authorization.k8s.io/v1';
  const clusterMeta = { name: n.clusterRole, labels: { ...n.labels } };
  return [
    {
      source: 'traefik/templates/rbac/clusterrole.yaml',
      object: object(api, 'ClusterRole', clusterMeta, { rules: clusterRoleRules(input) }),
    },
    {
      source: 'traefik/templates/rbac/clusterrolebinding.yaml',
      object: object(api, 'ClusterRoleBinding', structuredClone(clusterMeta), {
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'ClusterRole',
          name: n.clusterRole,
        },
        subjects: [{ kind: 'ServiceAccount', name: n.serviceAccount, namespace: n.namespace }],
      }),
    },
  ];
}

function servicePorts(values: Values): Values[] {
  const ports = (valueAt(values, 'ports') as Values | undefined) ?? {};
  const out: Values[] = [];
  for (const name of Object.keys(ports).sort()) {
    const p = ports[name] as Values | null;
    if (!p || !truthy(valueAt(p, 'expose.default'))) continue;
    const target = truthy(p.targetPort) ? p.targetPort : name.toLowerCase();
    out.push({
      port: truthy(p.exposedPort) ? p.exposedPort : p.port,
      name: name.toLowerCase().slice(0, 15),
      targetPort: target,
      protocol: truthy(p.protocol) ? p.protocol : 'TCP',
      ...(truthy(p.nodePort) ? { nodePort: p.nodePort } : {}),
      ...(truthy(p.appProtocol) ? { appProtocol: p.appProtocol } : {}),
    });
  }
  return out;
}

/**
 * `templates/service.yaml` + `_service.tpl`: up to 39.x `service.type` (default
 * LoadBalancer) with `service.spec` merged in; from 40.0 (commit "fix(service)!: align
 * syntax with upstream") only `service.spec`, so a leftover `service.type` is ignored.
 */
function service(input: RenderInput, n: Names): RenderedObject[] {
  const v = (p: string) => valueAt(input.values, p);
  if (v('service.enabled') === false) return [];
  const specValues = mapOf(v('service.spec'));
  const ports = servicePorts(input.values);
  if (ports.length === 0)
    throw new TemplateError(
      `execution error at (traefik/templates/service.yaml): ERROR: Cannot create Service ${n.full} without ports`,
    );
  let spec: Values;
  if (majorOf(input.chart.version) >= 40) {
    spec = { ...specValues, selector: n.selector };
  } else {
    const type = truthy(v('service.type')) ? String(v('service.type')) : 'LoadBalancer';
    // A `type` in service.spec too renders the key twice (unverified what the API keeps); the lab keeps spec's.
    spec = { type, ...specValues, selector: n.selector };
    const ranges = v('service.loadBalancerSourceRanges');
    if (type === 'LoadBalancer' && Array.isArray(ranges) && ranges.length)
      spec.loadBalancerSourceRanges = ranges;
    const external = v('service.externalIPs');
    if (Array.isArray(external) && external.length) spec.externalIPs = external;
  }
  spec.ports = ports;
  const annotations = { ...mapOf(v('service.annotations')), ...mapOf(v('service.annotationsTCP')) };
  const labels = { ...n.labels, ...mapOf(v('service.labels')) };
  return [
    {
      source: 'traefik/templates/service.yaml',
      object: object(
        'v1',
        'Service',
        {
          name: n.full,
          namespace: n.namespace,
          labels,
          ...(Object.keys(annotations).length ? { annotations } : {}),
        },
        { spec },
      ),
    },
  ];
}

function ingressClass(input: RenderInput, n: Names): RenderedObject[] {
  const v = (p: string) => valueAt(input.values, p);
  if (!truthy(v('ingressClass.enabled'))) return [];
  const name = truthy(v('ingressClass.name')) ? String(v('ingressClass.name')) : n.full;
  return [
    {
      source: 'traefik/templates/ingressclass.yaml',
      object: object(
        'networking.k8s.io/v1',
        'IngressClass',
        {
          name,
          labels: { ...n.labels },
          annotations: {
            'ingressclass.kubernetes.io/is-default-class': String(v('ingressClass.isDefaultClass')),
          },
        },
        { spec: { controller: 'traefik.io/ingress-controller' } },
      ),
    },
  ];
}

/** `templates/tlsstore.yaml`: one TLSStore per key of `tlsStore`, its value as the spec. */
function tlsStores(input: RenderInput, n: Names): RenderedObject[] {
  const stores = valueAt(input.values, 'tlsStore');
  if (!isValuesMap(stores)) return [];
  return Object.keys(stores)
    .sort()
    .map((name) => ({
      source: 'traefik/templates/tlsstore.yaml',
      object: object('traefik.io/v1alpha1', 'TLSStore', meta(n, name), {
        spec: structuredClone(stores[name]),
      }),
    }));
}

function probe(input: RenderInput, which: 'readiness' | 'liveness'): Values {
  const v = (p: string) => valueAt(input.values, p);
  const port = truthy(v('deployment.healthchecksPort'))
    ? v('deployment.healthchecksPort')
    : v('ports.traefik.port');
  const host = truthy(v('deployment.healthchecksHost'))
    ? v('deployment.healthchecksHost')
    : v('ports.traefik.hostIP');
  const path = truthy(v(`deployment.${which}Path`)) ? v(`deployment.${which}Path`) : '/ping';
  const scheme = truthy(v('deployment.healthchecksScheme'))
    ? v('deployment.healthchecksScheme')
    : 'HTTP';
  return {
    httpGet: { ...(truthy(host) ? { host } : {}), path, port, scheme },
    ...mapOf(v(`${which}Probe`)),
  };
}

function containerPorts(values: Values): Values[] {
  const ports = (valueAt(values, 'ports') as Values | undefined) ?? {};
  return Object.keys(ports)
    .sort()
    .filter((name) => truthy(ports[name]))
    .map((name) => {
      const p = ports[name] as Values;
      return {
        name: name.toLowerCase().slice(0, 15),
        containerPort: truthy(p.containerPort) ? p.containerPort : p.port,
        ...(truthy(p.hostPort) ? { hostPort: p.hostPort } : {}),
        ...(truthy(p.hostIP) ? { hostIP: p.hostIP } : {}),
        protocol: truthy(p.protocol) ? p.protocol : 'TCP',
      };
    });
}

function image(input: RenderInput): string {
  const v = (p: string) => valueAt(input.values, p);
  const registry = truthy(v('image.registry')) ? v('image.registry') : 'docker.io';
  const repository = truthy(v('image.repository')) ? v('image.repository') : 'traefik';
  const tag = truthy(v('image.tag')) ? v('image.tag') : input.chart.appVersion;
  return `${String(registry)}/${String(repository)}:${String(tag)}`;
}

function podTemplate(input: RenderInput, n: Names, daemonSet: boolean): Values {
  const v = (p: string) => valueAt(input.values, p);
  const metricsPort = valueAt(
    input.values,
    `ports.${String(v('metrics.prometheus.entryPoint'))}.port`,
  );
  const annotations = {
    ...mapOf(v('deployment.podAnnotations')),
    ...(truthy(v('metrics.prometheus')) && !truthy(v('metrics.prometheus.serviceMonitor.enabled'))
      ? {
          'prometheus.io/scrape': 'true',
          'prometheus.io/path': '/metrics',
          'prometheus.io/port': String(metricsPort),
        }
      : {}),
  };
  const persistence = (p: string) => v(`persistence.${p}`);
  const container = {
    image: image(input),
    imagePullPolicy: v('image.pullPolicy'),
    name: n.full,
    resources: v('resources'),
    readinessProbe: probe(input, 'readiness'),
    livenessProbe: probe(input, 'liveness'),
    lifecycle: v('deployment.lifecycle') ?? null,
    ports: containerPorts(input.values),
    ...(isValuesMap(v('securityContext')) ? { securityContext: v('securityContext') } : {}),
    volumeMounts: [
      { name: persistence('name'), mountPath: persistence('path') },
      { name: 'tmp', mountPath: '/tmp' },
    ],
    args: traefikArgs({
      values: input.values,
      major: majorOf(input.chart.version),
      publishedService: truthy(v('providers.kubernetesIngress.publishedService.pathOverride'))
        ? String(v('providers.kubernetesIngress.publishedService.pathOverride'))
        : `${n.namespace}/${n.full}`,
      failLocation: failLocation(input.chart.version, daemonSet),
    }),
    env: [
      { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
      { name: 'USER', value: 'traefik' },
      ...((v('env') as Values[] | null) ?? []),
    ],
  };
  const optional = (key: string, value: unknown) => (truthy(value) ? { [key]: value } : {});
  return {
    metadata: {
      ...(Object.keys(annotations).length ? { annotations } : {}),
      labels: { ...n.labels, ...mapOf(v('deployment.podLabels')) },
    },
    spec: {
      serviceAccountName: n.serviceAccount,
      automountServiceAccountToken: true,
      terminationGracePeriodSeconds: truthy(v('deployment.terminationGracePeriodSeconds'))
        ? v('deployment.terminationGracePeriodSeconds')
        : 60,
      hostNetwork: v('hostNetwork') ?? false,
      containers: [container],
      volumes: [
        { name: persistence('name'), emptyDir: {} },
        { name: 'tmp', emptyDir: {} },
      ],
      ...optional('affinity', v('affinity')),
      ...optional('tolerations', v('tolerations')),
      ...optional('nodeSelector', v('nodeSelector')),
      ...optional('priorityClassName', v('priorityClassName')),
      ...optional('securityContext', v('podSecurityContext')),
      ...optional('topologySpreadConstraints', v('topologySpreadConstraints')),
    },
  };
}

/** `templates/daemonset.yaml` / `deployment.yaml`, with their own `fail`s. */
function workload(input: RenderInput, n: Names): RenderedObject[] {
  const v = (p: string) => valueAt(input.values, p);
  if (!truthy(v('deployment.enabled'))) return [];
  const daemonSet = v('deployment.kind') === 'DaemonSet';
  if (!daemonSet && v('deployment.kind') !== 'Deployment') return [];
  const tag = truthy(v('image.tag')) ? v('image.tag') : input.chart.appVersion;
  const file = daemonSet ? 'daemonset.yaml' : 'deployment.yaml';
  if (tag === 'latest')
    throw new TemplateError(
      `execution error at (traefik/templates/${file}): \n\n ERROR: latest tag should not be used`,
    );
  const strategy = mapOf(v('updateStrategy')) as Values;
  const rolling =
    strategy.type === 'RollingUpdate'
      ? {
          rollingUpdate: {
            maxUnavailable: valueAt(strategy, 'rollingUpdate.maxUnavailable'),
            maxSurge: valueAt(strategy, 'rollingUpdate.maxSurge'),
          },
        }
      : {};
  const strategyValue = truthy(strategy) ? { type: strategy.type, ...rolling } : undefined;
  const revisions = v('deployment.revisionHistoryLimit');
  const spec: Values = {
    ...(daemonSet
      ? {}
      : { replicas: truthy(v('deployment.replicas')) ? v('deployment.replicas') : 1 }),
    ...(revisions !== null && revisions !== undefined ? { revisionHistoryLimit: revisions } : {}),
    selector: { matchLabels: n.selector },
    ...(strategyValue ? { [daemonSet ? 'updateStrategy' : 'strategy']: strategyValue } : {}),
    minReadySeconds: v('deployment.minReadySeconds'),
    template: podTemplate(input, n, daemonSet),
  };
  const annotations = mapOf(v('deployment.annotations'));
  return [
    {
      source: `traefik/templates/${file}`,
      object: object(
        'apps/v1',
        daemonSet ? 'DaemonSet' : 'Deployment',
        meta(n, n.full, Object.keys(annotations).length ? { annotations } : {}),
        { spec },
      ),
    },
  ];
}

/** `templates/NOTES.txt`'s first line (its warnings are not simulated). */
function notes(input: RenderInput, n: Names): string {
  const space = majorOf(input.chart.version) <= 37 ? ' ' : '';
  return `\n\n${input.release.name} with ${image(input)} has been deployed successfully on ${n.namespace} namespace${space}!\n`;
}

function render(input: RenderInput): Rendered {
  const n = names(input);
  const objects = [
    ...serviceAccount(input, n),
    ...rbac(input, n),
    ...service(input, n),
    ...workload(input, n),
    ...ingressClass(input, n),
    ...tlsStores(input, n),
  ];
  return { objects, notes: notes(input, n) };
}

export const traefikChart: ChartDefinition = {
  name: 'traefik',
  description: 'A Traefik based Kubernetes ingress controller',
  apiVersion: 'v2',
  home: 'https://traefik.io/',
  defaults: (version) => structuredClone(dataOf(version.version).values),
  schema: (version) => dataOf(version.version).schema,
  crds: (version) => traefikCrds(version.version),
  render,
};
