/**
 * What Rancher leaves in its cluster that `helm uninstall rancher` does not remove, as
 * Rancher's own cleanup tooling names it: rancher/rancher-cleanup `cleanup.sh` (commit
 * effadb5, 2025-10-15). Only the Rancher server's and Fleet's own parts are taken; the lines
 * there for apps a user may run without Rancher (istio, gatekeeper, cis, monitoring, logging,
 * elemental, cluster-api) are left alone: this tool did not install them.
 */

/** `CATTLE_NAMESPACES` and `FLEET_NAMESPACES` in cleanup.sh. */
export const rancherNamespaceNames: readonly string[] = [
  'local',
  'cattle-system',
  'cattle-impersonation-system',
  'cattle-global-data',
  'cattle-global-nt',
  'cattle-provisioning-capi-system',
  'cattle-fleet-clusters-system',
  'cattle-fleet-local-system',
  'cattle-fleet-system',
  'fleet-default',
  'fleet-local',
  'fleet-system',
];

/** cleanup.sh also empties and deletes every namespace named `^cluster-fleet`, `^p-`, `^c-`, `^user-`, `^u-`. */
const rancherNamespacePrefixes = ['cluster-fleet', 'p-', 'c-', 'user-', 'u-'];

export function isRancherNamespace(name: string): boolean {
  return (
    rancherNamespaceNames.includes(name) || rancherNamespacePrefixes.some((p) => name.startsWith(p))
  );
}

/**
 * Custom resources and definitions: every `*.cattle.io` group except `helm.cattle.io` and
 * `k3s.cattle.io` ("to not break K3S/RKE2 addons"), cleanup.sh's `grep cattle\.io | grep -v
 * helm\.cattle\.io | grep -v k3s\.cattle\.io`.
 */
export function isRancherGroup(group: string): boolean {
  return (
    /(^|\.)cattle\.io$/.test(group) &&
    !/(^|\.)helm\.cattle\.io$/.test(group) &&
    !/(^|\.)k3s\.cattle\.io$/.test(group)
  );
}

/** A CRD's name is `<plural>.<group>`. */
export function isRancherCrd(name: string): boolean {
  const dot = name.indexOf('.');
  return dot > 0 && isRancherGroup(name.slice(dot + 1));
}

/** Mutating and validating webhook configurations: cleanup.sh's `grep cattle\.io` (`rancher.cattle.io`). */
export function isRancherWebhook(name: string): boolean {
  return name.includes('cattle.io');
}

/** APIServices: `grep cattle | grep -v k3s\.cattle\.io | grep -v helm\.cattle\.io`. */
export function isRancherApiService(name: string): boolean {
  return name.includes('cattle') && !/k3s\.cattle\.io|helm\.cattle\.io/.test(name);
}

/**
 * Cluster roles and bindings: the label `cattle.io/creator=norman`, or names `^cattle-`,
 * `rancher` anywhere, `^fleet-` (bindings; roles `^fleet`), `^gitjob`, `^pod-impersonation-helm`.
 */
export function isRancherClusterRbac(
  kind: 'ClusterRole' | 'ClusterRoleBinding',
  name: string,
  labels: Readonly<Record<string, string>> = {},
): boolean {
  if (labels['cattle.io/creator'] === 'norman') return true;
  const fleet = kind === 'ClusterRole' ? /^fleet/ : /^fleet-/;
  return (
    /^cattle-/.test(name) ||
    name.includes('rancher') ||
    fleet.test(name) ||
    /^gitjob/.test(name) ||
    /^pod-impersonation-helm/.test(name)
  );
}

/** "The only resource not in cattle namespaces": `-n kube-system configmap cattle-controllers`. */
export const controllersConfigMap = { namespace: 'kube-system', name: 'cattle-controllers' };

/** Where cleanup.sh looks for the local cluster's registrations (`local` is Rancher's own). */
export const managementClusters = {
  apiVersion: 'management.cattle.io/v3',
  kind: 'Cluster',
} as const;

/** Downstream clusters still registered: every management cluster but `local`. */
export function downstreamClusterNames(names: readonly string[]): string[] {
  return names.filter((n) => n !== 'local');
}
