import { namespaceCapacity, type PodNetwork } from '../desired/nsx-pod-network.js';

/**
 * Namespaces one import adds to Rancher's own cluster before anything is measured: the
 * cluster's namespace (`c-xxxxx`) and one per project of the two Rancher creates for every
 * cluster, Default and System (rancher/rancher v2.13.8
 * pkg/controllers/management/auth/project_cluster/cluster_handler.go: reconcileResourceToNamespace
 * for the cluster, createProject(project.Default / project.System); common.go creates the
 * backing namespace). On NSX-T each namespace takes a pod subnet, so the fleet's size counts.
 */
export const assumedNamespacesPerImport = 3;

export interface FleetBudget {
  /** Clusters still to be created in Rancher. */
  imports: number;
  perImport: number;
  /** Measured around the first import (else the assumption above). */
  measured: boolean;
  /** Namespaces in Rancher's cluster now. */
  inUse: number;
  network: PodNetwork;
}

export interface BudgetVerdict {
  fits: boolean;
  line: string;
}

/** "300 imports × 3 namespaces = 900 more; the /16 pod IP block holds 256 /24 subnets, 12 in use: does not fit". */
export function budgetVerdict(budget: FleetBudget): BudgetVerdict {
  const { network } = budget;
  const more = budget.imports * budget.perImport;
  const capacity = namespaceCapacity(network);
  const fits = budget.inUse + more <= capacity;
  const blocks =
    network.blocks === 1
      ? `the /${network.blockPrefix} pod IP block holds`
      : `the ${network.blocks} /${network.blockPrefix} pod IP blocks hold`;
  const per = `${budget.perImport} namespace${budget.perImport === 1 ? '' : 's'}${budget.measured ? ' (measured)' : ' (assumed until the first import measures it)'}`;
  const assumed = network.blockPrefixAssumed
    ? ' (a /16 block is assumed: give --pod-ip-block-prefix N)'
    : '';
  const line = `${budget.imports} import${budget.imports === 1 ? '' : 's'} × ${per} = ${more} more; ${blocks} ${capacity} /${network.namespacePrefix} subnets${assumed}, ${budget.inUse} in use: ${fits ? `fits (${budget.inUse + more} of ${capacity})` : 'does not fit'}`;
  return { fits, line };
}
