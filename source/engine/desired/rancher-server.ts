import type { Config } from '../../config/config.js';
import type { KubeObject, ObjectRef } from '../../systems/kube.js';

/**
 * What Rancher keeps about itself in the cluster it runs in (FACTS, "Local cluster"): its
 * `local` cluster and its settings. The finish stage waits on them; `status` reads them.
 */

export const localClusterRef: ObjectRef = {
  apiVersion: 'management.cattle.io/v3',
  kind: 'Cluster',
  name: 'local',
};

export function settingRef(
  name: 'server-url' | 'cacerts' | 'first-login' | 'server-version',
): ObjectRef {
  return { apiVersion: 'management.cattle.io/v3', kind: 'Setting', name };
}

/** The URL Rancher must know itself by: its agents and the local cluster use it. */
export function serverUrlOf(config: Config): string {
  return `https://${config.rancher.hostname}`;
}

interface Condition {
  type: string;
  status: string;
  message?: string;
}

/** The `local` cluster's Ready condition, and the server-url wait it is stuck on, if so. */
export function localClusterState(cluster: KubeObject | undefined): {
  ready: boolean;
  waiting?: Condition;
} {
  const conditions = (cluster?.status?.conditions ?? []) as Condition[];
  const ready = conditions.find((c) => c.type === 'Ready')?.status === 'True';
  const waiting = conditions.find((c) => (c.message ?? '').includes('waiting for server-url'));
  return { ready, ...(waiting ? { waiting } : {}) };
}
