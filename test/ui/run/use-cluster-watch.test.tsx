import { KubeConfig } from '@kubernetes/client-node';
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kube } from '../../../source/systems/kube.js';
import type { ClusterSnapshot } from '../../../source/ui/panels/cluster-snapshot.js';
import type { RunAction } from '../../../source/ui/run/run-state.js';
import { useClusterWatch } from '../../../source/ui/run/use-cluster-watch.js';
import { startApiFixture, waitFor, type ApiFixture } from '../../lab/helpers/api-fixture.js';

let fx: ApiFixture;
let kube: Kube;

beforeAll(async () => {
  fx = await startApiFixture();
  const kc = new KubeConfig();
  kc.loadFromFile(fx.kubeconfig);
  kube = new Kube(kc);
});

afterAll(async () => {
  await fx.stop();
});

function Watcher(props: { kube?: Kube; dispatch: (action: RunAction) => void }) {
  useClusterWatch(props.kube, 'default', props.dispatch);
  return <Text>watching</Text>;
}

describe('useClusterWatch', () => {
  it('does nothing without a cluster', async () => {
    const actions: RunAction[] = [];
    const { unmount } = render(<Watcher dispatch={(a) => actions.push(a)} />);
    await new Promise((r) => setTimeout(r, 100));
    unmount();
    expect(actions).toEqual([]);
  });

  it('dispatches throttled snapshots of pods, services and endpoints, and stops on unmount', async () => {
    const snapshots: { at: number; snapshot: ClusterSnapshot }[] = [];
    const dispatch = (action: RunAction) => {
      if (action.type === 'cluster') snapshots.push({ at: Date.now(), snapshot: action.snapshot });
    };
    const { unmount } = render(<Watcher kube={kube} dispatch={dispatch} />);
    fx.store.create('services', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'rancher', namespace: 'default' },
      spec: { type: 'ClusterIP', clusterIP: '10.100.0.9', ports: [{ port: 80, protocol: 'TCP' }] },
    });
    fx.store.create('endpoints', {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'rancher', namespace: 'default' },
      subsets: [{ addresses: [{ ip: '10.200.1.5' }], ports: [{ port: 80 }] }],
    });
    for (let i = 0; i < 20; i++) {
      fx.store.create('pods', {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: `rancher-${i}`, namespace: 'default', labels: { app: 'rancher' } },
        spec: { containers: [{ name: 'rancher', image: 'rancher/rancher' }] },
      });
    }
    const last = await waitFor(() => {
      const snap = snapshots.at(-1)?.snapshot;
      return snap && snap.pods.length === 20 && snap.services.length === 1 ? snap : undefined;
    }, 'a snapshot with every pod');
    expect(last.namespace).toBe('default');
    expect(last.pods[0]).toMatchObject({ name: 'rancher-0', app: 'rancher' });
    expect(last.services[0]).toMatchObject({ name: 'rancher', endpoints: ['10.200.1.5:80'] });
    // Twenty pods at once do not make twenty renders.
    const gaps = snapshots.slice(1).map((s, i) => s.at - snapshots[i]!.at);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(200);
    unmount();
    const count = snapshots.length;
    fx.store.create('pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'late', namespace: 'default' },
      spec: { containers: [{ name: 'c', image: 'x' }] },
    });
    await new Promise((r) => setTimeout(r, 600));
    expect(snapshots.length).toBe(count);
  });
});
