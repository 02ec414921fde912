import type { Values } from '../set-values.js';
import { truthy, valueAt } from '../values.js';
import {
  fullname,
  object,
  stringMap,
  type ChartDefinition,
  type ChartVersion,
  type RenderInput,
  type Rendered,
  type RenderedObject,
} from './chart.js';

/** The walkthrough's `stable/nginx-ingress`: deprecated in 2020, last version 1.41.3. */
export const nginxIngressVersions: ChartVersion[] = [{ version: '1.41.3', appVersion: 'v0.34.1' }];

function defaults(): Values {
  return {
    controller: {
      name: 'controller',
      image: {
        repository: 'us.gcr.io/k8s-artifacts-prod/ingress-nginx/controller',
        tag: 'v0.34.1',
      },
      kind: 'Deployment',
      replicaCount: 1,
      config: {},
      electionID: 'ingress-controller-leader',
      ingressClass: 'nginx',
      publishService: { enabled: false },
      service: {
        enabled: true,
        type: 'LoadBalancer',
        annotations: {},
        ports: { http: 80, https: 443 },
        targetPorts: { http: 'http', https: 'https' },
      },
    },
    defaultBackend: {
      enabled: true,
      name: 'default-backend',
      image: { repository: 'k8s.gcr.io/defaultbackend-amd64', tag: '1.5' },
      port: 8080,
      replicaCount: 1,
      service: { servicePort: 80, type: 'ClusterIP' },
    },
    rbac: { create: true },
    serviceAccount: { create: true, name: '' },
  };
}

interface Names {
  full: string;
  controller: string;
  backend: string;
  labels(component: string): Record<string, string>;
}

function names(input: RenderInput): Names {
  const { release, chart } = input;
  const full = fullname(release.name, chart.name);
  const labels = (component: string) => ({
    app: chart.name,
    chart: `${chart.name}-${chart.version}`,
    component,
    heritage: release.service,
    release: release.name,
  });
  return { full, controller: `${full}-controller`, backend: `${full}-default-backend`, labels };
}

function selector(input: RenderInput, component: string): Record<string, string> {
  return { app: input.chart.name, release: input.release.name, component };
}

function podLabels(input: RenderInput, component: string): Record<string, string> {
  return { app: input.chart.name, component, release: input.release.name };
}

function probe(port: number | string, initialDelaySeconds: number) {
  return {
    httpGet: { path: '/healthz', port, scheme: 'HTTP' },
    initialDelaySeconds,
    periodSeconds: 10,
    timeoutSeconds: 1,
    successThreshold: 1,
    failureThreshold: 3,
  };
}

function controllerWorkload(input: RenderInput, n: Names): RenderedObject {
  const c = (p: string) => valueAt(input.values, `controller.${p}`);
  const daemonSet = c('kind') === 'DaemonSet';
  const args = ['/nginx-ingress-controller'];
  if (truthy(valueAt(input.values, 'defaultBackend.enabled'))) {
    args.push(`--default-backend-service=$(POD_NAMESPACE)/${n.backend}`);
  }
  if (truthy(c('publishService.enabled')))
    args.push(`--publish-service=$(POD_NAMESPACE)/${n.controller}`);
  args.push(
    `--election-id=${String(c('electionID'))}`,
    `--ingress-class=${String(c('ingressClass'))}`,
    `--configmap=$(POD_NAMESPACE)/${n.controller}`,
  );
  const container = {
    name: `${input.chart.name}-controller`,
    image: `${String(c('image.repository'))}:${String(c('image.tag'))}`,
    imagePullPolicy: 'IfNotPresent',
    args,
    securityContext: {
      capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] },
      runAsUser: 101,
      allowPrivilegeEscalation: true,
    },
    env: [
      { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
    ],
    livenessProbe: probe(10254, 10),
    readinessProbe: probe(10254, 10),
    ports: [
      { name: 'http', containerPort: 80, protocol: 'TCP' },
      { name: 'https', containerPort: 443, protocol: 'TCP' },
    ],
  };
  const spec = {
    selector: { matchLabels: selector(input, 'controller') },
    ...(daemonSet ? {} : { replicas: Number(c('replicaCount')) }),
    revisionHistoryLimit: 10,
    template: {
      metadata: { labels: podLabels(input, 'controller') },
      spec: {
        dnsPolicy: 'ClusterFirst',
        containers: [container],
        hostNetwork: false,
        serviceAccountName: serviceAccount(input, n),
        terminationGracePeriodSeconds: 60,
      },
    },
  };
  const kind = daemonSet ? 'DaemonSet' : 'Deployment';
  return {
    source: `nginx-ingress/templates/controller-${kind.toLowerCase()}.yaml`,
    object: object(
      'apps/v1',
      kind,
      { name: n.controller, labels: n.labels('controller') },
      { spec },
    ),
  };
}

function serviceAccount(input: RenderInput, n: Names): string {
  const name = valueAt(input.values, 'serviceAccount.name');
  return typeof name === 'string' && name ? name : n.full;
}

function controllerService(input: RenderInput, n: Names): RenderedObject {
  const s = (p: string) => valueAt(input.values, `controller.service.${p}`);
  const port = (name: 'http' | 'https') => ({
    name,
    port: Number(s(`ports.${name}`)),
    protocol: 'TCP',
    targetPort: s(`targetPorts.${name}`),
  });
  const annotations = (s('annotations') as Record<string, string> | undefined) ?? {};
  return {
    source: 'nginx-ingress/templates/controller-service.yaml',
    object: object(
      'v1',
      'Service',
      {
        name: n.controller,
        labels: n.labels('controller'),
        ...(Object.keys(annotations).length ? { annotations: { ...annotations } } : {}),
      },
      {
        spec: {
          type: s('type'),
          ports: [port('http'), port('https')],
          selector: selector(input, 'controller'),
        },
      },
    ),
  };
}

function defaultBackend(input: RenderInput, n: Names): RenderedObject[] {
  const b = (p: string) => valueAt(input.values, `defaultBackend.${p}`);
  const port = Number(b('port'));
  const container = {
    name: `${input.chart.name}-default-backend`,
    image: `${String(b('image.repository'))}:${String(b('image.tag'))}`,
    imagePullPolicy: 'IfNotPresent',
    securityContext: { runAsUser: 65534 },
    args: [],
    livenessProbe: probe(port, 30),
    readinessProbe: probe(port, 0),
    ports: [{ name: 'http', containerPort: port, protocol: 'TCP' }],
  };
  const deployment = object(
    'apps/v1',
    'Deployment',
    { name: n.backend, labels: n.labels('default-backend') },
    {
      spec: {
        selector: { matchLabels: selector(input, 'default-backend') },
        replicas: Number(b('replicaCount')),
        revisionHistoryLimit: 10,
        template: {
          metadata: { labels: podLabels(input, 'default-backend') },
          spec: {
            containers: [container],
            serviceAccountName: `${n.full}-backend`,
            terminationGracePeriodSeconds: 60,
          },
        },
      },
    },
  );
  const service = object(
    'v1',
    'Service',
    { name: n.backend, labels: n.labels('default-backend') },
    {
      spec: {
        type: b('service.type'),
        ports: [
          {
            name: 'http',
            port: Number(b('service.servicePort')),
            protocol: 'TCP',
            targetPort: 'http',
          },
        ],
        selector: selector(input, 'default-backend'),
      },
    },
  );
  const sa = object('v1', 'ServiceAccount', {
    name: `${n.full}-backend`,
    labels: n.labels('default-backend'),
  });
  return [
    { source: 'nginx-ingress/templates/default-backend-serviceaccount.yaml', object: sa },
    { source: 'nginx-ingress/templates/default-backend-deployment.yaml', object: deployment },
    { source: 'nginx-ingress/templates/default-backend-service.yaml', object: service },
  ];
}

function rbac(input: RenderInput, n: Names): RenderedObject[] {
  const api = 'rbac.authorization.k8s.io/v1';
  const labels = n.labels('controller');
  const subjects = [
    { kind: 'ServiceAccount', name: serviceAccount(input, n), namespace: input.release.namespace },
  ];
  const clusterRules = [
    {
      apiGroups: [''],
      resources: ['configmaps', 'endpoints', 'nodes', 'pods', 'secrets'],
      verbs: ['list', 'watch'],
    },
    { apiGroups: [''], resources: ['nodes'], verbs: ['get'] },
    { apiGroups: [''], resources: ['services'], verbs: ['get', 'list', 'update', 'watch'] },
    {
      apiGroups: ['extensions', 'networking.k8s.io'],
      resources: ['ingresses'],
      verbs: ['get', 'list', 'watch'],
    },
    { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
    {
      apiGroups: ['extensions', 'networking.k8s.io'],
      resources: ['ingresses/status'],
      verbs: ['update'],
    },
  ];
  const roleRules = [
    { apiGroups: [''], resources: ['namespaces'], verbs: ['get'] },
    {
      apiGroups: [''],
      resources: ['configmaps', 'pods', 'secrets', 'endpoints'],
      verbs: ['get', 'list', 'watch'],
    },
    { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'update', 'create'] },
  ];
  const src = (f: string) => `nginx-ingress/templates/${f}`;
  const meta = () => ({ name: n.full, labels: { ...labels } });
  const ref = (kind: string) => ({ apiGroup: 'rbac.authorization.k8s.io', kind, name: n.full });
  return [
    {
      source: src('clusterrole.yaml'),
      object: object(api, 'ClusterRole', meta(), { rules: clusterRules }),
    },
    {
      source: src('clusterrolebinding.yaml'),
      object: object(api, 'ClusterRoleBinding', meta(), { roleRef: ref('ClusterRole'), subjects }),
    },
    {
      source: src('controller-role.yaml'),
      object: object(api, 'Role', meta(), { rules: roleRules }),
    },
    {
      source: src('controller-rolebinding.yaml'),
      object: object(api, 'RoleBinding', meta(), { roleRef: ref('Role'), subjects }),
    },
  ];
}

const banner = '*'.repeat(103);

function notes(input: RenderInput, n: Names): string {
  const ns = input.release.namespace;
  return `${banner}
* DEPRECATED, please use https://github.com/kubernetes/ingress-nginx/tree/master/charts/ingress-nginx *
${banner}


The nginx-ingress controller has been installed.
It may take a few minutes for the LoadBalancer IP to be available.
You can watch the status by running 'kubectl --namespace ${ns} get services -o wide -w ${n.controller}'

An example Ingress that makes use of the controller:

  apiVersion: extensions/v1beta1
  kind: Ingress
  metadata:
    annotations:
      kubernetes.io/ingress.class: nginx
    name: example
    namespace: foo
  spec:
    rules:
      - host: www.example.com
        http:
          paths:
            - backend:
                serviceName: exampleService
                servicePort: 80
              path: /
    # This section is only required if TLS is to be enabled for the Ingress
    tls:
        - hosts:
            - www.example.com
          secretName: example-tls
`;
}

function render(input: RenderInput): Rendered {
  const n = names(input);
  const v = (p: string) => valueAt(input.values, p);
  const objects: RenderedObject[] = [];
  if (truthy(v('serviceAccount.create'))) {
    objects.push({
      source: 'nginx-ingress/templates/controller-serviceaccount.yaml',
      object: object('v1', 'ServiceAccount', {
        name: serviceAccount(input, n),
        labels: n.labels('controller'),
      }),
    });
  }
  objects.push({
    source: 'nginx-ingress/templates/controller-configmap.yaml',
    object: object(
      'v1',
      'ConfigMap',
      { name: n.controller, labels: n.labels('controller') },
      { data: stringMap(v('controller.config')) },
    ),
  });
  if (truthy(v('rbac.create'))) objects.push(...rbac(input, n));
  if (truthy(v('controller.service.enabled'))) objects.push(controllerService(input, n));
  objects.push(controllerWorkload(input, n));
  if (truthy(v('defaultBackend.enabled'))) objects.push(...defaultBackend(input, n));
  return { objects, notes: notes(input, n) };
}

export const nginxIngressChart: ChartDefinition = {
  name: 'nginx-ingress',
  description:
    'DEPRECATED! An nginx Ingress controller that uses ConfigMap to store the nginx configuration.',
  apiVersion: 'v1',
  home: 'https://github.com/kubernetes/ingress-nginx',
  deprecated: true,
  defaults,
  render,
};
