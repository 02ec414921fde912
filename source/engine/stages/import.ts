import type { Stage } from '../contract.js';
import { importCheckStage } from './import-check.js';
import { importClustersStage } from './import-clusters.js';

/**
 * The fleet import as a plan on the same runner: the checks (also `import --check` alone),
 * then the clusters, each through its own state machine (engine/fleet/cluster-import.ts).
 */
export function importPlan(): Stage[] {
  return [importCheckStage(), importClustersStage()];
}
