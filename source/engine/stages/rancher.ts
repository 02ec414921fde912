import type { Config } from '../../config/config.js';
import { PermanentError } from '../../systems/errors.js';
import type { Stage, Step, StepContext } from '../contract.js';
import { kubeChanges } from '../kube-changes.js';
import { waitFor } from '../wait.js';
import { rancherChartRef } from './chart-versions.js';
import { namespace, tlsSecretName } from '../desired/names.js';
import {
  fatalLogLine,
  livePods,
  mountFailure,
  rancherPodSelector,
  type PodView,
} from '../desired/rancher-pods.js';
import { probeRancher } from './ingress.js';
import { helm4Note, releaseMatches } from './releases.js';
import { antiAffinityFor, replicasProblem, schedulableNodes } from '../desired/ha-spread.js';

/**
 * The walkthrough's values; `ingress.enabled=false` because the Ingress stage made ours (no
 * duplicate); `antiAffinity=required` when every replica can have a worker of its own.
 */
export function rancherValues(config: Config, workers: number): Record<string, string> {
  return {
    hostname: config.rancher.hostname,
    'ingress.tls.source': 'secret',
    'ingress.tls.secretName': tlsSecretName,
    privateCA: 'true',
    replicas: String(config.rancher.replicas),
    antiAffinity: antiAffinityFor(config.rancher.replicas, workers),
    'ingress.enabled': 'false',
  };
}

/** The workers Rancher's pods can use now (read from the nodes, not the plan). */
async function workersNow(ctx: StepContext): Promise<number> {
  const { items } = await ctx.systems.kube().list('v1', 'Node');
  const workers = schedulableNodes(items).length;
  ctx.facts.workers = workers;
  return workers;
}

/** The version the Helm stage chose (kept in the session), else the pinned one. */
function chosenVersion(ctx: StepContext): string | undefined {
  return ctx.facts.rancherChartVersion || ctx.config.rancher.chartVersion || undefined;
}

const install: Step = {
  id: 'rancher.install',
  title: 'helm upgrade --install rancher',
  isDone: async (ctx) =>
    releaseMatches(
      ctx,
      'rancher',
      rancherValues(ctx.config, await workersNow(ctx)),
      chosenVersion(ctx),
    ),
  async run(ctx) {
    const { config } = ctx;
    const password = ctx.secrets.bootstrapPassword;
    const workers = await workersNow(ctx);
    const version = chosenVersion(ctx);
    const tooMany = replicasProblem(config.rancher.replicas, workers);
    if (tooMany) ctx.progress(tooMany);
    ctx.progress(
      `installing ${rancherChartRef(config)} ${version ?? '(newest)'} (Rancher's pods take a few minutes)`,
    );
    await ctx.systems.helm.upgradeInstall({
      release: 'rancher',
      chart: rancherChartRef(config),
      namespace,
      ...(version ? { version } : {}),
      set: rancherValues(config, workers),
      // Through stdin (`-f -`): never on the command line, never in a file.
      secretValues: password ? { bootstrapPassword: password } : undefined,
      wait: false,
    });
  },
  runbook: (config) => [
    {
      kind: 'command',
      argv: [
        'helm',
        'upgrade',
        '--install',
        'rancher',
        rancherChartRef(config),
        '-n',
        namespace,
        '--version',
        config.rancher.chartVersion || '<VERSION>',
        ...Object.entries(rancherValues(config, config.rancher.replicas)).flatMap(([k, v]) => [
          '--set',
          `${k}=${v}`,
        ]),
        '-f',
        '-',
      ],
      note: `${config.rancher.chartVersion ? '' : '<VERSION> is the one helm.chart-versions chose; '}antiAffinity=required needs ${config.rancher.replicas} schedulable workers (else preferred); the bootstrap password reaches helm on stdin as {"bootstrapPassword": …} (-f -), never on the command line or in a file; ${helm4Note}`,
    },
  ],
};

/** The real failure behind a stuck pod: a mount event or the container's last words. */
async function failureReason(
  ctx: StepContext,
  pods: PodView[],
): Promise<PermanentError | undefined> {
  const { items: events } = await ctx.systems.kube().list('v1', 'Event', { namespace });
  const reason =
    mountFailure(events, pods, ' (resume does it)') ??
    (await crashReason(
      ctx,
      pods.find((p) => p.reason === 'CrashLoopBackOff'),
    ));
  return reason ? new PermanentError(reason.message, reason.remedy) : undefined;
}

async function crashReason(ctx: StepContext, crashing: PodView | undefined) {
  if (!crashing) return undefined;
  return fatalLogLine(
    crashing.name,
    await ctx.systems.podLog(namespace, crashing.name),
    ' (resume does)',
  );
}

async function rolloutState(ctx: StepContext) {
  const kube = ctx.systems.kube();
  const deploy = await kube.get({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    namespace,
    name: 'rancher',
  });
  const { items } = await kube.list('v1', 'Pod', { namespace, labelSelector: rancherPodSelector });
  const pods = livePods(items);
  const ready = pods.filter((p) => p.ready);
  const nodes = new Set(ready.map((p) => p.node));
  const wanted = ctx.config.rancher.replicas;
  const progressing = (
    (deploy?.status?.conditions ?? []) as { type: string; reason?: string; message?: string }[]
  ).find((c) => c.type === 'Progressing');
  return {
    deploy,
    pods,
    ready,
    nodes,
    wanted,
    progressing,
    // The spread is the finish stage's finding: waiting for it would hang on too few workers.
    done: ready.length >= wanted,
  };
}

const rollout: Step = {
  id: 'rancher.rollout',
  title: 'Rancher pods ready on distinct nodes',
  async isDone(ctx) {
    // Ready pods that read the old CA are not done: they must restart first.
    if (ctx.facts.secretsChanged) return false;
    return (await rolloutState(ctx)).done;
  },
  async run(ctx) {
    if (ctx.facts.secretsChanged) {
      // Rancher reads tls-ca at start: pods from before the change must go.
      const { items } = await ctx.systems
        .kube()
        .list('v1', 'Pod', { namespace, labelSelector: 'app=rancher' });
      for (const pod of items)
        await ctx.systems
          .kube()
          .delete({ apiVersion: 'v1', kind: 'Pod', namespace, name: pod.metadata!.name! });
      delete ctx.facts.secretsChanged;
    }
    let stuckChecks = 0;
    await waitFor(ctx, {
      what: `${ctx.config.rancher.replicas} Rancher pods to be ready`,
      timeoutMs: ctx.timing.rolloutMs,
      remedy: `read \`kubectl -n ${namespace} describe po -l app=rancher\` and the pods' logs, then resume`,
      wakeOn: kubeChanges(ctx, {
        apiVersion: 'v1',
        kind: 'Pod',
        namespace,
        labelSelector: 'app=rancher',
      }),
      check: async () => {
        const s = await rolloutState(ctx);
        if (s.progressing?.reason === 'ProgressDeadlineExceeded') {
          throw new PermanentError(
            `deployment "rancher" exceeded its progress deadline`,
            `read \`kubectl -n ${namespace} describe po -l app=rancher\`; fix the cause, then resume`,
          );
        }
        const notReady = s.pods.filter((p) => !p.ready);
        stuckChecks = notReady.some(
          (p) => p.reason === 'CrashLoopBackOff' || p.reason === 'ContainerCreating',
        )
          ? stuckChecks + 1
          : 0;
        if (stuckChecks >= 3) {
          const reason = await failureReason(ctx, notReady);
          if (reason) throw reason;
        }
        const restarts = s.pods.reduce((n, p) => n + p.restarts, 0);
        const spread = [...s.nodes].length;
        return {
          done: s.done,
          message: `rancher ${s.ready.length}/${s.wanted} ready on ${spread} node${spread === 1 ? '' : 's'}${restarts ? `, ${restarts} restart${restarts === 1 ? '' : 's'}` : ''}${notReady[0]?.reason ? ` (${notReady[0].name}: ${notReady[0].reason})` : ''}`,
        };
      },
    });
  },
  runbook: () => [
    { kind: 'command', argv: ['kubectl', '-n', namespace, 'rollout', 'status', 'deploy/rancher'] },
    {
      kind: 'command',
      argv: ['kubectl', '-n', namespace, 'get', 'po', '-l', 'app=rancher', '-o', 'wide'],
    },
  ],
};

export const ping: Step = {
  id: 'rancher.ping',
  title: 'https://HOST/ping answers pong',
  async run(ctx) {
    await waitFor(ctx, {
      what: `https://${ctx.config.rancher.hostname}/ping to answer pong`,
      timeoutMs: ctx.timing.probeMs,
      remedy: `check the Ingress (\`kubectl -n ${namespace} describe ingress\`) and the rancher Service endpoints, then resume`,
      check: async () => {
        const r = await probeRancher(ctx, '/ping');
        if (!r.tlsOk)
          return {
            done: false,
            message: r.defaultCertificate
              ? 'the ingress controller serves its default certificate'
              : (r.tlsError ?? r.error ?? 'TLS failed'),
          };
        const body = (r.body ?? '').trim();
        return {
          done: r.status === 200 && body === 'pong',
          message: `GET /ping → ${r.status} ${body.slice(0, 40)}`,
        };
      },
    });
  },
  runbook: (config) => [
    {
      kind: 'command',
      argv: ['curl', '--cacert', config.tls.caCerts, `https://${config.rancher.hostname}/ping`],
      note: 'answers pong',
    },
  ],
};

export function rancherStage(): Stage {
  return { id: 'rancher', title: 'Rancher', steps: [install, rollout, ping] };
}
