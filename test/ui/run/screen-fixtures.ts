import type { RunEvent } from '../../../source/engine/contract.js';
import type { ClusterSnapshot } from '../../../source/ui/panels/cluster-snapshot.js';
import { runReducer, type RunState } from '../../../source/ui/run/run-state.js';
import { fold, stageStarted, started, stepDone, stepStarted, wholeStage } from './run-fixtures.js';

/** A busy namespace: more pods than any panel has room for. */
export function busySnapshot(pods = 12): ClusterSnapshot {
  return {
    namespace: 'cattle-system',
    pods: Array.from({ length: pods }, (_, i) => ({
      name: i < 3 ? `rancher-6f7c9d8b5-${i}abcd` : `ingress-nginx-controller-${i}wxyz`,
      ready: i === 1 ? '0/1' : '1/1',
      status: i === 1 ? 'ContainerCreating' : 'Running',
      restarts: 0,
      ip: `10.200.${i}.7`,
      node: `5d3c9a1e-worker-${i % 3}`,
      createdAt: 0,
      app: i < 3 ? 'rancher' : 'ingress-nginx',
    })),
    services: Array.from({ length: 5 }, (_, i) => ({
      name: i === 0 ? 'ingress-nginx-controller' : `svc-${i}`,
      type: i === 0 ? 'LoadBalancer' : 'ClusterIP',
      clusterIp: `10.100.200.${i}`,
      externalIps: i === 0 ? '<pending>' : '<none>',
      ports: i === 0 ? '80:31234/TCP,443:31443/TCP' : '80/TCP',
      endpoints: [`10.200.${i}.7:80`],
    })),
    endpoints: [],
  };
}

/** In the middle of the ingress stage: VIP known, waiting for the user's DNS record. */
export function ingressWaitingForDns(ok = false): RunState {
  const events: RunEvent[] = [
    started,
    ...wholeStage('cluster'),
    ...wholeStage('helm'),
    stageStarted('ingress'),
    stepStarted('ingress', 'ingress.controller'),
    stepDone('ingress', 'ingress.controller'),
    stepStarted('ingress', 'ingress.vip'),
    {
      type: 'panel',
      step: 'ingress.vip',
      panel: {
        kind: 'virtual-server',
        service: 'ingress-nginx-controller',
        ips: ['10.40.14.5'],
        members: ['10.200.1.7', '10.200.2.7', '10.200.3.7'],
      },
    },
    stepDone('ingress', 'ingress.vip'),
    stepStarted('ingress', 'ingress.dns'),
    {
      type: 'manual-action',
      step: 'ingress.dns',
      title: 'Create the DNS A record rancher.example.com → 10.40.14.5',
      lines: ['the Rancher hostname; checking it every few seconds'],
      copy: ['rancher.example.com.  IN  A  10.40.14.5'],
    },
    {
      type: 'step-progress',
      step: 'ingress.dns',
      message: 'rancher.example.com: no answer (want 10.40.14.5) from 10.0.0.2',
    },
    {
      type: 'panel',
      step: 'ingress.dns',
      panel: {
        kind: 'dns',
        name: 'rancher.example.com',
        server: '10.0.0.2',
        answers: ok ? ['10.40.14.5'] : [],
        expected: '10.40.14.5',
        ok,
        checkedAt: '2024-05-01T10:00:03.000Z',
      },
    },
  ];
  let state = fold(events);
  state = runReducer(state, { type: 'cluster', snapshot: busySnapshot() });
  return runReducer(state, { type: 'tick', now: 60_000 });
}

/** The helm install of Rancher failed. */
export function rancherFailed(): RunState {
  let state = fold([
    started,
    ...wholeStage('cluster'),
    ...wholeStage('helm'),
    ...wholeStage('ingress'),
    stageStarted('rancher'),
    stepStarted('rancher', 'rancher.install'),
  ]);
  state = runReducer(state, {
    type: 'command-output',
    argv: ['helm', 'upgrade', '--install', 'rancher', 'rancher-stable/rancher'],
    chunk:
      'Error: INSTALLATION FAILED: chart requires kubeVersion: < 1.28.0-0 which is incompatible with Kubernetes v1.29.3\n',
  });
  return fold(
    [
      {
        type: 'step-failed',
        stage: 'rancher',
        step: 'rancher.install',
        title: 'helm upgrade --install rancher',
        error:
          'helm: chart requires kubeVersion: < 1.28.0-0 which is incompatible with Kubernetes v1.29.3',
        remedy:
          'pick a Rancher chart version that supports Kubernetes 1.29 (rancher.chartVersion), then resume',
      },
      { type: 'run-finished', status: 'failed', durationMs: 120_000 },
    ],
    state,
  );
}
