import type { LabContext } from '../context.js';
import type { ContainerProgram } from '../controllers/container-program.js';
import type { PodLogs } from '../kube/pod-logs.js';
import type { Store } from '../kube/store.js';
import { AgentSimulation } from './agent.js';
import { labSite } from './lab-site.js';
import { curlProgram } from './reach-program.js';

/** What runs in a cluster that Rancher may import: the reachability Job's curl and the cattle-cluster-agent. */
export interface DownstreamSimulation {
  programs: ContainerProgram[];
  stop(): void;
}

export function startDownstream(
  lab: LabContext,
  cluster: string,
  store: Store,
  logs: PodLogs,
  kubeVersion: string,
): DownstreamSimulation {
  const site = labSite(lab, cluster);
  const agent = new AgentSimulation({
    cluster,
    store,
    logs,
    site,
    kubeVersion,
    rancherFor: (host) => lab.rancherFor(host),
    scaled: (ms) => lab.clock.scaled(ms),
  });
  const off = store.subscribe((e) => agent.onEvent(e));
  return {
    programs: [agent.program, curlProgram(store, site)],
    stop() {
      off();
      agent.stop();
    },
  };
}
