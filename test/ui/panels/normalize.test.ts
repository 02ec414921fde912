import { describe, expect, it } from 'vitest';
import { clusterSnapshot, podRow, serviceRow } from '../../../source/ui/panels/cluster-snapshot.js';
import { ageOf, humanDuration } from '../../../source/shared/human-duration.js';
import { podStatus } from '../../../source/ui/panels/pod-status.js';
import type { KubeObject } from '../../../source/systems/kube.js';

function pod(name: string, status: object, extra: Partial<KubeObject> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { app: 'rancher' }, creationTimestamp: new Date(0) },
    spec: { nodeName: 'worker-1', containers: [{ name: 'rancher' }] },
    status,
    ...extra,
  };
}

const running = {
  phase: 'Running',
  podIP: '10.200.1.5',
  containerStatuses: [{ ready: true, restartCount: 2, state: { running: {} } }],
};

describe('podStatus (kubectl STATUS)', () => {
  it('reads the phase of a healthy pod', () => {
    expect(podStatus(pod('a', running))).toBe('Running');
  });

  it('shows a waiting reason: ContainerCreating, CrashLoopBackOff', () => {
    const waiting = (reason: string) => ({
      phase: 'Pending',
      containerStatuses: [{ ready: false, state: { waiting: { reason } } }],
    });
    expect(podStatus(pod('a', waiting('ContainerCreating')))).toBe('ContainerCreating');
    expect(podStatus(pod('a', waiting('CrashLoopBackOff')))).toBe('CrashLoopBackOff');
  });

  it('shows a terminated container: reason, else exit code', () => {
    expect(
      podStatus(
        pod('a', {
          phase: 'Running',
          containerStatuses: [{ state: { terminated: { reason: 'Error', exitCode: 1 } } }],
        }),
      ),
    ).toBe('Error');
    expect(
      podStatus(
        pod('a', {
          phase: 'Running',
          containerStatuses: [{ state: { terminated: { exitCode: 3 } } }],
        }),
      ),
    ).toBe('ExitCode:3');
  });

  it('shows init containers at work', () => {
    const initializing = pod(
      'a',
      { phase: 'Pending', initContainerStatuses: [{ state: { running: {} } }] },
      { spec: { initContainers: [{ name: 'init' }], containers: [{ name: 'c' }] } },
    );
    expect(podStatus(initializing)).toBe('Init:0/1');
  });

  it('says Terminating while a pod is deleted', () => {
    const deleting = pod('a', running);
    deleting.metadata!.deletionTimestamp = new Date();
    expect(podStatus(deleting)).toBe('Terminating');
  });
});

describe('podRow', () => {
  it('is a row of kubectl get po -o wide -L app', () => {
    expect(podRow(pod('rancher-1', running))).toEqual({
      name: 'rancher-1',
      ready: '1/1',
      status: 'Running',
      restarts: 2,
      ip: '10.200.1.5',
      node: 'worker-1',
      createdAt: 0,
      app: 'rancher',
    });
  });

  it('shows what is not there yet', () => {
    const row = podRow({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { containers: [{}] },
      status: { phase: 'Pending' },
    });
    expect(row).toMatchObject({
      ready: '0/1',
      status: 'Pending',
      node: '<none>',
      ip: '<none>',
      app: '',
    });
    expect(row.createdAt).toBeUndefined();
  });
});

describe('serviceRow', () => {
  const svc = (type: string, status: object = {}): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'ingress-nginx-controller' },
    spec: {
      type,
      clusterIP: '10.100.200.1',
      ports: [
        { port: 80, nodePort: 31234, protocol: 'TCP' },
        { port: 443, nodePort: 31443, protocol: 'TCP' },
      ],
    },
    status,
  });

  it('says <pending> while NSX-T has not given the load balancer an IP', () => {
    expect(serviceRow(svc('LoadBalancer'))).toMatchObject({
      type: 'LoadBalancer',
      clusterIp: '10.100.200.1',
      externalIps: '<pending>',
      ports: '80:31234/TCP,443:31443/TCP',
    });
  });

  it('shows the virtual-server IP once assigned, and the endpoints behind it', () => {
    const row = serviceRow(
      svc('LoadBalancer', { loadBalancer: { ingress: [{ ip: '10.40.14.5' }] } }),
      [{ name: 'ingress-nginx-controller', addresses: ['10.200.1.7:80'], notReady: [] }],
    );
    expect(row.externalIps).toBe('10.40.14.5');
    expect(row.endpoints).toEqual(['10.200.1.7:80']);
    expect(serviceRow(svc('ClusterIP')).externalIps).toBe('<none>');
  });
});

describe('clusterSnapshot', () => {
  it('normalizes and sorts pods, services and endpoints', () => {
    const endpoints: KubeObject = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'rancher' },
      subsets: [
        {
          addresses: [{ ip: '10.200.1.5' }, { ip: '10.200.2.5' }],
          notReadyAddresses: [{ ip: '10.200.3.5' }],
          ports: [{ port: 80 }],
        },
      ],
    };
    const snapshot = clusterSnapshot('cattle-system', {
      pods: [pod('b', running), pod('a', running)],
      services: [],
      endpoints: [endpoints],
    });
    expect(snapshot.namespace).toBe('cattle-system');
    expect(snapshot.pods.map((p) => p.name)).toEqual(['a', 'b']);
    expect(snapshot.endpoints).toEqual([
      {
        name: 'rancher',
        addresses: ['10.200.1.5:80', '10.200.2.5:80'],
        notReady: ['10.200.3.5:80'],
      },
    ]);
  });
});

describe('humanDuration (kubectl AGE)', () => {
  it('is precise while young and coarse when old', () => {
    const s = 1000;
    expect(humanDuration(5 * s)).toBe('5s');
    expect(humanDuration(119 * s)).toBe('119s');
    expect(humanDuration(185 * s)).toBe('3m5s');
    expect(humanDuration(45 * 60 * s)).toBe('45m');
    expect(humanDuration(5.5 * 3600 * s)).toBe('5h30m');
    expect(humanDuration(30 * 3600 * s)).toBe('30h');
    expect(humanDuration(3 * 86400 * s)).toBe('3d');
    expect(humanDuration(100 * 86400 * s)).toBe('100d');
    expect(ageOf(undefined, 0)).toBe('<unknown>');
  });
});
