import { schedulableNodes, spreadFinding } from '../desired/ha-spread.js';
import { cliName } from '../desired/pks-rules.js';
import { capacityText, podNetwork } from '../desired/nsx-pod-network.js';
import type { Stage, Step, StepContext } from '../contract.js';
import { waitFor } from '../wait.js';
import { namespace } from '../desired/names.js';
import { rancherPodSelector } from '../desired/rancher-pods.js';
import {
  localClusterRef,
  localClusterState,
  serverUrlOf,
  settingRef,
} from '../desired/rancher-server.js';

async function localCluster(ctx: StepContext) {
  const cluster = await ctx.systems.kube().get(localClusterRef);
  return { cluster, ...localClusterState(cluster) };
}

/** The walkthrough's "edit and save": set the server URL if empty, and touch the cluster so Rancher re-queues it. */
async function nudge(ctx: StepContext): Promise<void> {
  const kube = ctx.systems.kube();
  const url = serverUrlOf(ctx.config);
  const setting = await kube.get(settingRef('server-url'));
  if (setting && !setting.value) {
    await kube.mergePatch({
      apiVersion: 'management.cattle.io/v3',
      kind: 'Setting',
      metadata: { name: 'server-url' },
      value: url,
    });
    ctx.progress(`server-url set to ${url}`);
  }
  await kube.mergePatch({
    apiVersion: 'management.cattle.io/v3',
    kind: 'Cluster',
    metadata: {
      name: 'local',
      annotations: { 'rancher-pks-tui/nudged-at': new Date().toISOString() },
    },
  });
  ctx.progress('local cluster nudged (the walkthrough\'s "edit and save")');
}

export const localClusterReady: Step = {
  id: 'finish.local-cluster',
  title: 'local cluster Active',
  async isDone(ctx) {
    return (await localCluster(ctx)).ready;
  },
  async run(ctx) {
    let nudges = 0;
    let waitingChecks = 0;
    await waitFor(ctx, {
      what: 'the local cluster to become Ready',
      timeoutMs: ctx.timing.localClusterMs,
      remedy: `open https://${ctx.config.rancher.hostname}, edit the local cluster and save it without changes; then resume`,
      check: async () => {
        const s = await localCluster(ctx);
        if (s.waiting && !s.ready && ++waitingChecks >= 3 && nudges < 3) {
          nudges++;
          waitingChecks = 0;
          await nudge(ctx);
        }
        const message = !s.cluster
          ? 'Rancher has not created the local cluster yet'
          : s.ready
            ? 'local cluster Ready'
            : (s.waiting?.message ?? 'local cluster provisioning');
        return { done: s.ready, message };
      },
    });
  },
  runbook: (config) => [
    { kind: 'command', argv: ['kubectl', 'get', 'clusters.management.cattle.io', 'local'] },
    {
      kind: 'manual',
      text: `if it stays Provisioning ("waiting for server-url setting to be set"): in https://${config.rancher.hostname} edit the local cluster and save it unchanged`,
    },
  ],
};

const haSpread: Step = {
  id: 'finish.ha-spread',
  title: 'HA spread',
  async run(ctx) {
    const kube = ctx.systems.kube();
    const { items } = await kube.list('v1', 'Pod', {
      namespace,
      labelSelector: rancherPodSelector,
    });
    const placements = items
      .filter((p) => !p.metadata?.deletionTimestamp)
      .map((p) => ({ pod: p.metadata?.name ?? '', node: p.spec?.nodeName ?? '?' }));
    ctx.facts.haSpread = placements;
    const workers = schedulableNodes((await kube.list('v1', 'Node')).items).length;
    const finding = spreadFinding(placements, ctx.config.rancher.replicas, workers);
    if (finding.ok) delete ctx.facts.haSpreadWarning;
    else ctx.facts.haSpreadWarning = finding.message;
    ctx.progress(finding.ok ? finding.message : `warning: ${finding.message}`);
  },
  runbook: () => [
    {
      kind: 'command',
      argv: ['kubectl', '-n', namespace, 'get', 'po', '-l', 'app=rancher', '-o', 'wide'],
      note: 'one pod per node',
    },
  ],
};

const drsRules: Step = {
  id: 'finish.drs',
  title: 'BOSH VMs for DRS anti-affinity rules',
  async run(ctx) {
    const uuid = ctx.facts.clusterUuid;
    const deployment = uuid ? `service-instance_${uuid}` : 'service-instance_<CLUSTER-UUID>';
    if (uuid && (await ctx.systems.bosh.available())) {
      const vms = await ctx.systems.bosh.vms(deployment);
      const masters = vms.filter((v) => v.instance.startsWith('master/')).map((v) => v.vmCid);
      const workers = vms.filter((v) => v.instance.startsWith('worker/')).map((v) => v.vmCid);
      ctx.facts.drsMasters = masters;
      ctx.facts.drsWorkers = workers;
      ctx.progress(
        `DRS anti-affinity: masters ${masters.join(', ')}; workers ${workers.join(', ')}`,
      );
    } else {
      ctx.facts.drsCommand = `bosh -d ${deployment} vms`;
      ctx.progress(
        `bosh is not on PATH: run \`bosh -d ${deployment} vms\` and make one DRS anti-affinity rule for the masters and one for the workers`,
      );
    }
  },
  runbook: () => [
    { kind: 'command', argv: ['bosh', '-d', 'service-instance_<CLUSTER-UUID>', 'vms'] },
    {
      kind: 'manual',
      text: 'create a vSphere DRS anti-affinity rule for the master VMs and another for the worker VMs',
    },
  ],
};

export const nsxNamespaceWarning =
  "NSX-T: every namespace takes a subnet of the pod IP block (/24 unless the network profile's pod_subnet_prefix says), a SNAT IP and (with dedicated T1) a router. Rancher makes a namespace per project and per user: size the pod IP blocks for it.";

const nsxWarning: Step = {
  id: 'finish.nsx-namespaces',
  title: 'NSX-T namespace capacity',
  async run(ctx) {
    const { items } = await ctx.systems.kube().list('v1', 'Namespace');
    const profile = await ctx.systems.pks.networkProfile(ctx.config.pks.networkProfile);
    const capacity = capacityText(items.length, podNetwork(profile, undefined));
    ctx.facts.namespaces = items.length;
    ctx.facts.nsxCapacity = capacity;
    ctx.progress(`${capacity}. ${nsxNamespaceWarning}`);
  },
  runbook: (config) => [
    {
      kind: 'command',
      argv: [cliName(config.pks), 'network-profile', config.pks.networkProfile, '--json'],
      note: 'pod_subnet_prefix and pod_ip_block_ids, if set',
    },
    {
      kind: 'command',
      argv: ['kubectl', 'get', 'namespaces', '--no-headers'],
      note: 'each takes one pod subnet',
    },
    { kind: 'check', text: nsxNamespaceWarning },
  ],
};

export function finishStage(): Stage {
  return {
    id: 'finish',
    title: 'Finish',
    steps: [localClusterReady, haSpread, drsRules, nsxWarning],
  };
}
