import type { StageId } from '../../engine/contract.js';

export type PanelKind =
  | 'pks-cluster'
  | 'dns'
  | 'command'
  | 'pods'
  | 'services'
  | 'virtual-server'
  /** A fleet import's live table (ui/fleet/): counts, then a scrolled window of its rows. */
  | 'fleet';

/**
 * The live panels worth the room while a stage runs, most useful first (the first
 * ones keep their room when the terminal is short).
 */
const panelsByStage: Record<StageId, PanelKind[]> = {
  cluster: ['pks-cluster', 'dns', 'command'],
  helm: ['command'],
  certificates: [],
  ingress: ['virtual-server', 'dns', 'services', 'pods', 'command'],
  rancher: ['pods', 'command'],
  finish: ['pods'],
  'uninstall-check': ['command'],
  'remove-rancher': ['pods', 'command'],
  'remove-ingress': ['virtual-server', 'services', 'pods', 'command'],
  'remove-cluster': ['pks-cluster', 'command'],
  'remove-dns': ['dns'],
  'upgrade-check': ['command'],
  'upgrade-rancher': ['pods', 'command'],
  'upgrade-ingress': ['virtual-server', 'pods', 'command'],
  'rotate-check': [],
  'rotate-certs': ['pods'],
  // The checks mark rows too (a cluster Rancher cannot be reached from fails here).
  'import-check': ['fleet', 'command'],
  'import-clusters': ['fleet'],
};

export function panelsForStage(stage: StageId | undefined): PanelKind[] {
  return stage ? panelsByStage[stage] : [];
}

/** Pods of this app lead the pods panel while the stage is about them. */
const leadingAppByStage: Partial<Record<StageId, string>> = {
  rancher: 'rancher',
  finish: 'rancher',
  'upgrade-rancher': 'rancher',
  'rotate-certs': 'rancher',
  'remove-rancher': 'rancher',
};

export function leadingApp(stage: StageId | undefined): string | undefined {
  return stage ? leadingAppByStage[stage] : undefined;
}
