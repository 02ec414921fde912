import type { ClusterRuntime } from '../context.js';

export type LastAction = 'CREATE' | 'UPDATE' | 'DELETE';
export type LastActionState = 'in progress' | 'succeeded' | 'failed';

/** What PKS knows about one cluster (its BOSH service instance). */
export interface ClusterRecord {
  name: string;
  uuid: string;
  planName: string;
  externalHostname: string;
  masterInstances: number;
  workerInstances: number;
  networkProfileName?: string;
  lastAction: LastAction;
  lastActionState: LastActionState;
  lastActionDescription: string;
  /** `["In Progress"]` until the masters have addresses. */
  masterIps: string[];
  /** The kubeconfig user `get-credentials` writes for this cluster. */
  kubeconfigUser: string;
  /** The simulated cluster, once provisioned. */
  runtime?: ClusterRuntime;
  /** Settles when the running CREATE/DELETE ends (for `--wait` and `PksState.idle`). */
  operation?: Promise<void>;
}

/** `pks cluster NAME --json`. */
export interface ClusterJson {
  name: string;
  plan_name: string;
  uuid: string;
  pks_version: string;
  k8s_version: string;
  last_action: LastAction;
  last_action_state: LastActionState;
  last_action_description: string;
  kubernetes_master_ips: string[];
  network_profile_name: string;
  compute_profile_name: string;
  parameters: {
    kubernetes_master_host: string;
    kubernetes_master_port: number;
    kubernetes_worker_instances: number;
    worker_haproxy_ip_addresses: null;
    authorization_mode: null;
    nsxt_network_profile: string | null;
  };
}

export const KUBERNETES_MASTER_PORT = 8443;

export function clusterJson(
  record: ClusterRecord,
  versions: { pks: string; k8s: string },
): ClusterJson {
  return {
    name: record.name,
    plan_name: record.planName,
    uuid: record.uuid,
    pks_version: versions.pks,
    k8s_version: versions.k8s,
    last_action: record.lastAction,
    last_action_state: record.lastActionState,
    last_action_description: record.lastActionDescription,
    kubernetes_master_ips: [...record.masterIps],
    network_profile_name: record.networkProfileName ?? '',
    compute_profile_name: '',
    parameters: {
      kubernetes_master_host: record.externalHostname,
      kubernetes_master_port: KUBERNETES_MASTER_PORT,
      kubernetes_worker_instances: record.workerInstances,
      worker_haproxy_ip_addresses: null,
      authorization_mode: null,
      nsxt_network_profile: record.networkProfileName ?? null,
    },
  };
}
