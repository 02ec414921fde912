import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../source/config/config.js';
import type { StepContext } from '../../source/engine/contract.js';
import { kubeChanges } from '../../source/engine/kube-changes.js';
import { defaultTiming } from '../../source/engine/timing.js';
import { waitFor } from '../../source/engine/wait.js';
import { Kube } from '../../source/systems/kube.js';
import type { Systems } from '../../source/systems/systems.js';
import { waitFor as eventually } from '../helpers/wait-for.js';
import { startApiFixture, type ApiFixture } from '../lab/helpers/api-fixture.js';

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

const daemonSet = {
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'traefik', namespace: 'default' },
  spec: {
    selector: { matchLabels: { app: 'traefik' } },
    template: {
      metadata: { labels: { app: 'traefik' } },
      spec: { containers: [{ name: 'traefik', image: 'traefik' }] },
    },
  },
};

describe('kubeChanges', () => {
  it('wakes a wait when the watched object changes: "ready 3/3" without waiting for the poll', async () => {
    const stop = new AbortController();
    const progress: string[] = [];
    const ctx: StepContext = {
      config: {} as Config,
      systems: { kube: () => kube } as unknown as Systems,
      facts: {},
      signal: stop.signal,
      // The poll would not look again for an hour: only the watch can wake the wait.
      timing: { ...defaultTiming, minPollMs: 3_600_000, maxPollMs: 3_600_000 },
      secrets: {},
      progress: (message) => progress.push(message),
      manual: () => {},
      panel: () => {},
      waiting: () => {},
      checked: () => {},
    };
    const ds = fx.store.create('apps/daemonsets', daemonSet);
    fx.store.update(
      'apps/daemonsets',
      { ...ds, status: { desiredNumberScheduled: 3, numberReady: 0 } },
      { subresource: 'status', force: true },
    );
    const wait = waitFor(ctx, {
      what: 'controllers',
      timeoutMs: 3_600_000,
      remedy: 'none',
      wakeOn: kubeChanges(ctx, { apiVersion: 'apps/v1', kind: 'DaemonSet', namespace: 'default' }),
      check: async () => {
        const now = await kube.get({
          apiVersion: 'apps/v1',
          kind: 'DaemonSet',
          namespace: 'default',
          name: 'traefik',
        });
        const ready = now?.status?.numberReady ?? 0;
        return { done: ready === 3, message: `controllers ready ${ready}/3` };
      },
    });
    try {
      await eventually(() => progress.length > 0, 'the first check');
      const current = fx.store.get('apps/daemonsets', 'default', 'traefik')!;
      fx.store.update(
        'apps/daemonsets',
        { ...current, status: { desiredNumberScheduled: 3, numberReady: 3 } },
        { subresource: 'status', force: true },
      );
      await wait;
      expect(progress).toEqual(['controllers ready 0/3', 'controllers ready 3/3']);
    } finally {
      stop.abort();
    }
  });
});
