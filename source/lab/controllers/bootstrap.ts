import { ApiError } from '../kube/api-error.js';
import type { KubeObject } from '../kube/object.js';
import type { ResourceKey } from '../kube/resources.js';
import type { Kit } from './kit.js';
import { plannedNodes, registerNodes } from './nodes.js';

/** The namespaces a fresh PKS cluster has. */
const systemNamespaces = ['default', 'kube-system', 'kube-public', 'kube-node-lease', 'pks-system'];

function ensure(kit: Kit, key: ResourceKey, obj: KubeObject): void {
  try {
    kit.store.create(key, obj);
  } catch (e) {
    if (!(e instanceof ApiError && e.code === 409)) throw e;
  }
}

/** `kubernetes` in `default`: the API server's own service, endpoints on the masters' 8443. */
function apiServerService(kit: Kit): void {
  ensure(kit, 'services', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 'kubernetes',
      namespace: 'default',
      labels: { component: 'apiserver', provider: 'kubernetes' },
    },
    spec: {
      type: 'ClusterIP',
      clusterIP: '10.100.200.1',
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 8443 }],
    },
  });
  const masters = plannedNodes(kit.ctx.spec).filter((n) => n.role === 'master');
  ensure(kit, 'endpoints', {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: {
      name: 'kubernetes',
      namespace: 'default',
      labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' },
    },
    subsets: [
      {
        addresses: masters.map((m) => ({ ip: m.ip })),
        ports: [{ name: 'https', port: 8443, protocol: 'TCP' }],
      },
    ],
  });
}

const corefile = `.:53 {
    errors
    health
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
      pods insecure
      fallthrough in-addr.arpa ip6.arpa
    }
    prometheus :9153
    forward . /etc/resolv.conf
    cache 30
    loop
    reload
    loadbalance
}
`;

/** The DNS add-on PKS deploys into every cluster. */
function coreDns(kit: Kit): void {
  const labels = { 'k8s-app': 'kube-dns' };
  ensure(kit, 'configmaps', {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'coredns', namespace: 'kube-system' },
    data: { Corefile: corefile },
  });
  ensure(kit, 'apps/deployments', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'coredns', namespace: 'kube-system', labels },
    spec: {
      replicas: 2,
      selector: { matchLabels: labels },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
      template: {
        metadata: { labels },
        spec: {
          priorityClassName: 'system-cluster-critical',
          tolerations: [{ key: 'CriticalAddonsOnly', operator: 'Exists' }],
          affinity: {
            podAntiAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [
                {
                  weight: 100,
                  podAffinityTerm: {
                    labelSelector: { matchLabels: labels },
                    topologyKey: 'kubernetes.io/hostname',
                  },
                },
              ],
            },
          },
          containers: [
            {
              name: 'coredns',
              image: 'registry.k8s.io/coredns/coredns:v1.11.3',
              args: ['-conf', '/etc/coredns/Corefile'],
              ports: [
                { name: 'dns', containerPort: 53, protocol: 'UDP' },
                { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
                { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
              ],
              readinessProbe: { httpGet: { path: '/ready', port: 8181 }, periodSeconds: 10 },
              volumeMounts: [{ name: 'config-volume', mountPath: '/etc/coredns', readOnly: true }],
            },
          ],
          volumes: [{ name: 'config-volume', configMap: { name: 'coredns' } }],
        },
      },
    },
  });
  ensure(kit, 'services', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kube-dns', namespace: 'kube-system', labels },
    spec: {
      clusterIP: '10.100.200.2',
      selector: labels,
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 'dns' },
        { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 'dns-tcp' },
        { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 'metrics' },
      ],
    },
  });
}

/** What exists the moment a new PKS cluster answers: namespaces, nodes, API service, DNS. */
export function bootstrapCluster(kit: Kit): void {
  for (const name of systemNamespaces) {
    ensure(kit, 'namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  }
  registerNodes(kit);
  apiServerService(kit);
  coreDns(kit);
}
