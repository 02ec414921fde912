import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { CommandPanel } from '../../../source/ui/panels/CommandPanel.js';
import { DnsPanel } from '../../../source/ui/panels/DnsPanel.js';
import type { PodRow, ServiceRow } from '../../../source/ui/panels/cluster-snapshot.js';
import { PksClusterPanel } from '../../../source/ui/panels/PksClusterPanel.js';
import { PodsPanel } from '../../../source/ui/panels/PodsPanel.js';
import { ServicesPanel } from '../../../source/ui/panels/ServicesPanel.js';
import { VirtualServerPanel } from '../../../source/ui/panels/VirtualServerPanel.js';

const lines = (frame: string | undefined) => (frame ?? '').split('\n');

function podRows(n: number): PodRow[] {
  return Array.from({ length: n }, (_, i) => ({
    name: `rancher-6f7c9d8b5-pod${i}`,
    ready: '1/1',
    status: i === 0 ? 'CrashLoopBackOff' : 'Running',
    restarts: i === 0 ? 4 : 0,
    ip: `10.200.${i}.5`,
    node: `worker-${i}`,
    createdAt: 0,
    app: 'rancher',
  }));
}

describe('PodsPanel', () => {
  it('renders pods like kubectl get po -o wide -L app', () => {
    const { lastFrame } = render(
      <PodsPanel
        namespace="cattle-system"
        pods={podRows(2)}
        now={95_000}
        width={120}
        maxLines={10}
      />,
    );
    const frame = lastFrame()!;
    expect(frame).toContain('Pods');
    expect(frame).toContain('cattle-system · 1/2 running');
    expect(frame).toMatch(/NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+APP/);
    expect(frame).toMatch(
      /rancher-6f7c9d8b5-pod0\s+1\/1\s+CrashLoopBackOff\s+4\s+95s\s+10\.200\.0\.5\s+worker-0\s+rancher/,
    );
  });

  it('caps rows and says how many more', () => {
    const { lastFrame } = render(
      <PodsPanel namespace="cattle-system" pods={podRows(10)} now={0} width={80} maxLines={6} />,
    );
    const out = lines(lastFrame());
    expect(out).toHaveLength(6);
    expect(out.at(-1)).toBe('+7 more');
  });

  it('fits 40 columns by dropping and truncating columns', () => {
    const { lastFrame } = render(
      <PodsPanel namespace="cattle-system" pods={podRows(3)} now={0} width={40} maxLines={8} />,
    );
    for (const line of lines(lastFrame())) expect(line.length).toBeLessThanOrEqual(40);
    expect(lastFrame()).toContain('STATUS');
  });

  it('says when there are no pods yet', () => {
    const { lastFrame } = render(
      <PodsPanel namespace="cattle-system" pods={[]} now={0} width={80} maxLines={4} />,
    );
    expect(lastFrame()).toContain('no pods yet');
  });
});

describe('ServicesPanel', () => {
  const services: ServiceRow[] = [
    {
      name: 'ingress-nginx-controller',
      type: 'LoadBalancer',
      clusterIp: '10.100.200.1',
      externalIps: '<pending>',
      ports: '80:31234/TCP,443:31443/TCP',
      endpoints: ['10.200.1.7:80', '10.200.2.7:80'],
    },
    {
      name: 'rancher',
      type: 'ClusterIP',
      clusterIp: '10.100.200.9',
      externalIps: '<none>',
      ports: '80/TCP',
      endpoints: [],
    },
  ];

  it('renders services with their external IP, ports and endpoints', () => {
    const { lastFrame } = render(
      <ServicesPanel namespace="cattle-system" services={services} width={160} maxLines={6} />,
    );
    const frame = lastFrame()!;
    expect(frame).toMatch(/NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+ENDPOINTS/);
    expect(frame).toMatch(
      /ingress-nginx-controller\s+LoadBalancer\s+10\.100\.200\.1\s+<pending>\s+80:31234\/TCP,443:31443\/TCP\s+10\.200\.1\.7:80,10\.200\.2\.7:80/,
    );
    expect(frame).toMatch(/rancher\s+ClusterIP\s+10\.100\.200\.9\s+<none>\s+80\/TCP\s+<none>/);
  });
});

describe('VirtualServerPanel', () => {
  it('shows the IP, the pool members and the NCP error', () => {
    const { lastFrame } = render(
      <VirtualServerPanel
        view={{
          kind: 'virtual-server',
          service: 'ingress-nginx-controller',
          ips: [],
          members: ['10.200.1.7', '10.200.2.7'],
          error: 'IP_POOL_EXHAUSTED',
        }}
        width={80}
        maxLines={4}
      />,
    );
    const frame = lastFrame()!;
    expect(frame).toContain('NSX-T virtual server');
    expect(frame).toContain('service ingress-nginx-controller');
    expect(frame).toContain('IP: waiting for NSX-T to assign one');
    expect(frame).toContain('NCP error: IP_POOL_EXHAUSTED');
    expect(frame).toContain('pool members (2): 10.200.1.7, 10.200.2.7');
  });

  it('marks the address DNS needs and counts the virtual servers', () => {
    const { lastFrame } = render(
      <VirtualServerPanel
        view={{
          kind: 'virtual-server',
          service: 'ingress-nginx-controller',
          ips: ['100.64.128.125', '10.50.0.79'],
          dnsIp: '10.50.0.79',
          members: ['10.200.1.7'],
          virtualServers: { used: 4, lbSize: 'small', capacity: 20 },
        }}
        width={100}
        maxLines={5}
      />,
    );
    const frame = lastFrame()!;
    expect(frame).toContain('IP: 10.50.0.79 (for DNS; also 100.64.128.125)');
    expect(frame).toContain('virtual servers: 4 in use of ~20 (lb_size small)');
  });

  it('shows an assigned IP', () => {
    const { lastFrame } = render(
      <VirtualServerPanel
        view={{ kind: 'virtual-server', service: 'nginx', ips: ['10.40.14.5'], members: [] }}
        width={80}
        maxLines={3}
      />,
    );
    expect(lastFrame()).toContain('IP: 10.40.14.5');
    expect(lastFrame()).toContain('pool members: none yet');
  });
});

describe('DnsPanel', () => {
  it('shows each name: resolver, answer, expected, ✓/✗, last check', () => {
    const { lastFrame } = render(
      <DnsPanel
        checks={[
          {
            kind: 'dns',
            step: 'cluster.dns',
            name: 'api.pks.example.com',
            server: '10.0.0.2',
            answers: ['10.40.14.2'],
            expected: '10.40.14.2',
            ok: true,
            checkedAt: '2024-05-01T10:00:00.000Z',
          },
          {
            kind: 'dns',
            step: 'ingress.dns',
            name: 'rancher.example.com',
            server: '10.0.0.2',
            answers: [],
            expected: '10.40.14.5',
            ok: false,
            checkedAt: '2024-05-01T10:00:03.000Z',
          },
        ]}
        width={100}
        maxLines={5}
      />,
    );
    const frame = lastFrame()!;
    expect(frame).toMatch(/NAME\s+RESOLVER\s+ANSWER\s+EXPECTED\s+OK\s+CHECKED/);
    expect(frame).toMatch(
      /api\.pks\.example\.com\s+10\.0\.0\.2\s+10\.40\.14\.2\s+10\.40\.14\.2\s+✓\s+\d\d:\d\d:\d\d/,
    );
    expect(frame).toMatch(/rancher\.example\.com\s+10\.0\.0\.2\s+no answer\s+10\.40\.14\.5\s+✗/);
  });
});

describe('PksClusterPanel', () => {
  it('shows the last action, state, description and master IPs', () => {
    const { lastFrame } = render(
      <PksClusterPanel
        view={{
          kind: 'pks-cluster',
          name: 'rancher',
          action: 'CREATE',
          state: 'in progress',
          description: 'Instance provisioning in progress',
          masterIps: ['In Progress'],
        }}
        width={80}
        maxLines={4}
      />,
    );
    const frame = lastFrame()!;
    expect(frame).toContain('PKS cluster  rancher');
    expect(frame).toContain('last action: CREATE in progress');
    expect(frame).toContain('description: Instance provisioning in progress');
    expect(frame).toContain('master IPs: not yet');
  });

  it('shows the master IPs once there', () => {
    const { lastFrame } = render(
      <PksClusterPanel
        view={{
          kind: 'pks-cluster',
          name: 'rancher',
          action: 'CREATE',
          state: 'succeeded',
          description: 'Instance provisioning completed',
          masterIps: ['10.40.14.2'],
        }}
        width={80}
        maxLines={4}
      />,
    );
    expect(lastFrame()).toContain('master IPs: 10.40.14.2');
  });
});

describe('CommandPanel', () => {
  it('shows the command and the tail of its output, newest kept when short', () => {
    const view = {
      argv: ['helm', 'upgrade', '--install', 'rancher', '--set', 'bootstrapPassword=s3cret'],
      lines: ['one', 'two', 'three'],
      partial: 'four',
    };
    const { lastFrame } = render(<CommandPanel view={view} width={80} maxLines={3} />);
    const out = lines(lastFrame());
    expect(out[0]).toContain('$ helm upgrade --install rancher --set bootstrapPassword=<redacted>');
    expect(out.slice(1)).toEqual(['  three', '  four']);
    expect(lastFrame()).not.toContain('s3cret');
  });
});
