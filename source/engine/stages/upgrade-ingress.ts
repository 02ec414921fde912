import { shellLine } from '../../shared/shell-quote.js';
import { PermanentError } from '../../systems/errors.js';
import type { KubeObject } from '../../systems/kube.js';
import { fromManifest } from '../../systems/kube.js';
import type { Step, StepContext } from '../contract.js';
import { kubeChanges } from '../kube-changes.js';
import { crdApplyLine, crdCurrent, type CrdApplyCount } from '../desired/chart-crds.js';
import { ingressControllerOf } from '../desired/charts.js';
import { selectorText } from '../desired/ingress-controller.js';
import { namespace } from '../desired/names.js';
import { daemonSetRolloutStatus } from '../desired/rollout-status.js';
import { hopLanded, hopPassed, rollbackCommand } from '../desired/upgrade-hop-outcome.js';
import { waitFor } from '../wait.js';
import { controllerReady, probe, virtualServer } from './ingress.js';
import { ping } from './rancher.js';
import { stuckPodReason, stuckReasons } from './stuck-pods.js';

type Hop = { from: string; to: string };

function controller(ctx: StepContext) {
  const chosen = ingressControllerOf(ctx.config);
  return { ...chosen, chartName: chosen.chart.split('/').pop()! };
}

async function daemonSet(ctx: StepContext): Promise<KubeObject | undefined> {
  const { daemonSet: name } = controller(ctx);
  return ctx.systems.kube().get({ apiVersion: 'apps/v1', kind: 'DaemonSet', namespace, name });
}

/** Landed in Helm and rolled out to every node: a resume skips the hop. */
async function hopDone(ctx: StepContext, hop: Hop): Promise<boolean> {
  const c = controller(ctx);
  const history = await ctx.systems.helm.history(c.release, namespace);
  if (!hopLanded(history, c.chartName, hop.to)) return false;
  return daemonSetRolloutStatus(await daemonSet(ctx)).done;
}

const crdRef = (name: string) => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  name,
});

/**
 * The hop's CRDs, before its `helm upgrade`: Helm leaves a chart's crds/ as the install made
 * them, and the new controller (and its RBAC) expects the new ones (traefik-helm-chart README,
 * "Upgrading CRDs"). Server-side and forced, as that README's `kubectl apply` does: Helm's
 * install owns the fields until then. Only the ones that differ are applied.
 */
export async function applyCrds(ctx: StepContext, version: string): Promise<void> {
  const c = controller(ctx);
  const manifests = (await ctx.systems.helm.showCrds(c.chart, { version })) as KubeObject[];
  const kube = ctx.systems.kube();
  const count: CrdApplyCount = { applied: [], current: [] };
  for (const manifest of manifests) {
    const name = manifest.metadata?.name;
    if (!name) continue;
    if (crdCurrent(fromManifest(manifest), await kube.get(crdRef(name)))) {
      count.current.push(name);
      continue;
    }
    await kube.apply(manifest);
    count.applied.push(name);
  }
  if (manifests.length > 0) ctx.progress(crdApplyLine(c.chartName, version, count));
}

async function upgradeTo(ctx: StepContext, hop: Hop): Promise<void> {
  const c = controller(ctx);
  ctx.progress(`hop ${hop.from} → ${hop.to}: helm upgrade ${c.release} --version ${hop.to}`);
  await ctx.systems.helm.upgradeInstall({
    release: c.release,
    chart: c.chart,
    namespace,
    version: hop.to,
    set: c.values(hop.to),
    wait: false,
  });
}

/** Waits for the DaemonSet to roll to the new pods; a stuck pod stops the hop with its rollback. */
async function rolledOut(ctx: StepContext, hop: Hop, rollback: string[] | undefined) {
  const c = controller(ctx);
  const undo = rollback
    ? `roll back with \`${shellLine(rollback)}\`, or fix the cause and resume`
    : 'fix the cause and resume';
  const selector = selectorText(c);
  let stuck = 0;
  await waitFor(ctx, {
    what: `${c.label} ${hop.to} to roll out`,
    timeoutMs: ctx.timing.rolloutMs,
    remedy: undo,
    wakeOn: kubeChanges(ctx, { apiVersion: 'v1', kind: 'Pod', namespace, labelSelector: selector }),
    check: async () => {
      const status = daemonSetRolloutStatus(await daemonSet(ctx));
      const reason = status.done ? undefined : await stuckPodReason(ctx, selector);
      stuck = reason && stuckReasons.test(reason) ? stuck + 1 : 0;
      if (reason && stuck >= 3)
        throw new PermanentError(`hop ${hop.from} → ${hop.to} failed: ${reason}`, undo);
      return { done: status.done, message: `daemon set ${c.daemonSet}: ${status.message}` };
    },
  });
}

/**
 * NSX-T keeps the virtual server while the Service lives, and `helm upgrade` patches the
 * Service in place, so its LoadBalancer IP (the one the DNS record holds) must be unchanged.
 */
async function sameVirtualServer(ctx: StepContext, before: string | undefined): Promise<void> {
  const { addresses } = await virtualServer(ctx);
  const now = addresses.forDns;
  const expected = ctx.facts.vip ?? before;
  if (expected && now !== expected)
    throw new PermanentError(
      `the NSX-T virtual-server IP changed from ${expected} to ${now ?? '(none yet)'}: the DNS record for ${ctx.config.rancher.hostname} points at the old one`,
      `check \`kubectl -n ${namespace} get svc ${controller(ctx).service}\`; point the A record at the new IP (or get the old one back), then resume`,
    );
  if (now) ctx.facts.vip = now;
  ctx.progress(`virtual server ${now ?? '?'} unchanged: the DNS record still points at it`);
}

/** The session records each ingress hop as it lands, and the chart now installed. */
function landed(ctx: StepContext, version: string): void {
  const upgrade = ctx.facts.upgrade ?? {};
  const before = upgrade.ingressLanded ?? [];
  if (!before.includes(version))
    ctx.facts.upgrade = { ...upgrade, ingressLanded: [...before, version] };
  ctx.facts.ingressChartVersion = version;
}

/** The session holds the hop as landed: it was verified through the new controller. */
function verified(ctx: StepContext, version: string): boolean {
  return (ctx.facts.upgrade?.ingressLanded ?? []).includes(version);
}

/** The virtual server kept, Rancher's proxy needs, the certificate and /ping: then it landed. */
async function throughNewController(ctx: StepContext, hop: Hop, vipBefore: string | undefined) {
  await sameVirtualServer(ctx, vipBefore);
  await controllerReady.run(ctx);
  await probe.run(ctx);
  await ping.run(ctx);
  // Recorded before it is said: the progress line saves the session's facts.
  landed(ctx, hop.to);
  ctx.progress(
    `hop ${hop.from} → ${hop.to}: done, ${controller(ctx).label} ${hop.to} serves Rancher`,
  );
}

/**
 * Each ingress hop in turn: the chart's CRDs first, `helm upgrade` with the values we own for
 * that chart major (never --reuse-values), the DaemonSet rolled to every node, the virtual
 * server's IP unchanged, then through the new controller Rancher's proxy needs, the served
 * certificate and `/ping`. The rollback command is read before the hop changes anything.
 */
export const ingressHops: Step = {
  id: 'upgrade.ingress',
  title: 'Upgrade the ingress controller hop by hop',
  async isDone(ctx) {
    const last = ctx.facts.upgrade?.ingressHops?.at(-1);
    if (last === undefined) return true;
    // A hop that rolled out while nobody watched (the pull retried after a failed run) is
    // verified through the new controller before the session records it.
    if (!verified(ctx, last.to)) return false;
    return hopDone(ctx, last);
  },
  async run(ctx) {
    const c = controller(ctx);
    for (const hop of ctx.facts.upgrade?.ingressHops ?? []) {
      const before = await ctx.systems.helm.history(c.release, namespace);
      if (hopPassed(before, c.chartName, hop.to)) {
        landed(ctx, hop.to);
        ctx.progress(`hop ${hop.from} → ${hop.to}: already done`);
        continue;
      }
      if (await hopDone(ctx, hop)) {
        if (verified(ctx, hop.to)) {
          ctx.progress(`hop ${hop.from} → ${hop.to}: already done`);
          continue;
        }
        ctx.progress(`hop ${hop.from} → ${hop.to}: rolled out meanwhile; verifying it`);
        await throughNewController(ctx, hop, undefined);
        continue;
      }
      const history = await ctx.systems.helm.history(c.release, namespace);
      const rollback = rollbackCommand(history, {
        release: c.release,
        namespace,
        chartName: c.chartName,
        from: hop.from,
      });
      const vipBefore = (await virtualServer(ctx)).addresses.forDns;
      // On a resume after the upgrade went through, the CRDs are checked again (and found current).
      await applyCrds(ctx, hop.to);
      if (!hopLanded(history, c.chartName, hop.to)) await upgradeTo(ctx, hop);
      await rolledOut(ctx, hop, rollback);
      await throughNewController(ctx, hop, vipBefore);
    }
  },
  runbook: (config) => {
    const c = ingressControllerOf(config);
    return [
      {
        kind: 'command',
        argv: ['helm', 'show', 'crds', c.chart, '--version', '<HOP VERSION>'],
        note: 'save as crds.yaml; Helm never upgrades a chart’s crds/, so apply them first (traefik-helm-chart README, "Upgrading CRDs"); a chart without CRDs prints nothing',
      },
      {
        kind: 'command',
        argv: ['kubectl', 'apply', '--server-side', '--force-conflicts', '-f', 'crds.yaml'],
      },
      {
        kind: 'command',
        argv: [
          'helm',
          'upgrade',
          c.release,
          c.chart,
          '-n',
          namespace,
          '--version',
          '<HOP VERSION>',
          ...Object.entries(c.values('99.0.0')).flatMap(([k, v]) => ['--set', `${k}=${v}`]),
        ],
        note: 'once per hop, in order; the values we own for that chart major, never --reuse-values (shown for the newest major: value paths move between majors, and `upgrade` prints each hop’s values before it asks)',
      },
      {
        kind: 'command',
        argv: ['kubectl', '-n', namespace, 'rollout', 'status', `ds/${c.daemonSet}`],
      },
      {
        kind: 'command',
        argv: ['kubectl', '-n', namespace, 'get', 'svc', c.service],
        note: 'EXTERNAL-IP unchanged: the NSX-T virtual server the DNS record points at',
      },
      {
        kind: 'command',
        argv: ['curl', '--cacert', config.tls.caCerts, `https://${config.rancher.hostname}/ping`],
        note: 'the served certificate verifies and /ping answers pong through the new controller',
      },
      {
        kind: 'command',
        argv: [
          'helm',
          'rollback',
          c.release,
          '<REVISION BEFORE THE HOP>',
          '-n',
          namespace,
          '--wait',
        ],
        note: `only when a hop fails: \`helm history ${c.release} -n ${namespace}\` names the revision`,
      },
    ];
  },
};
