import { useEffect } from 'react';
import type { Kube, KubeObject } from '../../systems/kube.js';
import { ResilientWatch } from '../../systems/kube-watch.js';
import { clusterSnapshot } from '../panels/cluster-snapshot.js';
import type { RunAction } from './run-state.js';
import { throttle } from './throttle.js';

/** At most ~4 snapshots a second: enough to look live, cheap to render. */
export const snapshotIntervalMs = 250;

const kinds = { pods: 'Pod', services: 'Service', endpoints: 'Endpoints' } as const;

/**
 * Watches the namespace's pods, services and endpoints (restarting watches that
 * die) and dispatches normalized snapshots, throttled. Nothing runs until there is
 * a cluster to watch; everything stops on unmount or when kube/namespace change.
 */
export function useClusterWatch(
  kube: Kube | undefined,
  namespace: string | undefined,
  dispatch: (action: RunAction) => void,
): void {
  useEffect(() => {
    if (!kube || !namespace) return;
    const latest: Record<keyof typeof kinds, KubeObject[]> = {
      pods: [],
      services: [],
      endpoints: [],
    };
    const send = throttle(
      () => dispatch({ type: 'cluster', snapshot: clusterSnapshot(namespace, latest) }),
      snapshotIntervalMs,
    );
    const watches = (Object.keys(kinds) as (keyof typeof kinds)[]).map((key) =>
      new ResilientWatch<KubeObject>(kube, {
        apiVersion: 'v1',
        kind: kinds[key],
        namespace,
        onChange: (items) => {
          latest[key] = items;
          send.request();
        },
        // The watch restarts by itself; the panels just show the last snapshot meanwhile.
        onError: () => {},
      }).start(),
    );
    return () => {
      for (const watch of watches) watch.stop();
      send.cancel();
    };
  }, [kube, namespace, dispatch]);
}
