import type { Stage } from '../contract.js';
import { uninstallCheckStage } from './uninstall-check.js';
import { removeClusterStage } from './uninstall-cluster.js';
import { removeDnsStage } from './uninstall-dns.js';
import { removeIngressStage } from './uninstall-ingress.js';
import { removeRancherStage } from './uninstall-rancher.js';

/**
 * The install reversed, as a plan on the same runner: checks, Rancher and its leftovers,
 * what we put in front of it, the PKS cluster (with --delete-cluster), then the DNS records
 * for the user to delete. Options live in the session's facts, so a resume does the same.
 */
export function uninstallPlan(): Stage[] {
  return [
    uninstallCheckStage(),
    removeRancherStage(),
    removeIngressStage(),
    removeClusterStage(),
    removeDnsStage(),
  ];
}
