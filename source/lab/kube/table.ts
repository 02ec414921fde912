import { humanDuration } from '../../shared/human-duration.js';
import type { KubeObject } from './object.js';
import type { ResourceType } from './resources.js';

interface Column {
  name: string;
  type?: string;
  format?: string;
  priority?: number;
  cell: (o: KubeObject, now: Date) => string | number;
}

function age(o: KubeObject, now: Date): string {
  const created = o.metadata.creationTimestamp;
  return created ? humanDuration(now.getTime() - Date.parse(created)) : '<unknown>';
}

const name: Column = {
  name: 'Name',
  format: 'name',
  cell: (o) => o.metadata.name,
};
const ageColumn: Column = { name: 'Age', cell: age };
const none = '<none>';

interface ContainerStatus {
  ready?: boolean;
  restartCount?: number;
  state?: { waiting?: { reason?: string }; terminated?: { reason?: string } };
}

function podStatus(o: KubeObject): string {
  if (o.metadata.deletionTimestamp) return 'Terminating';
  for (const s of (o.status?.containerStatuses ?? []) as ContainerStatus[]) {
    const reason = s.state?.waiting?.reason ?? s.state?.terminated?.reason;
    if (reason) return reason;
  }
  return (
    (o.status?.reason as string | undefined) ?? (o.status?.phase as string | undefined) ?? 'Unknown'
  );
}

function podReady(o: KubeObject): string {
  const statuses = (o.status?.containerStatuses ?? []) as ContainerStatus[];
  const total = (o.spec?.containers ?? []).length;
  return `${statuses.filter((s) => s.ready).length}/${total}`;
}

function podRestarts(o: KubeObject): number {
  const statuses = (o.status?.containerStatuses ?? []) as ContainerStatus[];
  return statuses.reduce((n, s) => n + (s.restartCount ?? 0), 0);
}

function nodeRoles(o: KubeObject): string {
  const roles = Object.keys(o.metadata.labels ?? {})
    .filter((l) => l.startsWith('node-role.kubernetes.io/'))
    .map((l) => l.slice('node-role.kubernetes.io/'.length));
  return roles.length ? roles.sort().join(',') : none;
}

function nodeStatus(o: KubeObject): string {
  const ready = (o.status?.conditions ?? []).find((c: { type: string }) => c.type === 'Ready');
  const status = ready?.status === 'True' ? 'Ready' : 'NotReady';
  return o.spec?.unschedulable ? `${status},SchedulingDisabled` : status;
}

function servicePorts(o: KubeObject): string {
  const ports = (o.spec?.ports ?? []) as { port: number; nodePort?: number; protocol?: string }[];
  if (ports.length === 0) return none;
  return ports
    .map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`)
    .join(',');
}

function externalIps(o: KubeObject): string {
  const ingress = (o.status?.loadBalancer?.ingress ?? []) as { ip?: string; hostname?: string }[];
  const ips = [...(o.spec?.externalIPs ?? []), ...ingress.map((i) => i.ip ?? i.hostname)];
  if (ips.length) return ips.join(',');
  return o.spec?.type === 'LoadBalancer' ? '<pending>' : none;
}

function endpointList(o: KubeObject): string {
  const items: string[] = [];
  for (const subset of (o.subsets as unknown[] | undefined) ?? []) {
    const s = subset as { addresses?: { ip: string }[]; ports?: { port: number }[] };
    for (const a of s.addresses ?? [])
      for (const p of s.ports ?? [{ port: 0 }]) items.push(`${a.ip}:${p.port}`);
  }
  if (items.length === 0) return none;
  return items.length > 3
    ? `${items.slice(0, 3).join(',')} + ${items.length - 3} more...`
    : items.join(',');
}

function selector(o: KubeObject): string {
  const s = (o.spec?.selector?.matchLabels ?? o.spec?.selector ?? {}) as Record<string, string>;
  const entries = Object.entries(s);
  return entries.length ? entries.map(([k, v]) => `${k}=${v}`).join(',') : none;
}

/** kubernetes pkg/printers/internalversion/printers.go printJob (v1.30+ has the Status column). */
function jobStatus(o: KubeObject): string {
  const has = (type: string) =>
    ((o.status?.conditions ?? []) as { type: string; status: string }[]).some(
      (c) => c.type === type && c.status === 'True',
    );
  if (has('Complete')) return 'Complete';
  if (has('Failed')) return 'Failed';
  if (o.metadata.deletionTimestamp) return 'Terminating';
  if (has('SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  if (has('Suspended')) return 'Suspended';
  if (has('FailureTarget')) return 'FailureTarget';
  return 'Running';
}

function jobDuration(o: KubeObject, now: Date): string {
  const start = o.status?.startTime as string | undefined;
  if (!start) return '';
  const end = o.status?.completionTime as string | undefined;
  return humanDuration((end ? Date.parse(end) : now.getTime()) - Date.parse(start));
}

function count(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}

const columnsByKind: Record<string, Column[]> = {
  Namespace: [name, { name: 'Status', cell: (o) => o.status?.phase ?? '' }, ageColumn],
  Node: [
    name,
    { name: 'Status', cell: nodeStatus },
    { name: 'Roles', cell: nodeRoles },
    ageColumn,
    { name: 'Version', cell: (o) => o.status?.nodeInfo?.kubeletVersion ?? '' },
    {
      name: 'Internal-IP',
      priority: 1,
      cell: (o) =>
        (o.status?.addresses ?? []).find((a: { type: string }) => a.type === 'InternalIP')
          ?.address ?? none,
    },
  ],
  Pod: [
    name,
    { name: 'Ready', cell: podReady },
    { name: 'Status', cell: podStatus },
    { name: 'Restarts', type: 'integer', cell: podRestarts },
    ageColumn,
    { name: 'IP', priority: 1, cell: (o) => o.status?.podIP ?? none },
    { name: 'Node', priority: 1, cell: (o) => o.spec?.nodeName ?? none },
    { name: 'Nominated Node', priority: 1, cell: () => none },
    { name: 'Readiness Gates', priority: 1, cell: () => none },
  ],
  Service: [
    name,
    { name: 'Type', cell: (o) => o.spec?.type ?? 'ClusterIP' },
    { name: 'Cluster-IP', cell: (o) => o.spec?.clusterIP ?? none },
    { name: 'External-IP', cell: externalIps },
    { name: 'Port(s)', cell: servicePorts },
    ageColumn,
    { name: 'Selector', priority: 1, cell: (o) => selector(o) },
  ],
  Endpoints: [name, { name: 'Endpoints', cell: endpointList }, ageColumn],
  Secret: [
    name,
    { name: 'Type', cell: (o) => String(o.type ?? 'Opaque') },
    {
      name: 'Data',
      type: 'integer',
      cell: (o) => Object.keys((o.data as object | undefined) ?? {}).length,
    },
    ageColumn,
  ],
  ConfigMap: [
    name,
    {
      name: 'Data',
      type: 'integer',
      cell: (o) => Object.keys((o.data as object | undefined) ?? {}).length,
    },
    ageColumn,
  ],
  ServiceAccount: [
    name,
    {
      name: 'Secrets',
      type: 'integer',
      cell: (o) => ((o.secrets as unknown[] | undefined) ?? []).length,
    },
    ageColumn,
  ],
  Event: [
    {
      name: 'Last Seen',
      cell: (o, now) =>
        o.lastTimestamp
          ? humanDuration(now.getTime() - Date.parse(String(o.lastTimestamp)))
          : '<unknown>',
    },
    { name: 'Type', cell: (o) => String(o.type ?? '') },
    { name: 'Reason', cell: (o) => String(o.reason ?? '') },
    {
      name: 'Object',
      cell: (o) => {
        const io = (o.involvedObject ?? {}) as { kind?: string; name?: string };
        return `${(io.kind ?? '').toLowerCase()}/${io.name ?? ''}`;
      },
    },
    { name: 'Message', cell: (o) => String(o.message ?? '') },
  ],
  Deployment: [
    name,
    { name: 'Ready', cell: (o) => `${count(o.status?.readyReplicas)}/${count(o.spec?.replicas)}` },
    { name: 'Up-to-date', type: 'integer', cell: (o) => count(o.status?.updatedReplicas) },
    { name: 'Available', type: 'integer', cell: (o) => count(o.status?.availableReplicas) },
    ageColumn,
  ],
  DaemonSet: [
    name,
    { name: 'Desired', type: 'integer', cell: (o) => count(o.status?.desiredNumberScheduled) },
    { name: 'Current', type: 'integer', cell: (o) => count(o.status?.currentNumberScheduled) },
    { name: 'Ready', type: 'integer', cell: (o) => count(o.status?.numberReady) },
    { name: 'Up-to-date', type: 'integer', cell: (o) => count(o.status?.updatedNumberScheduled) },
    { name: 'Available', type: 'integer', cell: (o) => count(o.status?.numberAvailable) },
    {
      name: 'Node Selector',
      cell: (o) => {
        const s = Object.entries(
          (o.spec?.template?.spec?.nodeSelector ?? {}) as Record<string, string>,
        );
        return s.length ? s.map(([k, v]) => `${k}=${v}`).join(',') : none;
      },
    },
    ageColumn,
  ],
  ReplicaSet: [
    name,
    { name: 'Desired', type: 'integer', cell: (o) => count(o.spec?.replicas) },
    { name: 'Current', type: 'integer', cell: (o) => count(o.status?.replicas) },
    { name: 'Ready', type: 'integer', cell: (o) => count(o.status?.readyReplicas) },
    ageColumn,
  ],
  Ingress: [
    name,
    { name: 'Class', cell: (o) => o.spec?.ingressClassName ?? none },
    {
      name: 'Hosts',
      cell: (o) =>
        ((o.spec?.rules ?? []) as { host?: string }[]).map((r) => r.host ?? '*').join(',') || '*',
    },
    {
      name: 'Address',
      cell: (o) =>
        ((o.status?.loadBalancer?.ingress ?? []) as { ip?: string }[]).map((i) => i.ip).join(','),
    },
    { name: 'Ports', cell: (o) => ((o.spec?.tls ?? []).length ? '80, 443' : '80') },
    ageColumn,
  ],
  Job: [
    name,
    { name: 'Status', cell: jobStatus },
    {
      name: 'Completions',
      cell: (o) => `${count(o.status?.succeeded)}/${count(o.spec?.completions ?? 1)}`,
    },
    { name: 'Duration', cell: jobDuration },
    ageColumn,
  ],
  IngressClass: [
    name,
    { name: 'Controller', cell: (o) => o.spec?.controller ?? '' },
    { name: 'Parameters', cell: () => none },
    ageColumn,
  ],
};

function columnsFor(t: ResourceType): Column[] {
  return columnsByKind[t.kind] ?? [name, ageColumn];
}

function partialMetadata(o: KubeObject): Record<string, unknown> {
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata };
}

/** A `meta.k8s.io/v1` Table, the form `kubectl get` asks for. */
export function toTable(
  t: ResourceType,
  objects: KubeObject[],
  options: { resourceVersion?: string; includeObject?: string; withColumns?: boolean },
): Record<string, unknown> {
  const columns = columnsFor(t);
  const now = new Date();
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: options.resourceVersion ? { resourceVersion: options.resourceVersion } : {},
    columnDefinitions:
      options.withColumns === false
        ? []
        : columns.map((c) => ({
            name: c.name,
            type: c.type ?? 'string',
            format: c.format ?? '',
            description: '',
            priority: c.priority ?? 0,
          })),
    rows: objects.map((o) => ({
      cells: columns.map((c) => c.cell(o, now)),
      object:
        options.includeObject === 'Object'
          ? o
          : options.includeObject === 'None'
            ? undefined
            : partialMetadata(o),
    })),
  };
}

export function wantsTable(accept: string | undefined): boolean {
  return accept?.includes('as=Table') ?? false;
}
