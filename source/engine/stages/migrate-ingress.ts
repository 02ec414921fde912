import { stringify } from 'yaml';
import { commandLine } from '../../invocation.js';
import { PermanentError } from '../../systems/errors.js';
import type { KubeObject } from '../../systems/kube.js';
import { ingressControllers, type IngressController } from '../desired/ingress-controller.js';
import type { Stage, Step, StepContext } from '../contract.js';
import { waitFor } from '../wait.js';
import { loadBalancerIps, virtualServerAddresses } from '../desired/nsx-virtual-server.js';
import { dnsRecordStep } from './dns-record.js';
import { chartVersions } from './chart-versions.js';
import { ingressControllerOf } from '../desired/charts.js';
import { ingressName, namespace } from '../desired/names.js';
import { rancherIngress, sameIngress } from '../desired/rancher-ingress.js';
import { detect, repos } from './helm.js';
import { controllerReady, controllerStep, probe, vip } from './ingress.js';
import { ping } from './rancher.js';

/**
 * Switching Rancher from one ingress controller to the other, as an explicit run of its
 * own, without a minute of downtime: the new controller beside the old, a bridge Ingress of
 * its class so its virtual server serves Rancher too, the DNS record changed to the new IP
 * (checked live), Rancher reached through it, then the Ingress moved to the new class and
 * the old controller removed. Every step proves itself, so it resumes.
 */

/** The controller this migration leaves: the release of the other kind, if it is still there. */
async function leaving(ctx: StepContext): Promise<IngressController | undefined> {
  const target = ingressControllerOf(ctx.config);
  for (const other of Object.values(ingressControllers).filter((c) => c !== target)) {
    if (await ctx.systems.helm.release(other.release, namespace)) return other;
  }
  return undefined;
}

const from: Step = {
  id: 'migrate.from',
  title: 'The controller Rancher is on now',
  async run(ctx) {
    const target = ingressControllerOf(ctx.config);
    const old = await leaving(ctx);
    if (old) {
      ctx.facts.migratedFrom = old.name;
      const oldVip = await virtualServerIp(ctx, old);
      if (oldVip) ctx.facts.migratedFromVip = oldVip;
      ctx.progress(`${old.label} fronts Rancher; moving to ${target.label}`);
      return;
    }
    if (ctx.facts.migratedFrom) {
      ctx.progress(`${ctx.facts.migratedFrom} is already removed: the migration is finishing`);
      return;
    }
    if (await ctx.systems.helm.release(target.release, namespace)) {
      ctx.progress(`${target.label} already fronts Rancher: nothing to migrate`);
      return;
    }
    throw new PermanentError(
      `no ingress controller release in ${namespace}: nothing to migrate`,
      `install Rancher first (${commandLine('install')})`,
    );
  },
  runbook: () => [{ kind: 'command', argv: ['helm', 'list', '-n', namespace] }],
};

async function virtualServerIp(
  ctx: StepContext,
  controller: IngressController,
): Promise<string | undefined> {
  const svc = await ctx.systems
    .kube()
    .get({ apiVersion: 'v1', kind: 'Service', namespace, name: controller.service });
  return virtualServerAddresses(loadBalancerIps(svc)).forDns;
}

/**
 * DNS moves to the new virtual server: the record must name it, and no longer the old one
 * (a round-robin pair would send half the browsers to a controller about to go).
 */
const movedDns = dnsRecordStep({
  id: 'migrate.dns',
  title: 'Rancher hostname resolves to the new virtual server',
  name: (c) => c.rancher.hostname,
  expected: (ctx) => ctx.facts.vip,
  stale: (ctx) => ctx.facts.migratedFromVip,
  why: 'browsers and Rancher agents reach Rancher by this name; the old virtual server goes next',
  timeout: (ctx) => ctx.timing.dnsRecordMs,
});

/** While DNS still points at the old VIP, the new controller serves Rancher from this one. */
function bridgeIngress(ctx: StepContext): KubeObject {
  const wanted = rancherIngress(ctx.config);
  return { ...wanted, metadata: { ...wanted.metadata, name: bridgeName(ctx) } };
}

function bridgeName(ctx: StepContext): string {
  return `${ingressName}-${ingressControllerOf(ctx.config).release}`;
}

async function mainIngressMoved(ctx: StepContext): Promise<boolean> {
  const current = await ctx.systems.kube().get(ingressRef(ingressName));
  return current !== undefined && sameIngress(rancherIngress(ctx.config))(current);
}

const ingressRef = (name: string) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  namespace,
  name,
});

const bridge: Step = {
  id: 'migrate.bridge-ingress',
  title: 'Bridge Ingress on the new controller',
  async isDone(ctx) {
    if (await mainIngressMoved(ctx)) return 'the Ingress is already on the new controller';
    const current = await ctx.systems.kube().get(ingressRef(bridgeName(ctx)));
    return current !== undefined && sameIngress(bridgeIngress(ctx))(current);
  },
  async run(ctx) {
    const wanted = bridgeIngress(ctx);
    const what = await ctx.systems.kube().ensure(wanted, sameIngress(wanted));
    ctx.progress(`ingress ${bridgeName(ctx)} ${what}: both virtual servers serve Rancher now`);
  },
  runbook: () => [
    {
      kind: 'manual',
      text: `a second Ingress (${ingressName}-<new release>) with the new class, so both virtual servers serve Rancher until DNS moves`,
    },
  ],
};

const moveIngress: Step = {
  id: 'migrate.move-ingress',
  title: 'Move the Ingress to the new controller',
  async isDone(ctx) {
    const bridgeGone = !(await ctx.systems.kube().get(ingressRef(bridgeName(ctx))));
    return bridgeGone && (await mainIngressMoved(ctx));
  },
  async run(ctx) {
    const kube = ctx.systems.kube();
    const wanted = rancherIngress(ctx.config);
    const dropBridge = () => kube.delete(ingressRef(bridgeName(ctx)));
    // ingress-nginx's admission webhook refuses a second Ingress of its class for the same
    // host: there the bridge goes first (a moment's gap on the new VIP only).
    const bridgeFirst = ingressControllerOf(ctx.config).name === 'ingress-nginx';
    if (bridgeFirst) await dropBridge();
    ctx.progress(`ingress ${ingressName} ${await kube.ensure(wanted, sameIngress(wanted))}`);
    if (!bridgeFirst) await dropBridge();
  },
  runbook: (config) => [
    { kind: 'manifest', yaml: stringify(rancherIngress(config)), note: 'ingress.yaml' },
    { kind: 'command', argv: ['kubectl', 'apply', '-f', 'ingress.yaml'] },
    {
      kind: 'command',
      argv: ['kubectl', '-n', namespace, 'delete', 'ingress', `${ingressName}-<new release>`],
    },
  ],
};

const removeOld: Step = {
  id: 'migrate.remove-old',
  title: 'Remove the old controller',
  async isDone(ctx) {
    return (await leaving(ctx)) === undefined;
  },
  async run(ctx) {
    const old = await leaving(ctx);
    if (!old) return;
    ctx.progress(`helm uninstall ${old.release} (its virtual server goes with its Service)`);
    await ctx.systems.helm.uninstall(old.release, namespace);
    await waitFor(ctx, {
      what: `the ${old.label} Service to go`,
      timeoutMs: ctx.timing.loadBalancerMs,
      remedy: `check \`kubectl -n ${namespace} get svc ${old.service}\`, then resume`,
      check: async () => {
        const svc = await ctx.systems
          .kube()
          .get({ apiVersion: 'v1', kind: 'Service', namespace, name: old.service });
        return { done: svc === undefined, message: `waiting for service ${old.service} to go` };
      },
    });
  },
  runbook: () =>
    Object.values(ingressControllers).map((c) => ({
      kind: 'command' as const,
      argv: ['helm', 'uninstall', c.release, '-n', namespace, '--wait'],
      note: `when migrating away from ${c.label}`,
    })),
};

/** The migration as a plan on the same runner: resume and the runbook come with it. */
export function migrateIngressPlan(): Stage[] {
  return [
    { id: 'helm', title: 'Helm', steps: [detect, repos, chartVersions] },
    {
      id: 'ingress',
      title: 'Ingress migration',
      steps: [
        from,
        controllerStep({ besideAnother: true }),
        controllerReady,
        vip,
        bridge,
        movedDns,
        probe,
        ping,
        moveIngress,
        removeOld,
      ],
    },
  ];
}
