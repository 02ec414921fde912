import type { ClusterSpec } from '../context.js';
import type { KubeObject } from '../kube/object.js';
import { seededHex, seededUuid } from './hashing.js';
import { timestamp, type Kit } from './kit.js';

export type NodeRole = 'master' | 'worker';

/** A BOSH VM of the cluster, as PKS deploys it and as the node registers. */
export interface PlannedNode {
  /** PKS nodes are named by their BOSH instance id (a UUID). */
  name: string;
  role: NodeRole;
  index: number;
  /** The VM's address on the node network: only data, never contacted. */
  ip: string;
  az: string;
}

const zones = ['az1', 'az2', 'az3'];

/** The nodes of a cluster, stable for its UUID, so BOSH listings can agree with them. */
export function plannedNodes(spec: ClusterSpec): PlannedNode[] {
  const plan = (role: NodeRole, count: number, firstHost: number): PlannedNode[] =>
    Array.from({ length: count }, (_, index) => ({
      name: seededUuid(`${spec.uuid}/${role}/${index}`),
      role,
      index,
      ip: `10.50.8.${firstHost + index}`,
      az: zones[index % zones.length]!,
    }));
  return [...plan('master', spec.masters, 11), ...plan('worker', spec.workers, 21)];
}

function nodeObject(spec: ClusterSpec, node: PlannedNode): KubeObject {
  const master = node.role === 'master';
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: node.name,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': node.name,
        'kubernetes.io/os': 'linux',
        'bosh.id': node.name,
        'bosh.zone': node.az,
        'spec.ip': node.ip,
        'pks-system/cluster.name': spec.name,
        'pks-system/cluster.uuid': `service-instance_${spec.uuid}`,
        ...(master
          ? { 'node-role.kubernetes.io/master': '', 'node-role.kubernetes.io/control-plane': '' }
          : {}),
      },
      annotations: {
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      providerID: `vsphere://${seededUuid(`${node.name}/vm`)}`,
      // PKS keeps workloads off the masters.
      ...(master
        ? { taints: [{ key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' }] }
        : {}),
    },
  };
}

function nodeStatus(node: PlannedNode, kubeVersion: string): Record<string, unknown> {
  const now = timestamp();
  const master = node.role === 'master';
  const capacity = {
    cpu: master ? '2' : '4',
    'ephemeral-storage': '31330020Ki',
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: master ? '8152884Ki' : '16393220Ki',
    pods: '110',
  };
  const pressure = (type: string, reason: string, message: string) => ({
    type,
    status: 'False',
    lastHeartbeatTime: now,
    lastTransitionTime: now,
    reason,
    message,
  });
  return {
    capacity,
    allocatable: { ...capacity, memory: master ? '8050484Ki' : '16290820Ki' },
    conditions: [
      pressure(
        'MemoryPressure',
        'KubeletHasSufficientMemory',
        'kubelet has sufficient memory available',
      ),
      pressure('DiskPressure', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
      pressure('PIDPressure', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
      {
        type: 'Ready',
        status: 'True',
        lastHeartbeatTime: now,
        lastTransitionTime: now,
        reason: 'KubeletReady',
        message: 'kubelet is posting ready status. AppArmor enabled',
      },
    ],
    addresses: [
      { type: 'ExternalIP', address: node.ip },
      { type: 'InternalIP', address: node.ip },
      { type: 'Hostname', address: node.name },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    nodeInfo: {
      machineID: seededHex(`${node.name}/machine`, 32),
      systemUUID: seededUuid(`${node.name}/vm`).toUpperCase(),
      bootID: seededUuid(`${node.name}/boot`),
      kernelVersion: '5.15.0-119-generic',
      osImage: 'Ubuntu 22.04.4 LTS',
      containerRuntimeVersion: 'containerd://1.7.20',
      kubeletVersion: kubeVersion,
      kubeProxyVersion: kubeVersion,
      operatingSystem: 'linux',
      architecture: 'amd64',
    },
  };
}

/** Registers every BOSH VM as a Ready node, as their kubelets do on first start. */
export function registerNodes(kit: Kit): void {
  const { spec, kubeVersion } = kit.ctx;
  for (const node of plannedNodes(spec)) {
    if (kit.store.get('nodes', undefined, node.name)) continue;
    const created = kit.store.create('nodes', nodeObject(spec, node));
    created.status = nodeStatus(node, kubeVersion);
    kit.store.update('nodes', created, { subresource: 'status', force: true });
  }
}

/** The node's InternalIP, which kubelets report as a pod's hostIP. */
export function nodeIp(node: KubeObject): string {
  const addresses =
    (node.status?.addresses as { type: string; address: string }[] | undefined) ?? [];
  return addresses.find((a) => a.type === 'InternalIP')?.address ?? '';
}
