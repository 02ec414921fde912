import type { KubeObject, ObjectRef } from '../../systems/kube.js';
import type { RunbookItem, Stage, Step, StepContext } from '../contract.js';
import { ingressControllers } from '../desired/ingress-controller.js';
import { namespace } from '../desired/names.js';
import {
  controllersConfigMap,
  isRancherApiService,
  isRancherClusterRbac,
  isRancherCrd,
  isRancherNamespace,
  isRancherWebhook,
} from '../desired/rancher-leftovers.js';
import { describeRef, refOf, removeAll, waitGone } from './kube-removal.js';
import { inCluster, ours } from './uninstall-scope.js';

/**
 * Rancher and what it leaves behind, in rancher/rancher-cleanup cleanup.sh's order: stop
 * what would re-create things (the release, then Rancher's own workloads), the webhooks that
 * would refuse the rest, cluster RBAC, custom resources (finalizers off: their controllers
 * are gone), then the namespaces and the definitions. Every step looks before it acts, so a
 * resume or a re-run finds nothing left to do.
 */

const kubectl = (...args: string[]): RunbookItem => ({
  kind: 'command',
  argv: ['kubectl', ...args],
});

const rancherRelease: Step = inCluster({
  id: 'uninstall.rancher',
  title: 'helm uninstall rancher',
  async isDone(ctx) {
    return (await ctx.systems.helm.release('rancher', namespace)) === undefined;
  },
  async run(ctx) {
    ctx.progress(`helm uninstall rancher -n ${namespace} (its pods stop first)`);
    await ctx.systems.helm.uninstall('rancher', namespace);
    // cleanup.sh: `kubectl -n cattle-system wait --for delete pod --selector=app=rancher`.
    const { items } = await ctx.systems
      .kube()
      .list('v1', 'Pod', { namespace, labelSelector: 'app=rancher' });
    await waitGone(
      ctx,
      items.map((p) => refOf(p, 'v1', 'Pod')),
      'the Rancher pods',
      ctx.timing.rolloutMs,
    );
  },
  runbook: () => [
    { kind: 'command', argv: ['helm', 'uninstall', 'rancher', '-n', namespace, '--wait'] },
    kubectl('-n', namespace, 'wait', '--for', 'delete', 'pod', '--selector=app=rancher'),
  ],
});

/** Rancher's own workloads beside it (rancher-webhook and the like); our ingress controller stays for now. */
async function rancherWorkloads(ctx: StepContext): Promise<KubeObject[]> {
  const controllers = new Set(Object.values(ingressControllers).map((c) => c.daemonSet));
  const kube = ctx.systems.kube();
  const kinds = ['Deployment', 'DaemonSet'] as const;
  const found: KubeObject[] = [];
  for (const kind of kinds) {
    const { items } = await kube.list('apps/v1', kind, { namespace });
    found.push(
      ...items
        .filter((o) => !controllers.has(o.metadata?.name ?? ''))
        .map((o) => ({ ...o, apiVersion: 'apps/v1', kind })),
    );
  }
  const cm = await kube.get({ apiVersion: 'v1', kind: 'ConfigMap', ...controllersConfigMap });
  if (cm) found.push({ ...cm, apiVersion: 'v1', kind: 'ConfigMap' });
  return found;
}

const workloads: Step = inCluster({
  id: 'uninstall.rancher-workloads',
  title: "Rancher's own workloads",
  async isDone(ctx) {
    return (await rancherWorkloads(ctx)).length === 0;
  },
  async run(ctx) {
    const found = await rancherWorkloads(ctx);
    await removeAll(ctx, found);
    ctx.progress(`deleted ${found.map((o) => describeRef(refOf(o))).join(', ')}`);
  },
  runbook: () => [
    kubectl('-n', namespace, 'delete', 'deploy,ds', '--all', '--ignore-not-found'),
    kubectl('-n', 'kube-system', 'delete', 'configmap', 'cattle-controllers', '--ignore-not-found'),
  ],
  // cleanup.sh deletes `deploy,ds --all` in cattle-system: ours is the one exception here
  // (it goes with its release in the ingress stage).
});

/** Cluster-scoped objects of one kind whose names (or labels) say they are Rancher's. */
function clusterScoped(
  apiVersion: string,
  kinds: readonly string[],
  isRancher: (kind: string, obj: KubeObject) => boolean,
) {
  return async (ctx: StepContext): Promise<KubeObject[]> => {
    const found: KubeObject[] = [];
    for (const kind of kinds) {
      const { items } = await ctx.systems.kube().list(apiVersion, kind);
      found.push(
        ...items.filter((o) => isRancher(kind, o)).map((o) => ({ ...o, apiVersion, kind })),
      );
    }
    return found;
  };
}

function removalStep(
  id: string,
  title: string,
  find: (ctx: StepContext) => Promise<KubeObject[]>,
  runbook: RunbookItem[],
): Step {
  return inCluster({
    id,
    title,
    async isDone(ctx) {
      return (await find(ctx)).length === 0;
    },
    async run(ctx) {
      const found = await find(ctx);
      const removed = await removeAll(ctx, found);
      ctx.progress(`${removed} deleted: ${summarise(found)}`);
    },
    runbook: () => runbook,
  });
}

function summarise(objects: readonly KubeObject[]): string {
  const bare = objects.map((o) => o.metadata?.name ?? '?');
  // Two kinds can share a name (a mutating and a validating rancher.cattle.io): kubectl's kind/name.
  const names =
    new Set(bare).size < bare.length
      ? objects.map((o, i) => `${(o.kind ?? '').toLowerCase()}/${bare[i]}`)
      : bare;
  return names.length > 6
    ? `${names.slice(0, 6).join(', ')} and ${names.length - 6} more`
    : names.join(', ');
}

const webhooks = removalStep(
  'uninstall.webhooks',
  "Rancher's admission webhooks",
  clusterScoped(
    'admissionregistration.k8s.io/v1',
    ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'],
    (_kind, o) => isRancherWebhook(o.metadata?.name ?? ''),
  ),
  [
    {
      kind: 'manual',
      text: 'delete the mutating and validating webhook configurations named *cattle.io* (rancher.cattle.io), so they refuse nothing that follows',
    },
    kubectl(
      'delete',
      'mutatingwebhookconfiguration,validatingwebhookconfiguration',
      'rancher.cattle.io',
      '--ignore-not-found',
    ),
  ],
);

const clusterRbac = removalStep(
  'uninstall.cluster-rbac',
  "Rancher's cluster roles and bindings",
  clusterScoped('rbac.authorization.k8s.io/v1', ['ClusterRoleBinding', 'ClusterRole'], (kind, o) =>
    isRancherClusterRbac(
      kind as 'ClusterRole' | 'ClusterRoleBinding',
      o.metadata?.name ?? '',
      o.metadata?.labels ?? {},
    ),
  ),
  [
    {
      kind: 'manual',
      text: 'delete the cluster roles and bindings labelled cattle.io/creator=norman or named cattle-*, *rancher*, fleet*, gitjob*, pod-impersonation-helm* (finalizers removed first)',
    },
    kubectl('delete', 'clusterrolebinding,clusterrole', '-l', 'cattle.io/creator=norman'),
  ],
);

interface RancherCrd {
  crd: KubeObject;
  apiVersion: string;
  kind: string;
}

async function rancherCrds(ctx: StepContext): Promise<RancherCrd[]> {
  const { items } = await ctx.systems
    .kube()
    .list('apiextensions.k8s.io/v1', 'CustomResourceDefinition');
  return items
    .filter((crd) => isRancherCrd(crd.metadata?.name ?? ''))
    .map((crd) => {
      const versions = (crd.spec?.versions ?? []) as { name: string; storage?: boolean }[];
      const version = (versions.find((v) => v.storage) ?? versions[0])?.name ?? 'v1';
      return {
        crd: { ...crd, apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition' },
        apiVersion: `${crd.spec?.group as string}/${version}`,
        kind: crd.spec?.names?.kind as string,
      };
    });
}

async function customResources(ctx: StepContext): Promise<KubeObject[]> {
  const found: KubeObject[] = [];
  for (const { apiVersion, kind } of await rancherCrds(ctx)) {
    const { items } = await ctx.systems.kube().list(apiVersion, kind);
    found.push(...items.map((o) => ({ ...o, apiVersion, kind })));
  }
  return found;
}

const resources = removalStep(
  'uninstall.custom-resources',
  "Rancher's custom resources",
  customResources,
  [
    {
      kind: 'manual',
      text: 'for every custom resource of a *.cattle.io group (not helm.cattle.io or k3s.cattle.io): remove its finalizers, then delete it',
    },
    kubectl(
      'patch',
      '<KIND>.<GROUP>',
      '<NAME>',
      '--type=merge',
      '-p',
      '{"metadata":{"finalizers":null}}',
    ),
  ],
);

async function otherLeftovers(ctx: StepContext): Promise<KubeObject[]> {
  const { items } = await ctx.systems.kube().list('apiregistration.k8s.io/v1', 'APIService');
  return items
    .filter((a) => isRancherApiService(a.metadata?.name ?? ''))
    .map((a) => ({ ...a, apiVersion: 'apiregistration.k8s.io/v1', kind: 'APIService' }));
}

const apiServices = removalStep(
  'uninstall.api-services',
  "Rancher's API services",
  otherLeftovers,
  [
    {
      kind: 'manual',
      text: 'delete the APIServices named *cattle* (not k3s.cattle.io or helm.cattle.io)',
    },
  ],
);

/** Rancher's namespaces but ours (cattle-system goes last, with what we put in it). */
async function rancherNamespaces(ctx: StepContext): Promise<KubeObject[]> {
  const { items } = await ctx.systems.kube().list('v1', 'Namespace');
  return items
    .filter((ns) => {
      const name = ns.metadata?.name ?? '';
      return name !== namespace && isRancherNamespace(name);
    })
    .map((ns) => ({ ...ns, apiVersion: 'v1', kind: 'Namespace' }));
}

const namespaces: Step = inCluster({
  id: 'uninstall.rancher-namespaces',
  title: "Rancher's namespaces",
  async isDone(ctx) {
    return (await rancherNamespaces(ctx)).length === 0;
  },
  async run(ctx) {
    const found = await rancherNamespaces(ctx);
    ctx.progress(`deleting ${summarise(found)}`);
    await removeAll(ctx, found);
    const refs: ObjectRef[] = found.map((ns) => refOf(ns));
    await waitGone(ctx, refs, "Rancher's namespaces to finish terminating", ctx.timing.rolloutMs);
  },
  runbook: () => [
    {
      kind: 'manual',
      text: 'delete the namespaces local, cattle-global-data, cattle-global-nt, cattle-impersonation-system, cattle-provisioning-capi-system, cattle-fleet-*, fleet-default, fleet-local, fleet-system and every cluster-fleet*, p-*, c-*, user-*, u-* namespace (finalizers removed first)',
    },
    kubectl('get', 'ns'),
  ],
});

const crds: Step = inCluster({
  id: 'uninstall.crds',
  title: "Rancher's custom resource definitions",
  async isDone(ctx) {
    return (await rancherCrds(ctx)).length === 0;
  },
  async run(ctx) {
    const found = (await rancherCrds(ctx)).map((c) => c.crd);
    ctx.progress(`deleting ${found.length} definitions: ${summarise(found)}`);
    await removeAll(ctx, found);
    await waitGone(
      ctx,
      found.map((c) => refOf(c)),
      'the definitions',
      ctx.timing.rolloutMs,
    );
  },
  runbook: () => [
    {
      kind: 'manual',
      text: 'delete every CRD of a *.cattle.io group except helm.cattle.io and k3s.cattle.io',
    },
    kubectl('get', 'crd', '-o', 'name'),
  ],
});

export function removeRancherStage(): Stage {
  return {
    id: 'remove-rancher',
    title: 'Remove Rancher',
    steps: [
      rancherRelease,
      workloads,
      webhooks,
      clusterRbac,
      resources,
      apiServices,
      namespaces,
      crds,
    ],
  };
}

/** What `ours` says about cattle-system (used by the ingress stage and the inventory). */
export function namespaceGoes(ctx: StepContext): true | string {
  return ours(ctx, 'createdNamespace', `namespace ${namespace}`);
}

/** Whether anything Rancher leaves behind is still there (its namespaces or its CRDs). */
export async function rancherLeftoversPresent(ctx: StepContext): Promise<boolean> {
  return (await rancherNamespaces(ctx)).length > 0 || (await rancherCrds(ctx)).length > 0;
}
