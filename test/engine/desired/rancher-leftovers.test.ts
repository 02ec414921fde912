import { describe, expect, it } from 'vitest';
import {
  downstreamClusterNames,
  isRancherApiService,
  isRancherClusterRbac,
  isRancherCrd,
  isRancherNamespace,
  isRancherWebhook,
} from '../../../source/engine/desired/rancher-leftovers.js';

// The scope rancher-cleanup's cleanup.sh gives Rancher's leftovers, and no more.
describe("Rancher's leftovers", () => {
  it('names its namespaces, and no others', () => {
    for (const name of [
      'local',
      'cattle-system',
      'fleet-default',
      'cattle-fleet-system',
      'p-x7k2q',
      'u-b4mzt',
      'c-m-abc',
      'user-abc',
      'cluster-fleet-local-local-1a3d67d0a899',
    ])
      expect(isRancherNamespace(name), name).toBe(true);
    for (const name of [
      'default',
      'kube-system',
      'pks-system',
      'locally',
      'payments',
      'monitoring',
    ])
      expect(isRancherNamespace(name), name).toBe(false);
  });

  it('takes every cattle.io group but helm.cattle.io and k3s.cattle.io', () => {
    expect(isRancherCrd('clusters.management.cattle.io')).toBe(true);
    expect(isRancherCrd('bundles.fleet.cattle.io')).toBe(true);
    expect(isRancherCrd('helmcharts.helm.cattle.io')).toBe(false);
    expect(isRancherCrd('addons.k3s.cattle.io')).toBe(false);
    expect(isRancherCrd('ingressroutes.traefik.io')).toBe(false);
    expect(isRancherCrd('certificates.cert-manager.io')).toBe(false);
  });

  it('takes webhooks, API services and cluster RBAC by cleanup.sh patterns', () => {
    expect(isRancherWebhook('rancher.cattle.io')).toBe(true);
    expect(isRancherWebhook('cert-manager-webhook')).toBe(false);
    expect(isRancherApiService('v3.ext.cattle.io')).toBe(true);
    expect(isRancherApiService('v1.helm.cattle.io')).toBe(false);
    expect(
      isRancherClusterRbac('ClusterRoleBinding', 'globaladmin-u-abc', {
        'cattle.io/creator': 'norman',
      }),
    ).toBe(true);
    expect(isRancherClusterRbac('ClusterRole', 'cattle-globalrole-admin')).toBe(true);
    expect(isRancherClusterRbac('ClusterRole', 'fleetworkspace-admin')).toBe(true);
    expect(isRancherClusterRbac('ClusterRoleBinding', 'fleetworkspace-admin')).toBe(false);
    // Traefik's own (release-namespace) and the cluster's stay.
    expect(isRancherClusterRbac('ClusterRole', 'traefik-cattle-system')).toBe(false);
    expect(isRancherClusterRbac('ClusterRole', 'cluster-admin')).toBe(false);
  });

  it('counts every management cluster but local as downstream', () => {
    expect(downstreamClusterNames(['local'])).toEqual([]);
    expect(downstreamClusterNames(['local', 'c-m-7xk2q'])).toEqual(['c-m-7xk2q']);
  });
});
