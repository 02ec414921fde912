import type { LabContext } from '../context.js';
import { createCa, keyPairFor } from '../pki.js';
import { startEdgeCluster, type EdgeRuntime } from './edge-cluster.js';
import { writeEdgeInventory, writeEdgeKubeconfig } from './edge-files.js';
import { planEdges, type EdgeOptions } from './edge-plan.js';

/** How many edge clusters start at once: key generation and listeners, bounded. */
const startBatch = 50;

/** Every edge cluster of the lab, their kubeconfigs and inventory, and fault `edgeUnreachable`. */
export class EdgeFleet {
  private unsubscribe: () => void = () => {};
  private readonly unreachable = new Set<string>();

  private constructor(
    readonly clusters: ReadonlyMap<string, EdgeRuntime>,
    readonly inventoryPath: string,
  ) {}

  static async start(
    lab: LabContext,
    options: EdgeOptions,
    edgeIp: (index: number) => string,
  ): Promise<EdgeFleet> {
    const sites = planEdges(options, lab.options.kubeVersion);
    // One CA for every edge API server; EC keys, so hundreds are quick to issue.
    const ca = await createCa({ commonName: 'lab-edge-ca' });
    // One serving key for all of them (each has its own certificate): a lab shortcut for speed.
    const servingKeys = await keyPairFor({});
    const clusters = new Map<string, EdgeRuntime>();
    const fleet = new EdgeFleet(clusters, writeEdgeInventory(lab.dir, sites));
    try {
      for (let i = 0; i < sites.length; i += startBatch) {
        const batch = sites.slice(i, i + startBatch);
        const started = await Promise.all(
          batch.map((s) => startEdgeCluster(lab, s, edgeIp(s.index), ca, servingKeys)),
        );
        for (const edge of started) clusters.set(edge.site.name, edge);
        await Promise.all(
          started.map((edge) =>
            writeEdgeKubeconfig(lab.dir, {
              name: edge.site.name,
              server: edge.apiUrl,
              caPem: ca.certPem,
              token: edge.token,
            }),
          ),
        );
      }
    } catch (e) {
      await fleet.stop();
      throw e;
    }
    fleet.unsubscribe = lab.faults.onChange(() => void fleet.applyFaults(lab));
    await fleet.applyFaults(lab);
    return fleet;
  }

  private async applyFaults(lab: LabContext): Promise<void> {
    const wanted = new Set(lab.faults.current.edgeUnreachable ?? []);
    for (const [name, edge] of this.clusters) {
      const down = wanted.has(name);
      if (down === this.unreachable.has(name)) continue;
      if (down) this.unreachable.add(name);
      else this.unreachable.delete(name);
      await edge.setReachable(!down);
      lab.log(
        `edge ${name}: API server ${down ? 'unreachable (fault edgeUnreachable)' : 'reachable again'}`,
      );
    }
  }

  async stop(): Promise<void> {
    this.unsubscribe();
    await Promise.all([...this.clusters.values()].map((c) => c.stop()));
  }
}
