import type { KubeObject } from '../../systems/kube.js';
import type { RunbookItem, Stage, Step, StepContext } from '../contract.js';
import { ingressControllers, type IngressController } from '../desired/ingress-controller.js';
import { caSecretName, ingressName, namespace, tlsSecretName } from '../desired/names.js';
import { describeRef, refOf, removeAll, waitGone } from './kube-removal.js';
import { inCluster } from './uninstall-scope.js';
import { namespaceGoes } from './uninstall-rancher.js';

/**
 * What the install put in front of Rancher and beside it: the Ingress (and a migration's
 * bridge), the ingress controller's release (its Service and so its NSX-T virtual server go
 * with it), Traefik's definitions helm leaves behind, the two secrets, and cattle-system when
 * the install made it.
 */

const kubectl = (...args: string[]): RunbookItem => ({
  kind: 'command',
  argv: ['kubectl', ...args],
});

/** Ours: `rancher`, and the bridge Ingress a migration makes (`rancher-<release>`). */
const ingressNames = [
  ingressName,
  ...Object.values(ingressControllers).map((c) => `${ingressName}-${c.release}`),
];

async function ourIngresses(ctx: StepContext): Promise<KubeObject[]> {
  const found: KubeObject[] = [];
  for (const name of ingressNames) {
    const ref = { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', namespace, name };
    const obj = await ctx.systems.kube().get(ref);
    if (obj) found.push({ ...obj, ...ref });
  }
  return found;
}

const ingress: Step = inCluster({
  id: 'uninstall.ingress',
  title: 'Our Ingress for Rancher',
  async isDone(ctx) {
    return (await ourIngresses(ctx)).length === 0;
  },
  async run(ctx) {
    const found = await ourIngresses(ctx);
    await removeAll(ctx, found);
    ctx.progress(`deleted ${found.map((o) => describeRef(refOf(o))).join(', ')}`);
  },
  runbook: () => [kubectl('-n', namespace, 'delete', 'ingress', ingressName, '--ignore-not-found')],
});

/** Either controller's release: both are this tool's (a migration may have left the other). */
async function installedControllers(ctx: StepContext): Promise<IngressController[]> {
  const found: IngressController[] = [];
  for (const c of Object.values(ingressControllers))
    if (await ctx.systems.helm.release(c.release, namespace)) found.push(c);
  return found;
}

const controller: Step = inCluster({
  id: 'uninstall.ingress-controller',
  title: 'helm uninstall the ingress controller',
  async isDone(ctx) {
    return (await installedControllers(ctx)).length === 0;
  },
  async run(ctx) {
    for (const c of await installedControllers(ctx)) {
      ctx.progress(
        `helm uninstall ${c.release} -n ${namespace} (its virtual server goes with its Service)`,
      );
      await ctx.systems.helm.uninstall(c.release, namespace);
      const svc = { apiVersion: 'v1', kind: 'Service', namespace, name: c.service };
      await waitGone(ctx, [svc], `the ${c.label} Service`, ctx.timing.loadBalancerMs);
    }
  },
  runbook: () =>
    Object.values(ingressControllers).map((c) => ({
      kind: 'command' as const,
      argv: ['helm', 'uninstall', c.release, '-n', namespace, '--wait'],
      note: `when ${c.label} fronts Rancher`,
    })),
});

/**
 * Helm never deletes what a chart's crds/ folder made (Helm docs, "Some caveats and
 * explanations": CRDs are not deleted on uninstall). Traefik's traefik.io definitions go when
 * nothing of theirs is left anywhere; the Gateway API and hub.traefik.io ones the chart also
 * ships stay (other software may use them).
 */
async function traefikCrds(ctx: StepContext): Promise<KubeObject[]> {
  const kube = ctx.systems.kube();
  const { items } = await kube.list('apiextensions.k8s.io/v1', 'CustomResourceDefinition');
  const mine = items.filter((crd) => crd.spec?.group === 'traefik.io');
  for (const crd of mine) {
    const version = (crd.spec?.versions as { name: string }[] | undefined)?.[0]?.name ?? 'v1alpha1';
    const { items: used } = await kube.list(
      `traefik.io/${version}`,
      crd.spec?.names?.kind as string,
    );
    if (used.length > 0) return [];
  }
  return mine.map((c) => ({
    ...c,
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
  }));
}

const crds: Step = inCluster({
  id: 'uninstall.traefik-crds',
  title: "Traefik's definitions (helm leaves them)",
  async isDone(ctx) {
    if (await ctx.systems.helm.release(ingressControllers.traefik.release, namespace)) return false;
    return (await traefikCrds(ctx)).length === 0;
  },
  async run(ctx) {
    const found = await traefikCrds(ctx);
    await removeAll(ctx, found);
    await waitGone(
      ctx,
      found.map((c) => refOf(c)),
      "Traefik's definitions",
      ctx.timing.rolloutMs,
    );
    ctx.progress(`${found.length} traefik.io definitions deleted`);
  },
  runbook: () => [
    {
      kind: 'manual',
      text: 'delete the traefik.io CRDs when no Traefik resources remain (helm leaves crds/ behind); Gateway API CRDs stay',
    },
  ],
});

const secretRefs = [caSecretName, tlsSecretName].map((name) => ({
  apiVersion: 'v1',
  kind: 'Secret',
  namespace,
  name,
}));

async function ourSecrets(ctx: StepContext): Promise<KubeObject[]> {
  const found: KubeObject[] = [];
  for (const ref of secretRefs) {
    const obj = await ctx.systems.kube().get(ref);
    if (obj) found.push({ ...obj, ...ref });
  }
  return found;
}

const secrets: Step = inCluster({
  id: 'uninstall.secrets',
  title: `Secrets ${caSecretName} and ${tlsSecretName}`,
  async isDone(ctx) {
    return (await ourSecrets(ctx)).length === 0;
  },
  async run(ctx) {
    const found = await ourSecrets(ctx);
    await removeAll(ctx, found);
    ctx.progress(`deleted ${found.map((o) => o.metadata?.name).join(', ')}`);
  },
  runbook: () => [
    kubectl('-n', namespace, 'delete', 'secret', caSecretName, tlsSecretName, '--ignore-not-found'),
  ],
});

const namespaceRef = { apiVersion: 'v1', kind: 'Namespace', name: namespace };

const cattleSystem: Step = inCluster({
  id: 'uninstall.namespace',
  title: `Namespace ${namespace}`,
  async isDone(ctx) {
    const goes = namespaceGoes(ctx);
    if (goes !== true) return goes;
    return (await ctx.systems.kube().get(namespaceRef)) === undefined;
  },
  async run(ctx) {
    const ns = await ctx.systems.kube().get(namespaceRef);
    if (ns) await removeAll(ctx, [{ ...ns, ...namespaceRef }]);
    await waitGone(
      ctx,
      [namespaceRef],
      `namespace ${namespace} to finish terminating`,
      ctx.timing.rolloutMs,
    );
  },
  runbook: () => [
    kubectl('delete', 'namespace', namespace, '--wait'),
    { kind: 'check', text: `only when the install created ${namespace} (or with --all)` },
  ],
});

export function removeIngressStage(): Stage {
  return {
    id: 'remove-ingress',
    title: 'Remove the ingress and certificates',
    steps: [ingress, controller, crds, secrets, cattleSystem],
  };
}
