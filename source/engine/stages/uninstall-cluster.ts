import { cliName } from '../desired/pks-rules.js';
import { PermanentError } from '../../systems/errors.js';
import type { Stage, Step, StepContext } from '../contract.js';
import { waitFor } from '../wait.js';
import { pksClusterPanel } from './cluster.js';
import { forgetClusterPresence, ours, uninstallOptions } from './uninstall-scope.js';

/**
 * With --delete-cluster: the PKS cluster (watched until `pks cluster` says not found, as
 * TKGI's "Verify Cluster Deletion" describes), then the network profile when we made it and
 * no other cluster uses it ("The profile cannot be deleted if it is in use", TKGI CLI).
 */

const notAsked = 'kept (add --delete-cluster to delete it)';
const failedStates = new Set(['failed', 'error']);

function clusterGoes(ctx: StepContext): true | string {
  if (!uninstallOptions(ctx).deleteCluster) return notAsked;
  return ours(ctx, 'createdCluster', `cluster ${ctx.config.pks.cluster}`);
}

async function watchDeletion(ctx: StepContext): Promise<void> {
  const { cluster: name } = ctx.config.pks;
  const tool = cliName(ctx.config.pks);
  await waitFor(ctx, {
    what: `${name} to be deleted`,
    timeoutMs: ctx.timing.clusterCreateMs,
    remedy: `check \`${tool} cluster ${name}\` and BOSH (\`bosh task\`); resume when it is gone`,
    check: async () => {
      const c = await ctx.systems.pks.cluster(name);
      if (!c) return { done: true, message: `${tool} cluster ${name}: not found (deleted)` };
      ctx.panel(pksClusterPanel(name, c));
      if (c.lastAction === 'DELETE' && failedStates.has(c.state))
        throw new PermanentError(
          `pks: DELETE of ${name} ${c.state}: ${c.description}`,
          `read \`${tool} cluster ${name}\` and the BOSH task; fix it, then resume (the deletion starts again)`,
        );
      return { done: false, message: `${c.lastAction} ${c.state}: ${c.description}` };
    },
  });
}

const deleteCluster: Step = {
  id: 'uninstall.delete-cluster',
  title: 'Delete the PKS cluster',
  async isDone(ctx) {
    const goes = clusterGoes(ctx);
    if (goes !== true) return goes;
    return (await ctx.systems.pks.cluster(ctx.config.pks.cluster)) === undefined;
  },
  async run(ctx) {
    const { cluster: name } = ctx.config.pks;
    const current = await ctx.systems.pks.cluster(name);
    // A deletion already running (a resume after a kill) is watched, not started again.
    if (current && !(current.lastAction === 'DELETE' && current.state === 'in progress')) {
      ctx.progress(`${cliName(ctx.config.pks)} delete-cluster ${name} --non-interactive`);
      await ctx.systems.pks.deleteCluster(name);
    }
    forgetClusterPresence(ctx);
    await watchDeletion(ctx);
  },
  runbook: (config) => [
    {
      kind: 'command',
      argv: [cliName(config.pks), 'delete-cluster', config.pks.cluster, '--non-interactive'],
      note: 'with --delete-cluster, and only when the install created the cluster (or with --all)',
    },
    {
      kind: 'command',
      argv: [cliName(config.pks), 'cluster', config.pks.cluster],
      note: 'repeat until it answers "not found" (Last Action DELETE, "in progress" meanwhile)',
    },
  ],
};

async function profileUsers(ctx: StepContext): Promise<string[]> {
  const profile = ctx.config.pks.networkProfile;
  const clusters = await ctx.systems.pks.clusters();
  return clusters.filter((c) => c.networkProfile === profile).map((c) => c.name);
}

const networkProfile: Step = {
  id: 'uninstall.network-profile',
  title: 'Delete the network profile',
  async isDone(ctx) {
    const profile = ctx.config.pks.networkProfile;
    if (!uninstallOptions(ctx).deleteCluster) return notAsked;
    const goes = ours(ctx, 'createdNetworkProfile', `network profile ${profile}`);
    if (goes !== true) return goes;
    if (!(await ctx.systems.pks.networkProfile(profile))) return true;
    const users = await profileUsers(ctx);
    if (users.length)
      return `kept: cluster${users.length > 1 ? 's' : ''} ${users.join(', ')} use${users.length > 1 ? '' : 's'} it`;
    return false;
  },
  async run(ctx) {
    const profile = ctx.config.pks.networkProfile;
    await ctx.systems.pks.deleteNetworkProfile(profile);
    ctx.progress(`network profile ${profile} deleted`);
  },
  runbook: (config) => [
    {
      kind: 'command',
      argv: [
        cliName(config.pks),
        'delete-network-profile',
        config.pks.networkProfile,
        '--non-interactive',
      ],
      note: 'when the install created it and no other cluster uses it',
    },
  ],
};

export function removeClusterStage(): Stage {
  return {
    id: 'remove-cluster',
    title: 'Remove the PKS cluster',
    steps: [deleteCluster, networkProfile],
  };
}
