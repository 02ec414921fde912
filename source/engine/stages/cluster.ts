import {
  cliName,
  existingClusterProblems,
  networkProfileSizeProblem,
  planExists,
  planHa,
  planPrivileged,
  replicasFit,
} from '../desired/pks-rules.js';
import type { Config } from '../../config/config.js';
import { PermanentError } from '../../systems/errors.js';
import { createClusterArgs, type CreateClusterInput, type PksCluster } from '../../systems/pks.js';
import type { PanelUpdate, Stage, Step, StepContext } from '../contract.js';
import { waitFor } from '../wait.js';
import { dnsRecordStep } from './dns-record.js';
import { madeByUs } from './made-by-us.js';

function pksArgv(config: Config, ...args: string[]): string[] {
  return [cliName(config.pks), ...args];
}

const failedStates = new Set(['failed', 'error']);

function requireHaPlan(ctx: StepContext): Step['run'] {
  return async () => {
    const plans = await ctx.systems.pks.plans();
    const exists = planExists(plans, ctx.config.pks.plan);
    if (exists.status === 'fail') throw new PermanentError(exists.message, exists.remedy);
    ctx.progress(exists.message);
    // Preflight fails on these; the install only says so (a plan may be edited meanwhile).
    const plan = plans.find((p) => p.name === ctx.config.pks.plan)!;
    const { workers } = ctx.config.pks;
    const verdicts = {
      'pks.plan-ha': planHa(plan, workers),
      'pks.plan-privileged': planPrivileged(plan),
      'rancher.replicas': replicasFit(plan, workers, ctx.config.rancher.replicas),
    };
    for (const [id, verdict] of Object.entries(verdicts))
      if (verdict.status !== 'pass') ctx.progress(`${id}: ${verdict.message}`);
  };
}

/** The live panel of `pks cluster NAME --json`, while a cluster is made or deleted. */
export function pksClusterPanel(name: string, c: PksCluster): PanelUpdate {
  return {
    kind: 'pks-cluster',
    name,
    state: c.state,
    action: c.lastAction,
    description: c.description,
    masterIps: c.masterIps,
    plan: c.planName || undefined,
    workers: c.workerInstances,
    kubernetesVersion: c.kubernetesVersion,
    uuid: c.uuid || undefined,
  };
}

/** The PKS CLI is logged in: the first look of every plan that calls it. */
export function pksLoginStep(id: string): Step {
  return {
    id,
    title: 'PKS CLI logged in',
    async run(ctx) {
      const state = await ctx.systems.pks.loggedIn();
      if (!state.ok) throw new PermanentError(state.message, state.remedy);
    },
    runbook: (config) => [
      {
        kind: 'check',
        text: `\`${pksArgv(config, 'clusters').join(' ')}\` works (you ran \`${cliName(config.pks)} login\`)`,
      },
    ],
  };
}

const login = pksLoginStep('cluster.login');

const plan: Step = {
  id: 'cluster.plan',
  title: 'Plan exists',
  run: (ctx) => requireHaPlan(ctx)(ctx),
  runbook: (config) => [
    { kind: 'command', argv: pksArgv(config, 'plans'), note: `plan ${config.pks.plan} is listed` },
  ],
};

function networkProfileFile(config: Config): string {
  return JSON.stringify(
    {
      name: config.pks.networkProfile,
      description: `NSX-T ${config.pks.lbSize} load balancer for Rancher`,
      parameters: { lb_size: config.pks.lbSize },
    },
    null,
    2,
  );
}

const networkProfile: Step = {
  id: 'cluster.network-profile',
  title: 'Network profile',
  async isDone(ctx) {
    const existing = await ctx.systems.pks.networkProfile(ctx.config.pks.networkProfile);
    if (!existing) return false;
    const problem = networkProfileSizeProblem(existing, ctx.config.pks);
    if (problem) throw new PermanentError(problem.message, problem.remedy);
    return true;
  },
  async run(ctx) {
    const { networkProfile: name, lbSize } = ctx.config.pks;
    madeByUs(ctx, 'createdNetworkProfile', `creating network profile ${name}`);
    await ctx.systems.pks.createNetworkProfile({
      name,
      description: `NSX-T ${lbSize} load balancer for Rancher`,
      lbSize,
    });
    ctx.progress(`network profile ${name} created (lb_size ${lbSize})`);
  },
  runbook: (config) => [
    {
      kind: 'manifest',
      yaml: networkProfileFile(config),
      note: `${config.pks.networkProfile}.json`,
    },
    {
      kind: 'command',
      argv: pksArgv(config, 'create-network-profile', `${config.pks.networkProfile}.json`),
      note: 'skipped when the profile exists with that size',
    },
  ],
};

function checkExistingCluster(ctx: StepContext, cluster: PksCluster): void {
  const [problem] = existingClusterProblems(cluster, ctx.config.pks);
  if (problem) throw new PermanentError(problem.message, problem.remedy);
}

function createInput(config: Config): CreateClusterInput {
  const { cluster, externalHostname, plan, networkProfile, workers } = config.pks;
  return {
    name: cluster,
    externalHostname,
    plan,
    networkProfile,
    ...(workers !== undefined ? { workers } : {}),
  };
}

const createCluster: Step = {
  id: 'cluster.create',
  title: 'Create the cluster',
  async isDone(ctx) {
    const cluster = await ctx.systems.pks.cluster(ctx.config.pks.cluster);
    if (!cluster) return false;
    checkExistingCluster(ctx, cluster);
    return true;
  },
  async run(ctx) {
    madeByUs(ctx, 'createdCluster', `creating cluster ${ctx.config.pks.cluster}`);
    await ctx.systems.pks.createCluster(createInput(ctx.config));
    ctx.progress(`create-cluster ${ctx.config.pks.cluster} accepted`);
  },
  runbook: (config) => [
    {
      kind: 'command',
      argv: pksArgv(config, ...createClusterArgs(createInput(config))),
      note: 'skipped when the cluster exists (with the same plan, hostname and profile)',
    },
  ],
};

const provisioned: Step = {
  id: 'cluster.provisioned',
  title: 'Wait for provisioning',
  async run(ctx) {
    const { cluster: name } = ctx.config.pks;
    const cluster = await waitFor<PksCluster>(ctx, {
      what: `${name} to be provisioned`,
      timeoutMs: ctx.timing.clusterCreateMs,
      remedy: `check \`${cliName(ctx.config.pks)} cluster ${name}\` and BOSH (\`bosh task\`); resume when it succeeded`,
      check: async () => {
        const c = await ctx.systems.pks.cluster(name);
        if (!c)
          throw new PermanentError(
            `pks: cluster ${name} disappeared`,
            'someone deleted it; resume to create it again',
          );
        ctx.panel(pksClusterPanel(name, c));
        if (failedStates.has(c.state)) {
          throw new PermanentError(
            `pks: ${c.lastAction} of ${name} ${c.state}: ${c.description}`,
            `read \`${cliName(ctx.config.pks)} cluster ${name}\` and the BOSH task; delete the cluster, then resume`,
          );
        }
        const done = c.state === 'succeeded' && c.masterIps.length > 0;
        return { done, value: c, message: `${c.lastAction} ${c.state}: ${c.description}` };
      },
    });
    ctx.facts.masterIp = cluster!.masterIps[0]!;
    ctx.facts.clusterUuid = cluster!.uuid;
  },
  runbook: (config) => [
    {
      kind: 'command',
      argv: pksArgv(config, 'cluster', config.pks.cluster),
      note: `repeat until Last Action State is "succeeded"`,
    },
  ],
};

const masterDns = dnsRecordStep({
  id: 'cluster.dns',
  title: 'API hostname resolves',
  name: (c) => c.pks.externalHostname,
  expected: (ctx) => ctx.facts.masterIp,
  why: 'kubectl and helm reach the cluster API by this name',
  timeout: (ctx) => ctx.timing.dnsRecordMs,
});

const credentials: Step = {
  id: 'cluster.credentials',
  title: 'Get credentials',
  async isDone(ctx) {
    return ctx.systems.hasKubeContext(ctx.config.pks.cluster);
  },
  async run(ctx) {
    await ctx.systems.getCredentials();
    if (!(await ctx.systems.hasKubeContext(ctx.config.pks.cluster))) {
      throw new PermanentError(
        `kubeconfig: no working context ${ctx.config.pks.cluster} after get-credentials`,
        'check KUBECONFIG points at a writable file and the cluster API is reachable from here',
      );
    }
  },
  runbook: (config) => [
    {
      kind: 'command',
      argv: pksArgv(config, 'get-credentials', config.pks.cluster),
      note: 'with OIDC (UAA as the OIDC provider) it needs your PKS password: typed at the prompt, or TKGI_USER_PASSWORD / PKS_USER_PASSWORD',
    },
  ],
};

const api: Step = {
  id: 'cluster.api',
  title: 'Kubernetes API reachable',
  async run(ctx) {
    const kube = ctx.systems.kube();
    const version = await kube.version();
    ctx.facts.kubeVersion = version;
    ctx.progress(`Kubernetes ${version} at ${kube.server ?? '?'}`);
  },
  runbook: () => [{ kind: 'command', argv: ['kubectl', 'cluster-info'] }],
};

export function clusterStage(): Stage {
  return {
    id: 'cluster',
    title: 'PKS cluster',
    steps: [login, plan, networkProfile, createCluster, provisioned, masterDns, credentials, api],
  };
}
