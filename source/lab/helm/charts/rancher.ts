import { randomBytes } from 'node:crypto';
import type { Values } from '../set-values.js';
import { isValuesMap, truthy, valueAt } from '../values.js';
import {
  TemplateError,
  fullname,
  object,
  type ChartDefinition,
  type ChartVersion,
  type RenderInput,
  type Rendered,
  type RenderedObject,
} from './chart.js';

/** A release with its `kubeVersion` bound, as `chart/Chart.yaml` has it at that tag (rancher/rancher). */
function rancher(version: string, kubeBelow: string): ChartVersion {
  return { version, appVersion: `v${version}`, kubeVersion: `< ${kubeBelow}.0-0` };
}

/**
 * `rancher-stable`, newest first: a few patches of each line with their real bounds (bounds
 * rise within a line: 2.8.0-2.8.2 `< 1.28`, 2.8.3+ `< 1.29`). Which patches the community
 * repository serves is not public (later patches are Prime-only; unverified): a handful each.
 */
export const rancherStableVersions: ChartVersion[] = [
  rancher('2.15.0', '1.37'),
  rancher('2.14.3', '1.36'),
  rancher('2.14.2', '1.36'),
  rancher('2.14.0', '1.36'),
  rancher('2.13.7', '1.35'),
  rancher('2.13.3', '1.35'),
  rancher('2.13.1', '1.35'),
  rancher('2.12.5', '1.34'),
  rancher('2.12.3', '1.34'),
  rancher('2.12.1', '1.34'),
  rancher('2.11.9', '1.33'),
  rancher('2.11.3', '1.33'),
  rancher('2.10.10', '1.32'),
  rancher('2.10.3', '1.32'),
  rancher('2.9.10', '1.31'),
  rancher('2.9.3', '1.31'),
  rancher('2.8.13', '1.29'),
  rancher('2.8.5', '1.29'),
  rancher('2.8.2', '1.28'),
];

/** `rancher-latest` carries a line's pre-releases before it reaches stable. */
export const rancherLatestVersions: ChartVersion[] = [
  { version: '2.15.1-alpha1', appVersion: 'v2.15.1-alpha1', kubeVersion: '< 1.37.0-0' },
  ...rancherStableVersions,
];

function defaults(): Values {
  return {
    addLocal: 'true',
    antiAffinity: 'preferred',
    auditLog: { level: 0 },
    bootstrapPassword: '',
    debug: false,
    ingress: {
      enabled: true,
      includeDefaultExtraAnnotations: true,
      extraAnnotations: {},
      ingressClassName: '',
      servicePort: 80,
      tls: { source: 'rancher', secretName: 'tls-rancher-ingress' },
    },
    letsEncrypt: { email: '', environment: 'production', ingress: { class: '' } },
    privateCA: false,
    rancherImage: 'rancher/rancher',
    replicas: 3,
    resources: {},
    service: { type: '', annotations: {} },
    tls: 'ingress',
    certmanager: { version: '' },
  };
}

interface Ctx {
  input: RenderInput;
  name: string;
  v(path: string): unknown;
  labels: Record<string, string>;
}

/** The chart's values.schema.json requires `hostname`. */
function requireHostname(input: RenderInput): string {
  const hostname = valueAt(input.values, 'hostname');
  if (typeof hostname === 'string' && hostname) return hostname;
  throw new TemplateError(
    "values don't meet the specifications of the schema(s) in the following chart(s):\nrancher:\n- (root): hostname is required",
  );
}

function antiAffinity(c: Ctx) {
  const selector = { matchExpressions: [{ key: 'app', operator: 'In', values: [c.name] }] };
  if (c.v('antiAffinity') === 'required') {
    return {
      requiredDuringSchedulingIgnoredDuringExecution: [
        { labelSelector: selector, topologyKey: 'kubernetes.io/hostname' },
      ],
    };
  }
  return {
    preferredDuringSchedulingIgnoredDuringExecution: [
      {
        weight: 100,
        podAffinityTerm: { labelSelector: selector, topologyKey: 'kubernetes.io/hostname' },
      },
    ],
  };
}

/** Without a private CA or Rancher's own CA, Rancher is told to use public roots only. */
function clearsCaCerts(c: Ctx): boolean {
  if (truthy(c.v('privateCA'))) return false;
  return !(c.v('tls') === 'ingress' && c.v('ingress.tls.source') === 'rancher');
}

function deployment(c: Ctx): RenderedObject {
  const privateCA = truthy(c.v('privateCA'));
  const tag = (c.v('rancherImageTag') as string | undefined) || c.input.chart.appVersion;
  const container = {
    image: `${String(c.v('rancherImage'))}:${tag}`,
    imagePullPolicy: (c.v('rancherImagePullPolicy') as string | undefined) || 'IfNotPresent',
    name: 'rancher',
    ports: [
      { containerPort: 80, protocol: 'TCP' },
      { containerPort: 444, protocol: 'TCP' },
    ],
    args: [
      ...(truthy(c.v('debug')) ? ['--debug'] : []),
      ...(clearsCaCerts(c) ? ['--no-cacerts'] : []),
      '--http-listen-port=80',
      '--https-listen-port=443',
      `--add-local=${String(c.v('addLocal'))}`,
    ],
    env: [
      { name: 'CATTLE_NAMESPACE', value: c.input.release.namespace },
      { name: 'CATTLE_PEER_SERVICE', value: c.name },
      {
        name: 'CATTLE_BOOTSTRAP_PASSWORD',
        valueFrom: { secretKeyRef: { name: 'bootstrap-secret', key: 'bootstrapPassword' } },
      },
      ...(Array.isArray(c.v('extraEnv')) ? (c.v('extraEnv') as unknown[]) : []),
    ],
    startupProbe: {
      httpGet: { path: '/healthz', port: 80 },
      timeoutSeconds: 5,
      failureThreshold: 12,
      periodSeconds: 10,
    },
    livenessProbe: {
      httpGet: { path: '/healthz', port: 80 },
      timeoutSeconds: 5,
      periodSeconds: 30,
      failureThreshold: 5,
    },
    readinessProbe: {
      httpGet: { path: '/healthz', port: 80 },
      timeoutSeconds: 5,
      periodSeconds: 30,
      failureThreshold: 5,
    },
    resources: c.v('resources'),
    ...(privateCA
      ? {
          volumeMounts: [
            {
              mountPath: '/etc/rancher/ssl/cacerts.pem',
              name: 'tls-ca-volume',
              subPath: 'cacerts.pem',
              readOnly: true,
            },
          ],
        }
      : {}),
  };
  const spec = {
    replicas: Number(c.v('replicas')),
    selector: { matchLabels: { app: c.name } },
    strategy: { rollingUpdate: { maxSurge: 1, maxUnavailable: 1 }, type: 'RollingUpdate' },
    template: {
      metadata: { labels: { app: c.name, release: c.input.release.name } },
      spec: {
        serviceAccountName: c.name,
        affinity: { podAntiAffinity: antiAffinity(c) },
        tolerations: [
          { key: 'cattle.io/os', value: 'linux', effect: 'NoSchedule', operator: 'Equal' },
        ],
        containers: [container],
        // The chart writes 0400 (octal): 256 once parsed.
        ...(privateCA
          ? {
              volumes: [
                { name: 'tls-ca-volume', secret: { defaultMode: 0o400, secretName: 'tls-ca' } },
              ],
            }
          : {}),
      },
    },
  };
  return {
    source: 'rancher/templates/deployment.yaml',
    object: object('apps/v1', 'Deployment', { name: c.name, labels: c.labels }, { spec }),
  };
}

function service(c: Ctx): RenderedObject {
  const type = c.v('service.type');
  const annotations = c.v('service.annotations');
  return {
    source: 'rancher/templates/service.yaml',
    object: object(
      'v1',
      'Service',
      {
        name: c.name,
        labels: c.labels,
        ...(truthy(annotations)
          ? { annotations: { ...(annotations as Record<string, string>) } }
          : {}),
      },
      {
        spec: {
          ...(truthy(type) ? { type } : {}),
          ports: [
            { port: 80, targetPort: 80, protocol: 'TCP', name: 'http' },
            { port: 443, targetPort: 444, protocol: 'TCP', name: 'https-internal' },
          ],
          selector: { app: c.name },
        },
      },
    ),
  };
}

function ingressAnnotations(c: Ctx): Record<string, string> {
  const out: Record<string, string> = {};
  if (c.v('tls') === 'external') out['nginx.ingress.kubernetes.io/ssl-redirect'] = 'false';
  else if (c.v('ingress.tls.source') !== 'secret') {
    out['cert-manager.io/issuer'] = c.name;
    out['cert-manager.io/issuer-kind'] = 'Issuer';
  }
  if (truthy(c.v('ingress.includeDefaultExtraAnnotations'))) {
    out['nginx.ingress.kubernetes.io/proxy-connect-timeout'] = '30';
    out['nginx.ingress.kubernetes.io/proxy-read-timeout'] = '1800';
    out['nginx.ingress.kubernetes.io/proxy-send-timeout'] = '1800';
  }
  const extra = c.v('ingress.extraAnnotations');
  if (isValuesMap(extra)) for (const [k, v] of Object.entries(extra)) out[k] = String(v);
  return out;
}

function ingress(c: Ctx, hostname: string): RenderedObject {
  const className = c.v('ingress.ingressClassName');
  const spec = {
    ...(truthy(className) ? { ingressClassName: className } : {}),
    rules: [
      {
        host: hostname,
        http: {
          paths: [
            {
              backend: {
                service: { name: c.name, port: { number: Number(c.v('ingress.servicePort')) } },
              },
              pathType: 'ImplementationSpecific',
            },
          ],
        },
      },
    ],
    ...(c.v('tls') === 'ingress'
      ? { tls: [{ hosts: [hostname], secretName: String(c.v('ingress.tls.secretName')) }] }
      : {}),
  };
  return {
    source: 'rancher/templates/ingress.yaml',
    object: object(
      'networking.k8s.io/v1',
      'Ingress',
      { name: c.name, labels: c.labels, annotations: ingressAnnotations(c) },
      { spec },
    ),
  };
}

/** cert-manager Issuers: the lab has no cert-manager, so applying them fails like a real cluster without its CRDs. */
function issuer(c: Ctx): RenderedObject | undefined {
  if (c.v('tls') !== 'ingress') return undefined;
  const source = c.v('ingress.tls.source');
  if (source === 'rancher') {
    return {
      source: 'rancher/templates/issuer-rancher.yaml',
      object: object(
        'cert-manager.io/v1',
        'Issuer',
        { name: c.name, labels: c.labels },
        { spec: { ca: { secretName: 'tls-rancher' } } },
      ),
    };
  }
  if (source === 'letsEncrypt') {
    const env = c.v('letsEncrypt.environment') === 'staging' ? 'acme-staging-v02' : 'acme-v02';
    return {
      source: 'rancher/templates/issuer-letsEncrypt.yaml',
      object: object(
        'cert-manager.io/v1',
        'Issuer',
        { name: c.name, labels: c.labels },
        {
          spec: {
            acme: {
              server: `https://${env}.api.letsencrypt.org/directory`,
              email: c.v('letsEncrypt.email'),
              privateKeySecretRef: {
                name: `letsencrypt-${String(c.v('letsEncrypt.environment'))}`,
              },
              solvers: [{ http01: { ingress: { class: c.v('letsEncrypt.ingress.class') } } }],
            },
          },
        },
      ),
    };
  }
  return undefined;
}

/** Like the chart's `lookup`: an existing password survives upgrades; empty gets a random one. */
function bootstrapSecret(c: Ctx): RenderedObject {
  const ns = c.input.release.namespace;
  const existing = c.input.lookup('secrets', ns, 'bootstrap-secret');
  const kept = (existing?.data as Record<string, string> | undefined)?.bootstrapPassword;
  const given = c.v('bootstrapPassword');
  const password =
    typeof given === 'string' && given ? given : randomBytes(18).toString('base64url');
  const encoded = kept ?? Buffer.from(password).toString('base64');
  return {
    source: 'rancher/templates/secret.yaml',
    object: object(
      'v1',
      'Secret',
      { name: 'bootstrap-secret', namespace: ns },
      { type: 'Opaque', data: { bootstrapPassword: encoded } },
    ),
  };
}

function notes(c: Ctx, hostname: string): string {
  const ns = c.input.release.namespace;
  const template = "-o go-template='{{.data.bootstrapPassword|base64decode}}'";
  return `Rancher Server has been installed.

NOTE: Rancher may take several minutes to fully initialize. Please standby while Certificates are being issued, Containers are started and the Ingress rule comes up.

Check out our docs at https://rancher.com/docs/

If you provided your own bootstrap password during installation, browse to https://${hostname} to get started.

If this is the first time you installed Rancher, get started by running this command and clicking the URL it generates:

\`\`\`
echo https://${hostname}/dashboard/?setup=$(kubectl get secret --namespace ${ns} bootstrap-secret ${template})
\`\`\`

To get just the bootstrap password on its own, run:

\`\`\`
kubectl get secret --namespace ${ns} bootstrap-secret -o go-template='{{.data.bootstrapPassword|base64decode}}{{ "\\n" }}'
\`\`\`


Happy Containering!
`;
}

function render(input: RenderInput): Rendered {
  const hostname = requireHostname(input);
  const name = fullname(
    input.release.name,
    input.chart.name,
    valueAt(input.values, 'nameOverride'),
  );
  const c: Ctx = {
    input,
    name,
    v: (path) => valueAt(input.values, path),
    labels: {
      app: name,
      chart: `${input.chart.name}-${input.chart.version}`,
      heritage: input.release.service,
      release: input.release.name,
    },
  };
  const objects: RenderedObject[] = [
    {
      source: 'rancher/templates/serviceAccount.yaml',
      object: object('v1', 'ServiceAccount', { name, labels: c.labels }),
    },
    bootstrapSecret(c),
    {
      source: 'rancher/templates/clusterRoleBinding.yaml',
      object: object(
        'rbac.authorization.k8s.io/v1',
        'ClusterRoleBinding',
        { name, labels: c.labels },
        {
          subjects: [{ kind: 'ServiceAccount', name, namespace: input.release.namespace }],
          roleRef: {
            kind: 'ClusterRole',
            name: 'cluster-admin',
            apiGroup: 'rbac.authorization.k8s.io',
          },
        },
      ),
    },
    service(c),
    deployment(c),
  ];
  const iss = issuer(c);
  if (iss) objects.push(iss);
  if (truthy(c.v('ingress.enabled'))) objects.push(ingress(c, hostname));
  return { objects, notes: notes(c, hostname) };
}

export const rancherChart: ChartDefinition = {
  name: 'rancher',
  description: 'Install Rancher Server to manage Kubernetes clusters across providers.',
  // Rancher's chart/Chart.yaml is apiVersion v2 since 2.7.2 (every version above is later),
  // so Helm 2 refuses it: `apiVersion 'v2' is not valid. The value must be "v1"`.
  apiVersion: 'v2',
  home: 'https://www.rancher.com',
  defaults,
  render,
};
