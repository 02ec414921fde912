import { PermanentError } from '../../systems/errors.js';
import type { Stage, Step, StepContext } from '../step.js';
import { waitFor } from '../wait.js';
import { chartVersions } from './chart-versions.js';
import { helm2StableRepo, ingressRepo, namespace, rancherRepo } from './charts.js';

/** Tiller's steps skip themselves on Helm 3 and 4. */
export function notNeeded(ctx: StepContext): string {
  return `not needed with Helm ${helmMajor(ctx)}`;
}

export function helmMajor(ctx: StepContext): number {
  const major = Number(ctx.facts.helmMajor);
  if (!major)
    throw new PermanentError(
      'helm: the Helm version is not known yet',
      'resume: the Helm stage detects it first',
    );
  return major;
}

const detect: Step = {
  id: 'helm.version',
  title: 'Detect Helm',
  async run(ctx) {
    const major = await ctx.systems.helm.major();
    ctx.facts.helmMajor = String(major);
    ctx.progress(major === 2 ? 'Helm 2: Tiller is needed' : `Helm ${major}: no Tiller`);
  },
  runbook: () => [{ kind: 'command', argv: ['helm', 'version', '--short'] }],
};

const tillerAccount: Step = {
  id: 'helm.tiller-account',
  title: 'Tiller service account (Helm 2)',
  async isDone(ctx) {
    if (helmMajor(ctx) !== 2) return notNeeded(ctx);
    return (
      (await ctx.systems.kube().get({
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        namespace: 'kube-system',
        name: 'tiller',
      })) !== undefined
    );
  },
  async run(ctx) {
    await ctx.systems.kube().create({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'tiller', namespace: 'kube-system' },
    });
  },
  runbook: () => [
    {
      kind: 'command',
      argv: ['kubectl', '-n', 'kube-system', 'create', 'serviceaccount', 'tiller'],
      note: 'Helm 2 only',
    },
  ],
};

export const tillerBinding = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRoleBinding',
  metadata: { name: 'tiller' },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
  subjects: [{ kind: 'ServiceAccount', name: 'tiller', namespace: 'kube-system' }],
};

const tillerRoleBinding: Step = {
  id: 'helm.tiller-binding',
  title: 'Tiller cluster-admin binding (Helm 2)',
  async isDone(ctx) {
    if (helmMajor(ctx) !== 2) return notNeeded(ctx);
    const binding = await ctx.systems.kube().get({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      name: 'tiller',
    });
    if (binding) return true;
    // The finish stage removes it once Rancher is installed; a re-run then needs it no more.
    if (!(await tillerReady(ctx))) return false;
    const rancher = await ctx.systems.helm.release('rancher', namespace);
    return rancher?.status === 'deployed';
  },
  async run(ctx) {
    await ctx.systems.kube().create(tillerBinding);
  },
  runbook: () => [
    {
      kind: 'command',
      argv: [
        'kubectl',
        'create',
        'clusterrolebinding',
        'tiller',
        '--clusterrole',
        'cluster-admin',
        '--serviceaccount=kube-system:tiller',
      ],
      note: 'Helm 2 only; removed again at the end',
    },
  ],
};

function tillerReady(ctx: StepContext) {
  return ctx.systems
    .kube()
    .get({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace: 'kube-system',
      name: 'tiller-deploy',
    })
    .then((d) => (d?.status?.readyReplicas ?? 0) >= 1);
}

const tillerInit: Step = {
  id: 'helm.tiller',
  title: 'Tiller running (Helm 2)',
  async isDone(ctx) {
    if (helmMajor(ctx) !== 2) return notNeeded(ctx);
    return tillerReady(ctx);
  },
  async run(ctx) {
    await ctx.systems.helm.init({ serviceAccount: 'tiller', stableRepoUrl: helm2StableRepo.url });
    await waitFor(ctx, {
      what: 'the Tiller pod to be ready',
      timeoutMs: ctx.timing.rolloutMs,
      remedy: 'check `kubectl -n kube-system get po -l app=helm`, then resume',
      check: async () => ({ done: await tillerReady(ctx), message: 'waiting for tiller-deploy' }),
    });
  },
  runbook: () => [
    {
      kind: 'command',
      argv: [
        'helm',
        'init',
        '--service-account',
        'tiller',
        '--stable-repo-url',
        helm2StableRepo.url,
        '--wait',
      ],
      note: 'Helm 2 only; the old default stable repo answers 403',
    },
  ],
};

function wantedRepos(ctx: StepContext): { name: string; url: string }[] {
  const repos = [rancherRepo(ctx.config)];
  // Helm 2 installs the walkthrough's stable/nginx-ingress; Helm 3/4 the maintained ingress-nginx chart.
  repos.unshift(helmMajor(ctx) === 2 ? helm2StableRepo : ingressRepo);
  return repos;
}

const repos: Step = {
  id: 'helm.repos',
  title: 'Chart repositories',
  async isDone(ctx) {
    const present = await ctx.systems.helm.repoList();
    return wantedRepos(ctx).every((w) =>
      present.some((p) => p.name === w.name && p.url.replace(/\/+$/, '') === w.url),
    );
  },
  async run(ctx) {
    const wanted = wantedRepos(ctx);
    for (const repo of wanted) await ctx.systems.helm.repoAdd(repo.name, repo.url);
    await ctx.systems.helm.repoUpdate(wanted.map((r) => r.name));
    ctx.progress(`repositories ${wanted.map((r) => r.name).join(', ')} added and updated`);
  },
  runbook: (config) => [
    {
      kind: 'command',
      argv: ['helm', 'repo', 'add', ingressRepo.name, ingressRepo.url],
      note: 'Helm 3/4 (Helm 2: stable at https://charts.helm.sh/stable)',
    },
    {
      kind: 'command',
      argv: ['helm', 'repo', 'add', rancherRepo(config).name, rancherRepo(config).url],
    },
    { kind: 'command', argv: ['helm', 'repo', 'update'] },
  ],
};

export function helmStage(): Stage {
  return {
    id: 'helm',
    title: 'Helm',
    steps: [detect, tillerAccount, tillerRoleBinding, tillerInit, repos, chartVersions],
  };
}
