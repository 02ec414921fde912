import { KubeConfig, Watch } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Kube, type KubeObject } from '../../source/systems/kube.js';
import { ResilientWatch } from '../../source/systems/kube-watch.js';
import { startApiFixture, waitFor, type ApiFixture } from '../lab/helpers/api-fixture.js';

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

describe('ResilientWatch', () => {
  it('keeps its snapshot current across dropped watches and an API outage', async () => {
    let names: string[] = [];
    let failures = 0;
    const watch = new ResilientWatch<KubeObject>(kube, {
      apiVersion: 'v1',
      kind: 'Pod',
      namespace: 'default',
      onChange: (items) => (names = items.map((i) => i.metadata!.name!).sort()),
      onError: () => failures++,
    }).start();
    const pod = (name: string) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'default' },
      spec: { containers: [{ name: 'c', image: 'x' }] },
    });
    fx.store.create('pods', pod('one'));
    await waitFor(() => names.includes('one'), 'the first pod');
    fx.faults.set({ dropWatchesEverySeconds: 0 });
    fx.store.create('pods', pod('two'));
    await waitFor(() => names.includes('two'), 'a pod after the watch was dropped');
    const before = failures;
    fx.faults.set({ apiDownSeconds: 1 });
    await waitFor(() => failures > before, 'the watch to fail in the outage');
    fx.store.create('pods', pod('three'));
    fx.store.delete('pods', 'default', 'one');
    fx.faults.set({});
    await waitFor(() => names.join() === 'three,two', 'the snapshot after the outage', 15_000);
    watch.stop();
    expect(names).toEqual(['three', 'two']);
  });

  it('ends a watch whose request completes after it was stopped', async () => {
    // A short-lived watch (a wait that is done at its first look) stops while its watch
    // request is still being made: left open, that watch keeps the process alive.
    const opened: AbortController[] = [];
    const listed = { items: [], resourceVersion: '1' };
    const quick = { list: async () => listed, config: new KubeConfig() } as unknown as Kube;
    const watch = new ResilientWatch<KubeObject>(quick, {
      apiVersion: 'v1',
      kind: 'Pod',
      onChange: () => {},
    });
    const request = vi.spyOn(Watch.prototype, 'watch').mockImplementation(async () => {
      watch.stop();
      const controller = new AbortController();
      opened.push(controller);
      return controller;
    });
    try {
      watch.start();
      await waitFor(() => opened.length === 1, 'the watch request');
      await waitFor(() => opened[0]!.signal.aborted, 'the late watch to be ended', 5000);
    } finally {
      request.mockRestore();
    }
  });

  it('re-lists when the watch goes quiet', async () => {
    let lists = 0;
    const watch = new ResilientWatch<KubeObject>(kube, {
      apiVersion: 'v1',
      kind: 'Namespace',
      quietMs: 200,
      onChange: () => lists++,
    }).start();
    await waitFor(() => lists >= 3, 'repeated re-lists while nothing happens');
    watch.stop();
  });
});
