import { agentObjects, describeObject } from '../engine/fleet/agent-objects.js';
import { isOurs } from '../engine/fleet/fleet-label.js';
import type { FleetSystems } from '../engine/fleet/fleet-systems.js';
import { ExitCode } from '../exit-codes.js';

/**
 * `import --remove NAME…`: each cluster leaves Rancher (`DELETE /v3/clusters/<id>`, only one
 * this tool imported), then, when the inventory reaches it, the agent's objects leave the
 * cluster (Rancher removes its agent itself only when it still reaches it). One line per
 * cluster and per object; exit 1 when any name could not be removed.
 */
export async function removeClusters(
  names: readonly string[],
  fleet: FleetSystems,
  write: (line: string) => void,
): Promise<number> {
  let failed = 0;
  for (const name of names) {
    try {
      const cluster = await fleet.rancher.clusterNamed(name);
      if (!cluster) write(`${name}: not in Rancher`);
      else if (!isOurs(cluster)) {
        failed += 1;
        write(
          `${name}: left alone: ${cluster.id} was not imported by this tool (remove it in Rancher's UI)`,
        );
        continue;
      } else {
        await fleet.rancher.deleteCluster(cluster.id);
        write(`${name}: removed from Rancher (${cluster.id})`);
      }
      const row = fleet.inventory.rows.find((r) => r.name === name);
      if (!row || row.access.kind === 'offline') {
        write(
          `${name}: the agent stays on the cluster (not reachable from here): at the site, delete ${agentObjects.map(describeObject).join(', ')}`,
        );
        continue;
      }
      const kube = await fleet.downstream(row);
      for (const ref of agentObjects)
        write(
          `${name}: ${describeObject(ref)} ${(await kube.delete(ref)) ? 'deleted' : 'not there'}`,
        );
    } catch (e) {
      failed += 1;
      write(`${name}: FAILED: ${(e as Error).message}`);
    }
  }
  return failed ? ExitCode.failed : ExitCode.ok;
}
