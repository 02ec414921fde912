import type { PksConfig } from '../../config/config.js';
import { cliName, existingClusterProblems } from '../../engine/desired/pks-rules.js';
import { commandLine } from '../../invocation.js';
import type { KubeObject } from '../../systems/kube.js';
import { isFailedState, type PksCluster, type Plan } from '../../systems/pks.js';
import { fail, pass, warn, type CheckResult, type Read } from '../check.js';

/** The PKS cluster as PKS reports it, and its nodes as Kubernetes does. */

/** `pks.cluster`: there, its last action succeeded, and it has the masters and workers planned. */
export function checkClusterStatus(
  cluster: PksCluster | undefined,
  plans: Read<Plan[]>,
  pks: PksConfig,
): CheckResult {
  const id = 'pks.cluster';
  const cli = cliName(pks);
  if (!cluster)
    return fail(
      id,
      `PKS has no cluster ${pks.cluster}`,
      `check the name (\`${cli} clusters\`) and the PKS API the CLI is logged in to; to build it: \`${commandLine('install')}\``,
    );
  const problems = existingClusterProblems(cluster, pks);
  if (problems.length > 0)
    return fail(
      id,
      problems.map((p) => p.message).join('; '),
      problems.map((p) => p.remedy).join('; '),
    );
  const last = `${cluster.lastAction} ${cluster.state}`;
  if (isFailedState(cluster.state))
    return fail(
      id,
      `${pks.cluster}: ${last}: ${cluster.description}`,
      `read \`${cli} cluster ${pks.cluster} --details\` and the BOSH task it names (\`bosh task ID --debug\`); fix the cause and run the ${cluster.lastAction.toLowerCase()} again`,
    );
  if (cluster.state !== 'succeeded')
    return warn(
      id,
      `${pks.cluster}: ${last}: ${cluster.description}`,
      `PKS is changing the cluster: wait for it (\`${cli} cluster ${pks.cluster}\`) and check again`,
    );
  return counts(cluster, plans, pks, last);
}

/** Masters and workers against the plan (and `pks.workers`, when the answers ask for more). */
function counts(cluster: PksCluster, plans: Read<Plan[]>, pks: PksConfig, last: string) {
  const id = 'pks.cluster';
  const masters = cluster.masterIps.length;
  const workers = cluster.workerInstances;
  const have = `${masters} master${masters === 1 ? '' : 's'} (${cluster.masterIps.join(', ')}), ${workers ?? '?'} worker${workers === 1 ? '' : 's'}`;
  const plan = plans instanceof Error ? undefined : plans.find((p) => p.name === cluster.planName);
  const wantMasters = plan?.masterInstances;
  const wantWorkers = pks.workers ?? plan?.workerInstances;
  const short = [
    wantMasters !== undefined && masters < wantMasters ? `${wantMasters} masters` : '',
    wantWorkers !== undefined && workers !== undefined && workers < wantWorkers
      ? `${wantWorkers} workers`
      : '',
  ].filter(Boolean);
  if (short.length > 0)
    return fail(
      id,
      `${pks.cluster} has ${have}; plan ${cluster.planName}${pks.workers !== undefined ? ' and pks.workers' : ''} ask for ${short.join(' and ')}`,
      `bring the workers back: \`${cliName(pks)} update-cluster ${pks.cluster} --num-nodes ${wantWorkers ?? workers}\`; a missing master needs PKS support (\`bosh -d service-instance_${cluster.uuid} vms\` shows which)`,
    );
  const against = plan
    ? ` as plan ${plan.name} has it`
    : ` (plan ${cluster.planName}: ${plans instanceof Error ? `not readable: ${plans.message}` : 'not listed'})`;
  return pass(id, `${pks.cluster}: ${last}; ${have}${against}`);
}

interface NodeCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

function isControlPlane(node: KubeObject): boolean {
  const labels = node.metadata?.labels ?? {};
  return (
    'node-role.kubernetes.io/master' in labels || 'node-role.kubernetes.io/control-plane' in labels
  );
}

/** `k8s.nodes`: every node Ready, no worker cordoned. */
export function checkNodes(nodes: Read<KubeObject[]>): CheckResult {
  const id = 'k8s.nodes';
  if (nodes instanceof Error)
    return fail(id, `could not list the nodes: ${nodes.message}`, 'check kubectl access');
  const notReady = nodes.flatMap((node) => {
    const ready = ((node.status?.conditions ?? []) as NodeCondition[]).find(
      (c) => c.type === 'Ready',
    );
    if (ready?.status === 'True') return [];
    const why = ready
      ? `${ready.reason ?? ready.status}${ready.message ? `: ${ready.message}` : ''}`
      : 'no Ready condition';
    return [`${node.metadata?.name} (${why})`];
  });
  const workers = nodes.filter((n) => !isControlPlane(n));
  const cordoned = workers.filter((n) => n.spec?.unschedulable).map((n) => n.metadata?.name);
  const shape = `${nodes.length} nodes, ${workers.length} of them workers`;
  if (notReady.length > 0)
    return fail(
      id,
      `${notReady.length} of ${shape} not Ready: ${notReady.join('; ')}`,
      'read `kubectl describe node NAME` (the kubelet, disk or network); PKS replaces a failed VM when BOSH resurrection is on (`bosh -d service-instance_UUID cloud-check`)',
    );
  if (cordoned.length > 0)
    return warn(
      id,
      `${shape}, all Ready; cordoned (no new pods): ${cordoned.join(', ')}`,
      `when its maintenance is over: \`kubectl uncordon ${cordoned[0]}\``,
    );
  return pass(id, `${shape}, all Ready`);
}
