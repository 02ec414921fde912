import type { KubeObject } from '../../kube/object.js';
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

function release(version: string, appVersion: string, kubeVersion: string): ChartVersion {
  return { version, appVersion, kubeVersion };
}

/**
 * `kubernetes/ingress-nginx`'s chart, repo https://kubernetes.github.io/ingress-nginx,
 * newest first: the last patch of each line and a few more, with `kubeVersion` from
 * `charts/ingress-nginx/Chart.yaml` at tag helm-chart-VERSION (>=1.19 up to 4.1.x, >=1.20
 * from 4.2.0 to 4.10.0, >=1.21 from 4.10.1). 4.15.1 / controller 1.15.1 is the last
 * release (the project retired in March 2026). Every version renders as 4.12 does (the
 * differences between chart minors are not simulated).
 */
export const ingressNginxVersions: ChartVersion[] = [
  release('4.15.1', '1.15.1', '>=1.21.0-0'),
  release('4.15.0', '1.15.0', '>=1.21.0-0'),
  release('4.14.5', '1.14.5', '>=1.21.0-0'),
  release('4.13.9', '1.13.9', '>=1.21.0-0'),
  release('4.12.8', '1.12.8', '>=1.21.0-0'),
  release('4.12.1', '1.12.1', '>=1.21.0-0'),
  release('4.11.8', '1.11.8', '>=1.21.0-0'),
  release('4.11.3', '1.11.3', '>=1.21.0-0'),
  release('4.10.6', '1.10.6', '>=1.21.0-0'),
  release('4.10.1', '1.10.1', '>=1.21.0-0'),
  release('4.10.0', '1.10.0', '>=1.20.0-0'),
  release('4.9.1', '1.9.6', '>=1.20.0-0'),
  release('4.1.4', '1.2.1', '>=1.19.0-0'),
];

function defaults(v: ChartVersion): Values {
  return {
    nameOverride: '',
    fullnameOverride: '',
    controller: {
      name: 'controller',
      image: {
        registry: 'registry.k8s.io',
        image: 'ingress-nginx/controller',
        tag: `v${v.appVersion}`,
      },
      kind: 'Deployment',
      replicaCount: 1,
      containerPort: { http: 80, https: 443 },
      config: {},
      allowSnippetAnnotations: false,
      hostNetwork: false,
      hostPort: { enabled: false, ports: { http: 80, https: 443 } },
      electionID: '',
      ingressClass: 'nginx',
      ingressClassResource: {
        name: 'nginx',
        enabled: true,
        default: false,
        controllerValue: 'k8s.io/ingress-nginx',
      },
      watchIngressWithoutClass: false,
      publishService: { enabled: true },
      extraArgs: {},
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      service: {
        enabled: true,
        type: 'LoadBalancer',
        annotations: {},
        externalTrafficPolicy: '',
        loadBalancerIP: '',
        ports: { http: 80, https: 443 },
        targetPorts: { http: 'http', https: 'https' },
        nodePorts: { http: '', https: '' },
      },
      admissionWebhooks: { enabled: true, port: 8443, service: { servicePort: 443 } },
      resources: { requests: { cpu: '100m', memory: '90Mi' } },
      terminationGracePeriodSeconds: 300,
    },
    defaultBackend: { enabled: false },
    rbac: { create: true },
    serviceAccount: { create: true, name: '', automountServiceAccountToken: true },
  };
}

interface Names {
  full: string;
  controller: string;
  labels: Record<string, string>;
  selector: Record<string, string>;
}

function names(input: RenderInput): Names {
  const { release, chart, values } = input;
  const override = valueAt(values, 'fullnameOverride');
  const full =
    typeof override === 'string' && override
      ? override
      : fullname(release.name, chart.name, valueAt(values, 'nameOverride'));
  const name = (valueAt(values, 'nameOverride') as string) || chart.name;
  const selector = {
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/instance': release.name,
    'app.kubernetes.io/component': 'controller',
  };
  const labels = {
    'helm.sh/chart': `${chart.name}-${chart.version}`,
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/instance': release.name,
    'app.kubernetes.io/version': chart.appVersion,
    'app.kubernetes.io/part-of': chart.name,
    'app.kubernetes.io/managed-by': release.service,
    'app.kubernetes.io/component': 'controller',
  };
  return { full, controller: `${full}-controller`, labels, selector };
}

function controllerArgs(input: RenderInput, n: Names): string[] {
  const c = (path: string) => valueAt(input.values, `controller.${path}`);
  const args = ['/nginx-ingress-controller'];
  if (truthy(c('publishService.enabled'))) {
    args.push(`--publish-service=$(POD_NAMESPACE)/${n.controller}`);
  }
  args.push(
    `--election-id=${(c('electionID') as string) || `${n.full}-leader`}`,
    `--controller-class=${String(c('ingressClassResource.controllerValue'))}`,
    `--ingress-class=${String(c('ingressClass'))}`,
    `--configmap=$(POD_NAMESPACE)/${n.controller}`,
  );
  if (truthy(c('admissionWebhooks.enabled'))) {
    args.push(
      `--validating-webhook=:${String(c('admissionWebhooks.port'))}`,
      '--validating-webhook-certificate=/usr/local/certificates/cert',
      '--validating-webhook-key=/usr/local/certificates/key',
    );
  }
  if (truthy(c('watchIngressWithoutClass'))) args.push('--watch-ingress-without-class=true');
  for (const [k, v] of Object.entries((c('extraArgs') as Values | undefined) ?? {})) {
    args.push(v === '' || v === null ? `--${k}` : `--${k}=${String(v)}`);
  }
  return args;
}

function healthProbe(failureThreshold: number) {
  return {
    failureThreshold,
    httpGet: { path: '/healthz', port: 10254, scheme: 'HTTP' },
    initialDelaySeconds: 10,
    periodSeconds: 10,
    successThreshold: 1,
    timeoutSeconds: 1,
  };
}

function controllerContainer(input: RenderInput, n: Names) {
  const c = (path: string) => valueAt(input.values, `controller.${path}`);
  const image = `${String(c('image.registry'))}/${String(c('image.image'))}:${String(c('image.tag'))}`;
  const webhooks = truthy(c('admissionWebhooks.enabled'));
  const hostPorts = truthy(c('hostPort.enabled'));
  const port = (name: 'http' | 'https') => ({
    name,
    containerPort: Number(c(`containerPort.${name}`)),
    protocol: 'TCP',
    ...(hostPorts ? { hostPort: Number(c(`hostPort.ports.${name}`)) } : {}),
  });
  return {
    name: 'controller',
    image,
    imagePullPolicy: 'IfNotPresent',
    lifecycle: { preStop: { exec: { command: ['/wait-shutdown'] } } },
    args: controllerArgs(input, n),
    securityContext: {
      runAsNonRoot: true,
      runAsUser: 101,
      runAsGroup: 82,
      allowPrivilegeEscalation: false,
      seccompProfile: { type: 'RuntimeDefault' },
      capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] },
      readOnlyRootFilesystem: false,
    },
    env: [
      { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
      { name: 'LD_PRELOAD', value: '/usr/local/lib/libmimalloc.so' },
    ],
    livenessProbe: healthProbe(5),
    readinessProbe: healthProbe(3),
    ports: [
      port('http'),
      port('https'),
      ...(webhooks
        ? [{ name: 'webhook', containerPort: Number(c('admissionWebhooks.port')), protocol: 'TCP' }]
        : []),
    ],
    ...(webhooks
      ? {
          volumeMounts: [
            { name: 'webhook-cert', mountPath: '/usr/local/certificates/', readOnly: true },
          ],
        }
      : {}),
    resources: c('resources'),
  };
}

function controllerWorkload(input: RenderInput, n: Names): RenderedObject {
  const c = (path: string) => valueAt(input.values, `controller.${path}`);
  const daemonSet = c('kind') === 'DaemonSet';
  const hostNetwork = truthy(c('hostNetwork'));
  const podSpec = {
    dnsPolicy: hostNetwork ? 'ClusterFirstWithHostNet' : 'ClusterFirst',
    ...(hostNetwork ? { hostNetwork: true } : {}),
    containers: [controllerContainer(input, n)],
    nodeSelector: c('nodeSelector'),
    serviceAccountName: serviceAccountName(input, n),
    automountServiceAccountToken: true,
    terminationGracePeriodSeconds: c('terminationGracePeriodSeconds'),
    ...(truthy(c('admissionWebhooks.enabled'))
      ? { volumes: [{ name: 'webhook-cert', secret: { secretName: `${n.full}-admission` } }] }
      : {}),
  };
  const spec = {
    selector: { matchLabels: n.selector },
    ...(daemonSet ? {} : { replicas: Number(c('replicaCount')) }),
    revisionHistoryLimit: 10,
    minReadySeconds: 0,
    template: { metadata: { labels: { ...n.labels } }, spec: podSpec },
  };
  const kind = daemonSet ? 'DaemonSet' : 'Deployment';
  return {
    source: `ingress-nginx/templates/controller-${kind.toLowerCase()}.yaml`,
    object: object('apps/v1', kind, { name: n.controller, labels: n.labels }, { spec }),
  };
}

function serviceAccountName(input: RenderInput, n: Names): string {
  const name = valueAt(input.values, 'serviceAccount.name');
  return typeof name === 'string' && name ? name : n.full;
}

function controllerService(input: RenderInput, n: Names): KubeObject {
  const s = (path: string) => valueAt(input.values, `controller.service.${path}`);
  const nodePort = (name: string) => {
    const v = s(`nodePorts.${name}`);
    return truthy(v) ? { nodePort: Number(v) } : {};
  };
  const port = (name: 'http' | 'https') => ({
    name,
    port: Number(s(`ports.${name}`)),
    protocol: 'TCP',
    targetPort: s(`targetPorts.${name}`),
    appProtocol: name,
    ...nodePort(name),
  });
  const annotations = (s('annotations') as Record<string, string> | undefined) ?? {};
  return object(
    'v1',
    'Service',
    {
      name: n.controller,
      labels: n.labels,
      ...(Object.keys(annotations).length ? { annotations: { ...annotations } } : {}),
    },
    {
      spec: {
        type: s('type'),
        ipFamilyPolicy: 'SingleStack',
        ipFamilies: ['IPv4'],
        ...(truthy(s('externalTrafficPolicy'))
          ? { externalTrafficPolicy: s('externalTrafficPolicy') }
          : {}),
        ...(truthy(s('loadBalancerIP')) ? { loadBalancerIP: s('loadBalancerIP') } : {}),
        ports: [port('http'), port('https')],
        selector: n.selector,
      },
    },
  );
}

function rbacObjects(input: RenderInput, n: Names): RenderedObject[] {
  const src = (f: string) => `ingress-nginx/templates/${f}`;
  const meta = { name: n.full, labels: { ...n.labels } };
  const subjects = [
    {
      kind: 'ServiceAccount',
      name: serviceAccountName(input, n),
      namespace: input.release.namespace,
    },
  ];
  const rbac = 'rbac.authorization.k8s.io/v1';
  const clusterRules = [
    {
      apiGroups: [''],
      resources: ['configmaps', 'endpoints', 'nodes', 'pods', 'secrets', 'namespaces'],
      verbs: ['list', 'watch'],
    },
    { apiGroups: [''], resources: ['nodes'], verbs: ['get'] },
    { apiGroups: [''], resources: ['services'], verbs: ['get', 'list', 'watch'] },
    {
      apiGroups: ['networking.k8s.io'],
      resources: ['ingresses', 'ingressclasses'],
      verbs: ['get', 'list', 'watch'],
    },
    { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
    { apiGroups: ['networking.k8s.io'], resources: ['ingresses/status'], verbs: ['update'] },
    {
      apiGroups: ['discovery.k8s.io'],
      resources: ['endpointslices'],
      verbs: ['list', 'watch', 'get'],
    },
  ];
  const roleRules = [
    { apiGroups: [''], resources: ['namespaces'], verbs: ['get'] },
    {
      apiGroups: [''],
      resources: ['configmaps', 'pods', 'secrets', 'endpoints'],
      verbs: ['get', 'list', 'watch'],
    },
    { apiGroups: [''], resources: ['services'], verbs: ['get', 'list', 'watch'] },
    {
      apiGroups: ['coordination.k8s.io'],
      resources: ['leases'],
      resourceNames: [`${n.full}-leader`],
      verbs: ['get', 'update'],
    },
    { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create'] },
    { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
  ];
  const clusterMeta = { name: n.full, labels: { ...n.labels } };
  delete (clusterMeta.labels as Record<string, string>)['app.kubernetes.io/component'];
  return [
    {
      source: src('clusterrole.yaml'),
      object: object(rbac, 'ClusterRole', clusterMeta, { rules: clusterRules }),
    },
    {
      source: src('clusterrolebinding.yaml'),
      object: object(rbac, 'ClusterRoleBinding', structuredClone(clusterMeta), {
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: n.full },
        subjects,
      }),
    },
    {
      source: src('controller-role.yaml'),
      object: object(rbac, 'Role', meta, { rules: roleRules }),
    },
    {
      source: src('controller-rolebinding.yaml'),
      object: object(rbac, 'RoleBinding', structuredClone(meta), {
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: n.full },
        subjects,
      }),
    },
  ];
}

function ingressClass(input: RenderInput, n: Names): RenderedObject {
  const r = (path: string) => valueAt(input.values, `controller.ingressClassResource.${path}`);
  const annotations = truthy(r('default'))
    ? { 'ingressclass.kubernetes.io/is-default-class': 'true' }
    : undefined;
  return {
    source: 'ingress-nginx/templates/controller-ingressclass.yaml',
    object: object(
      'networking.k8s.io/v1',
      'IngressClass',
      { name: String(r('name')), labels: n.labels, ...(annotations ? { annotations } : {}) },
      { spec: { controller: r('controllerValue') } },
    ),
  };
}

function admissionObjects(input: RenderInput, n: Names): Pick<Rendered, 'objects' | 'hookObjects'> {
  if (!truthy(valueAt(input.values, 'controller.admissionWebhooks.enabled')))
    return { objects: [] };
  const service = object(
    'v1',
    'Service',
    { name: `${n.controller}-admission`, labels: n.labels },
    {
      spec: {
        type: 'ClusterIP',
        ports: [{ name: 'https-webhook', port: 443, targetPort: 'webhook', appProtocol: 'https' }],
        selector: n.selector,
      },
    },
  );
  // The chart's pre-install Job (kube-webhook-certgen) makes this Secret; it is not in the manifest.
  const pem = Buffer.from('-----BEGIN CERTIFICATE-----\nlab\n-----END CERTIFICATE-----\n').toString(
    'base64',
  );
  const secret = object(
    'v1',
    'Secret',
    { name: `${n.full}-admission`, namespace: input.release.namespace },
    { type: 'Opaque', data: { ca: pem, cert: pem, key: pem } },
  );
  return {
    objects: [
      { source: 'ingress-nginx/templates/controller-service-webhook.yaml', object: service },
    ],
    hookObjects: [
      {
        source: 'ingress-nginx/templates/admission-webhooks/job-patch/job-createSecret.yaml',
        object: secret,
      },
    ],
  };
}

function notes(input: RenderInput, n: Names): string {
  const ns = input.release.namespace;
  const cls = String(valueAt(input.values, 'controller.ingressClassResource.name'));
  return `The ingress-nginx controller has been installed.
It may take a few minutes for the load balancer IP to be available.
You can watch the status by running 'kubectl get service --namespace ${ns} ${n.controller} --output wide --watch'

An example Ingress that makes use of the controller:
  apiVersion: networking.k8s.io/v1
  kind: Ingress
  metadata:
    name: example
    namespace: foo
  spec:
    ingressClassName: ${cls}
    rules:
      - host: www.example.com
        http:
          paths:
            - pathType: Prefix
              backend:
                service:
                  name: exampleService
                  port:
                    number: 80
              path: /
    # This section is only required if TLS is to be enabled for the Ingress
    tls:
      - hosts:
        - www.example.com
        secretName: example-tls

If TLS is enabled for the Ingress, a Secret containing the certificate and key must also be provided:

  apiVersion: v1
  kind: Secret
  metadata:
    name: example-tls
    namespace: foo
  data:
    tls.crt: <base64 encoded cert>
    tls.key: <base64 encoded key>
  type: kubernetes.io/tls
`;
}

function render(input: RenderInput): Rendered {
  const n = names(input);
  const v = (path: string) => valueAt(input.values, path);
  const src = (f: string) => `ingress-nginx/templates/${f}`;
  const objects: RenderedObject[] = [];
  if (truthy(v('serviceAccount.create'))) {
    objects.push({
      source: src('controller-serviceaccount.yaml'),
      object: object(
        'v1',
        'ServiceAccount',
        { name: serviceAccountName(input, n), labels: n.labels },
        { automountServiceAccountToken: true },
      ),
    });
  }
  const config = {
    'allow-snippet-annotations': String(truthy(v('controller.allowSnippetAnnotations'))),
    ...stringMap(v('controller.config')),
  };
  objects.push({
    source: src('controller-configmap.yaml'),
    object: object('v1', 'ConfigMap', { name: n.controller, labels: n.labels }, { data: config }),
  });
  if (truthy(v('rbac.create'))) objects.push(...rbacObjects(input, n));
  const admission = admissionObjects(input, n);
  objects.push(...admission.objects);
  if (truthy(v('controller.service.enabled'))) {
    objects.push({ source: src('controller-service.yaml'), object: controllerService(input, n) });
  }
  objects.push(controllerWorkload(input, n));
  if (truthy(v('controller.ingressClassResource.enabled'))) objects.push(ingressClass(input, n));
  return { objects, hookObjects: admission.hookObjects ?? [], notes: notes(input, n) };
}

export const ingressNginxChart: ChartDefinition = {
  name: 'ingress-nginx',
  description: 'Ingress controller for Kubernetes using NGINX as a reverse proxy and load balancer',
  apiVersion: 'v2',
  home: 'https://github.com/kubernetes/ingress-nginx',
  defaults,
  render,
};
