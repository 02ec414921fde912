import { shellLine } from '../../shared/shell-quote.js';
import { PermanentError } from '../../systems/errors.js';
import type { Step, StepContext } from '../contract.js';
import { kubeChanges } from '../kube-changes.js';
import { namespace } from '../desired/names.js';
import { rancherPodSelector } from '../desired/rancher-pods.js';
import { settingRef } from '../desired/rancher-server.js';
import { rolloutStatus } from '../desired/rollout-status.js';
import {
  hopLanded,
  hopPassed,
  reportsVersion,
  rollbackCommand,
} from '../desired/upgrade-hop-outcome.js';
import { waitFor } from '../wait.js';
import { rancherChartRef } from './chart-versions.js';
import { ping, rancherValues } from './rancher.js';
import { stuckPodReason, stuckReasons } from './stuck-pods.js';

type Hop = { from: string; to: string };

const deployRef = { apiVersion: 'apps/v1', kind: 'Deployment', namespace, name: 'rancher' };

async function serverVersion(ctx: StepContext): Promise<string | undefined> {
  const setting = await ctx.systems.kube().get(settingRef('server-version'));
  return typeof setting?.value === 'string' ? setting.value : undefined;
}

/** Landed in Helm and reported by Rancher itself: a resume skips the hop. */
async function hopDone(ctx: StepContext, hop: Hop): Promise<boolean> {
  const history = await ctx.systems.helm.history('rancher', namespace);
  return hopLanded(history, 'rancher', hop.to) && reportsVersion(await serverVersion(ctx), hop.to);
}

async function upgradeTo(ctx: StepContext, hop: Hop): Promise<void> {
  const workers = ctx.facts.workers ?? ctx.config.rancher.replicas;
  ctx.progress(`hop ${hop.from} → ${hop.to}: helm upgrade rancher --version ${hop.to}`);
  await ctx.systems.helm.upgradeInstall({
    release: 'rancher',
    chart: rancherChartRef(ctx.config),
    namespace,
    version: hop.to,
    set: rancherValues(ctx.config, workers),
    wait: false,
  });
}

/** Waits for the rollout and the reported version; a stuck pod stops the hop with its rollback. */
async function rolledOut(ctx: StepContext, hop: Hop, rollback: string[] | undefined) {
  const undo = rollback
    ? `roll back with \`${shellLine(rollback)}\`, or fix the cause and resume`
    : 'fix the cause and resume';
  let stuck = 0;
  await waitFor(ctx, {
    what: `Rancher ${hop.to} to roll out`,
    timeoutMs: ctx.timing.rolloutMs,
    remedy: undo,
    wakeOn: kubeChanges(ctx, {
      apiVersion: 'v1',
      kind: 'Pod',
      namespace,
      labelSelector: rancherPodSelector,
    }),
    check: async () => {
      const status = rolloutStatus(await ctx.systems.kube().get(deployRef));
      const reason = status.done ? undefined : await stuckPodReason(ctx, rancherPodSelector);
      stuck = reason && stuckReasons.test(reason) ? stuck + 1 : 0;
      if (reason && stuck >= 3)
        throw new PermanentError(`hop ${hop.from} → ${hop.to} failed: ${reason}`, undo);
      const reported = await serverVersion(ctx);
      const done = status.done && reportsVersion(reported, hop.to);
      return { done, message: `${status.message}; Rancher reports ${reported ?? '(no version)'}` };
    },
  });
}

/** The session records each hop as it lands, and the chart now installed (the summary's). */
function landed(ctx: StepContext, version: string): void {
  const upgrade = ctx.facts.upgrade ?? {};
  const before = upgrade.landed ?? [];
  if (!before.includes(version)) ctx.facts.upgrade = { ...upgrade, landed: [...before, version] };
  ctx.facts.rancherChartVersion = version;
}

/**
 * Each hop in turn: `helm upgrade` with the values we own (never --reuse-values), the rollout
 * to the new pods, `/ping`, and the version Rancher reports. The rollback command is read
 * before the hop changes anything, so a failed hop names the revision to go back to.
 */
export const rancherHops: Step = {
  id: 'upgrade.rancher',
  title: 'Upgrade Rancher hop by hop',
  async isDone(ctx) {
    const hops = ctx.facts.upgrade?.hops ?? [];
    const last = hops.at(-1);
    if (last === undefined) return true;
    if (!(await hopDone(ctx, last))) return false;
    landed(ctx, last.to); // it landed while nobody watched (a pull retried after a resume)
    return true;
  },
  async run(ctx) {
    for (const hop of ctx.facts.upgrade?.hops ?? []) {
      // A later hop's chart is on the release already: never go back to this one.
      if (hopPassed(await ctx.systems.helm.history('rancher', namespace), 'rancher', hop.to)) {
        ctx.progress(`hop ${hop.from} → ${hop.to}: already done`);
        landed(ctx, hop.to);
        continue;
      }
      if (await hopDone(ctx, hop)) {
        ctx.progress(`hop ${hop.from} → ${hop.to}: already done`);
        continue;
      }
      const history = await ctx.systems.helm.history('rancher', namespace);
      const rollback = rollbackCommand(history, {
        release: 'rancher',
        namespace,
        chartName: 'rancher',
        from: hop.from,
      });
      if (!hopLanded(history, 'rancher', hop.to)) await upgradeTo(ctx, hop);
      await rolledOut(ctx, hop, rollback);
      await ping.run(ctx);
      ctx.progress(`hop ${hop.from} → ${hop.to}: done, Rancher reports v${hop.to}`);
      landed(ctx, hop.to);
    }
  },
  runbook: (config) => [
    {
      kind: 'command',
      argv: [
        'helm',
        'upgrade',
        'rancher',
        rancherChartRef(config),
        '-n',
        namespace,
        '--version',
        '<HOP VERSION>',
        ...Object.entries(rancherValues(config, config.rancher.replicas)).flatMap(([k, v]) => [
          '--set',
          `${k}=${v}`,
        ]),
      ],
      note: 'once per hop, in order; the values we own, never --reuse-values',
    },
    { kind: 'command', argv: ['kubectl', '-n', namespace, 'rollout', 'status', 'deploy/rancher'] },
    {
      kind: 'command',
      argv: [
        'kubectl',
        'get',
        'settings.management.cattle.io',
        'server-version',
        '-o',
        'jsonpath={.value}',
      ],
      note: 'Rancher reports v<HOP VERSION>',
    },
    {
      kind: 'command',
      argv: ['curl', '--cacert', config.tls.caCerts, `https://${config.rancher.hostname}/ping`],
      note: 'answers pong',
    },
    {
      kind: 'command',
      argv: ['helm', 'rollback', 'rancher', '<REVISION BEFORE THE HOP>', '-n', namespace, '--wait'],
      note: 'only when a hop fails: `helm history rancher -n cattle-system` names the revision',
    },
  ],
};
