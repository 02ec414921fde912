import type { KubeObject } from '../../../source/lab/kube/object.js';

export function namespace(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
}

/** The Deployment the rancher chart renders (trimmed to what the lab looks at). */
export function rancherDeployment(
  options: {
    replicas?: number;
    antiAffinity?: 'required' | 'preferred';
    privateCA?: boolean;
    progressDeadlineSeconds?: number;
  } = {},
): KubeObject {
  const labels = { app: 'rancher' };
  const term = {
    labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['rancher'] }] },
    topologyKey: 'kubernetes.io/hostname',
  };
  const podAntiAffinity =
    options.antiAffinity === 'required'
      ? { requiredDuringSchedulingIgnoredDuringExecution: [term] }
      : {
          preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: term }],
        };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'rancher', namespace: 'cattle-system', labels },
    spec: {
      replicas: options.replicas ?? 3,
      ...(options.progressDeadlineSeconds
        ? { progressDeadlineSeconds: options.progressDeadlineSeconds }
        : {}),
      selector: { matchLabels: labels },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: {
        metadata: { labels: { ...labels, release: 'rancher' } },
        spec: {
          serviceAccountName: 'rancher',
          affinity: { podAntiAffinity },
          containers: [
            {
              name: 'rancher',
              image: 'rancher/rancher:v2.9.2',
              ports: [{ containerPort: 80, protocol: 'TCP' }],
              readinessProbe: {
                httpGet: { path: '/healthz', port: 80 },
                initialDelaySeconds: 5,
                periodSeconds: 30,
              },
              ...(options.privateCA
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
            },
          ],
          ...(options.privateCA
            ? {
                volumes: [
                  { name: 'tls-ca-volume', secret: { defaultMode: 0o400, secretName: 'tls-ca' } },
                ],
              }
            : {}),
        },
      },
    },
  };
}

export function rancherService(): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'rancher', namespace: 'cattle-system', labels: { app: 'rancher' } },
    spec: {
      selector: { app: 'rancher' },
      ports: [
        { name: 'http', port: 80, protocol: 'TCP', targetPort: 80 },
        { name: 'https-internal', port: 443, protocol: 'TCP', targetPort: 444 },
      ],
    },
  };
}

export function tlsCaSecret(key: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'tls-ca', namespace: 'cattle-system' },
    data: { [key]: Buffer.from('-----BEGIN CERTIFICATE-----\n').toString('base64') },
  };
}

/** ingress-nginx as a DaemonSet with its LoadBalancer Service, as the chart renders them. */
export function ingressNginx(): { daemonSet: KubeObject; service: KubeObject } {
  const labels = {
    'app.kubernetes.io/name': 'ingress-nginx',
    'app.kubernetes.io/component': 'controller',
  };
  return {
    daemonSet: {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'ingress-nginx-controller', namespace: 'ingress-nginx', labels },
      spec: {
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            containers: [
              {
                name: 'controller',
                image: 'registry.k8s.io/ingress-nginx/controller:v1.11.2',
                ports: [
                  { name: 'http', containerPort: 80, protocol: 'TCP' },
                  { name: 'https', containerPort: 443, protocol: 'TCP' },
                ],
                readinessProbe: {
                  httpGet: { path: '/healthz', port: 10254 },
                  initialDelaySeconds: 10,
                },
              },
            ],
          },
        },
      },
    },
    service: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'ingress-nginx-controller', namespace: 'ingress-nginx', labels },
      spec: {
        type: 'LoadBalancer',
        selector: labels,
        ports: [
          { name: 'http', port: 80, protocol: 'TCP', targetPort: 'http' },
          { name: 'https', port: 443, protocol: 'TCP', targetPort: 'https' },
        ],
      },
    },
  };
}

export interface EndpointAddress {
  ip: string;
  nodeName?: string;
  targetRef?: { kind: string; name: string; namespace: string; uid: string };
}

export interface EndpointSubset {
  addresses?: EndpointAddress[];
  notReadyAddresses?: EndpointAddress[];
  ports: { name?: string; port: number; protocol: string }[];
}

/** The first subset of an Endpoints object, typed for assertions. */
export function firstSubset(ep: KubeObject | undefined): EndpointSubset | undefined {
  return (ep?.subsets as EndpointSubset[] | undefined)?.[0];
}
