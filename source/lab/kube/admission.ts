import { errors } from './api-error.js';
import { admitJob } from './job-admission.js';
import type { KubeObject } from './object.js';
import type { ResourceType } from './resources.js';
import type { Store } from './store.js';

const dns1123Label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const dns1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const base64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Kinds whose names must be a DNS label rather than a subdomain. */
const labelNamed = new Set(['Namespace', 'Service']);

function validateName(t: ResourceType, obj: KubeObject): void {
  const name = obj.metadata.name ?? '';
  if (!name)
    throw errors.invalid(
      t,
      name,
      'metadata.name',
      'Required value: name or generateName is required',
    );
  if (t.group === 'management.cattle.io') return;
  const label = labelNamed.has(t.kind);
  const ok = label
    ? dns1123Label.test(name) && name.length <= 63
    : dns1123Subdomain.test(name) && name.length <= 253;
  if (!ok) {
    const what = label ? 'a lowercase RFC 1123 label' : 'a lowercase RFC 1123 subdomain';
    throw errors.invalid(t, name, 'metadata.name', `Invalid value: "${name}": must be ${what}`);
  }
}

function defaultNamespace(obj: KubeObject): void {
  obj.spec = { finalizers: ['kubernetes'], ...(obj.spec ?? {}) };
  obj.status = { phase: 'Active', ...(obj.status ?? {}) };
  obj.metadata.labels = {
    ...(obj.metadata.labels ?? {}),
    'kubernetes.io/metadata.name': obj.metadata.name,
  };
}

function admitSecret(t: ResourceType, obj: KubeObject): void {
  obj.type = (obj.type as string | undefined) ?? 'Opaque';
  const data = { ...((obj.data as Record<string, string> | undefined) ?? {}) };
  const stringData = obj.stringData as Record<string, string> | undefined;
  for (const [k, v] of Object.entries(stringData ?? {}))
    data[k] = Buffer.from(v).toString('base64');
  delete obj.stringData;
  for (const [k, v] of Object.entries(data)) {
    if (typeof v !== 'string' || !base64.test(v)) {
      throw errors.invalid(
        t,
        obj.metadata.name,
        `data[${k}]`,
        'Invalid value: illegal base64 data',
      );
    }
  }
  if (obj.type === 'kubernetes.io/tls') {
    for (const k of ['tls.crt', 'tls.key']) {
      if (!(k in data)) throw errors.invalid(t, obj.metadata.name, `data[${k}]`, 'Required value');
    }
  }
  obj.data = data;
}

function usedClusterIps(store: Store): Set<string> {
  return new Set(store.list('services').map((s) => s.spec?.clusterIP as string));
}

function usedNodePorts(store: Store): Set<number> {
  const ports = new Set<number>();
  for (const s of store.list('services'))
    for (const p of s.spec?.ports ?? []) if (p.nodePort) ports.add(p.nodePort);
  return ports;
}

/** PKS's default service CIDR is 10.100.200.0/24; kubernetes takes .1. */
function allocateClusterIp(store: Store): string {
  const used = usedClusterIps(store);
  for (let i = 1; i < 255; i++) {
    const ip = `10.100.200.${i}`;
    if (!used.has(ip)) return ip;
  }
  throw new Error('service CIDR exhausted');
}

function allocateNodePort(store: Store, taken: Set<number>): number {
  const used = usedNodePorts(store);
  for (;;) {
    const port = 30000 + Math.floor(Math.random() * 2768);
    if (!used.has(port) && !taken.has(port)) return port;
  }
}

function admitService(store: Store, obj: KubeObject, old: KubeObject | undefined): void {
  const spec = (obj.spec ??= {});
  spec.type ??= 'ClusterIP';
  spec.sessionAffinity ??= 'None';
  if (old?.spec?.clusterIP) spec.clusterIP = old.spec.clusterIP;
  if (!spec.clusterIP) spec.clusterIP = allocateClusterIp(store);
  spec.clusterIPs = [spec.clusterIP];
  const taken = new Set<number>();
  for (const p of spec.ports ?? []) {
    p.protocol ??= 'TCP';
    p.targetPort ??= p.port;
    if (spec.type === 'LoadBalancer' || spec.type === 'NodePort') {
      const previous = old?.spec?.ports?.find((o: { port: number }) => o.port === p.port)?.nodePort;
      p.nodePort ??= previous ?? allocateNodePort(store, taken);
      taken.add(p.nodePort);
    }
  }
  if (spec.type === 'LoadBalancer') spec.externalTrafficPolicy ??= 'Cluster';
  obj.status ??= { loadBalancer: {} };
}

function admitWorkload(t: ResourceType, obj: KubeObject): void {
  const spec = obj.spec ?? {};
  const selector = spec.selector?.matchLabels as Record<string, string> | undefined;
  if (!selector) throw errors.invalid(t, obj.metadata.name, 'spec.selector', 'Required value');
  const labels = spec.template?.metadata?.labels ?? {};
  if (!Object.entries(selector).every(([k, v]) => labels[k] === v)) {
    throw errors.invalid(
      t,
      obj.metadata.name,
      'spec.template.metadata.labels',
      `Invalid value: ${JSON.stringify(labels)}: \`selector\` does not match template \`labels\``,
    );
  }
  if (t.kind !== 'DaemonSet') spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  if (t.kind === 'Deployment') spec.progressDeadlineSeconds ??= 600;
  obj.status ??= {};
}

function admitIngress(t: ResourceType, obj: KubeObject, old: KubeObject | undefined): void {
  // ValidateIngressCreate (pkg/apis/networking/validation/validation.go): on create only.
  const annotated = obj.metadata.annotations?.['kubernetes.io/ingress.class'];
  const className = obj.spec?.ingressClassName as string | undefined;
  if (!old && annotated !== undefined && className != null && annotated !== className)
    throw errors.invalid(
      t,
      obj.metadata.name,
      'annotations.kubernetes.io/ingress.class',
      `Invalid value: "${annotated}": must match \`ingressClassName\` when both are specified`,
    );
  (obj.spec?.rules ?? []).forEach(
    (rule: { http?: { paths?: { pathType?: string }[] } }, i: number) => {
      (rule.http?.paths ?? []).forEach((path, j) => {
        if (!path.pathType) {
          throw errors.invalid(
            t,
            obj.metadata.name,
            `spec.rules[${i}].http.paths[${j}].pathType`,
            'Required value: pathType must be specified',
          );
        }
      });
    },
  );
  obj.status ??= { loadBalancer: {} };
}

function admitPod(t: ResourceType, obj: KubeObject): void {
  if (!Array.isArray(obj.spec?.containers) || obj.spec.containers.length === 0) {
    throw errors.invalid(t, obj.metadata.name, 'spec.containers', 'Required value');
  }
  obj.spec.restartPolicy ??= 'Always';
  obj.spec.serviceAccountName ??= 'default';
  obj.status ??= { phase: 'Pending', qosClass: 'BestEffort' };
}

/** Defaulting and validation, as the real admission chain does for the fields the lab uses. */
export function admit(
  store: Store,
  t: ResourceType,
  obj: KubeObject,
  old: KubeObject | undefined,
): void {
  validateName(t, obj);
  switch (t.kind) {
    case 'Namespace':
      return defaultNamespace(obj);
    case 'Secret':
      return admitSecret(t, obj);
    case 'Service':
      return admitService(store, obj, old);
    case 'Deployment':
    case 'DaemonSet':
    case 'ReplicaSet':
      return admitWorkload(t, obj);
    case 'Ingress':
      return admitIngress(t, obj, old);
    case 'Pod':
      return admitPod(t, obj);
    case 'Job':
      return admitJob(t, obj, old);
  }
}
