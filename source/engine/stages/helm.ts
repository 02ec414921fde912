import { helm2Refused } from '../../systems/helm.js';
import type { Stage, Step, StepContext } from '../contract.js';
import { chartVersions } from './chart-versions.js';
import { ingressControllerOf, rancherRepo } from '../desired/charts.js';

/** Why the walkthrough's Tiller steps (service account, binding, `helm init`) are gone. */
export const tillerStepsGone =
  "Helm 3 or 4: the walkthrough's Tiller steps (service account, cluster-admin binding, helm init) belong to Helm 2, which cannot install today's charts (Rancher's chart is apiVersion v2 since 2.7.2); Helm 2 is refused";

export const detect: Step = {
  id: 'helm.version',
  title: 'Detect Helm',
  async run(ctx) {
    const { major, version } = await ctx.systems.helm.version();
    if (major === 2) throw helm2Refused(version);
    ctx.facts.helmMajor = major;
    ctx.progress(`Helm ${major} (${version || `v${major}`})`);
  },
  runbook: () => [{ kind: 'command', argv: ['helm', 'version', '--short'], note: tillerStepsGone }],
};

function wantedRepos(ctx: StepContext): { name: string; url: string }[] {
  return [ingressControllerOf(ctx.config).repo, rancherRepo(ctx.config)];
}

export const repos: Step = {
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
      argv: [
        'helm',
        'repo',
        'add',
        ingressControllerOf(config).repo.name,
        ingressControllerOf(config).repo.url,
      ],
    },
    {
      kind: 'command',
      argv: ['helm', 'repo', 'add', rancherRepo(config).name, rancherRepo(config).url],
    },
    { kind: 'command', argv: ['helm', 'repo', 'update'] },
  ],
};

export function helmStage(): Stage {
  return { id: 'helm', title: 'Helm', steps: [detect, repos, chartVersions] };
}
