import type { RancherCluster } from '../../systems/rancher-api-types.js';

/**
 * The label that marks a Rancher cluster as created by this tool (a prefixed key: the prefix a
 * DNS subdomain, the name ≤ 63 characters — Kubernetes "Labels and Selectors"); its value the
 * install session's id (≤ 63, alphanumerics and `-`). A re-run reuses clusters that carry it
 * and refuses a same-named cluster that does not.
 */
export const importedByLabel = 'rancher-pks-tui/imported-by';

/** A label value: ≤ 63, alphanumerics, `-`, `_`, `.`, starting and ending alphanumeric. */
export function labelValue(text: string): string {
  const cleaned = text
    .replace(/[^A-Za-z0-9_.-]/g, '-')
    .slice(0, 63)
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  return cleaned || 'rancher-pks-tui';
}

/** Made by this tool (by any of its sessions): safe to continue, never a name clash. */
export function isOurs(cluster: RancherCluster): boolean {
  return cluster.labels[importedByLabel] !== undefined;
}
