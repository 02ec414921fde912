import { randomUUID } from 'node:crypto';
import type { LabContext } from '../context.js';
import type { ClusterRecord } from './cluster-record.js';
import type { PksState } from './state.js';

/** Simulated durations (ms at timescale 1): about 20 s for a create, as a demo can watch. */
export const CREATE_ACCEPT_MS = 3_000;
export const CREATE_VMS_MS = 14_000;
export const CREATE_ADDONS_MS = 3_000;
export const DELETE_MS = 8_000;

let nextTaskId = 1000;

/** The on-demand broker's failure text (service p.pks; ids to quote to the operations team). */
function provisioningFailure(record: ClusterRecord, operation: string, reason: string): string {
  nextTaskId += 1;
  return (
    'Instance provisioning failed: There was a problem completing your request. ' +
    'Please contact your operations team providing the following information: ' +
    `service: p.pks, service-instance-guid: ${record.uuid}, broker-request-id: ${randomUUID()}, ` +
    `task-id: ${nextTaskId}, operation: ${operation}, error-message: ${reason}`
  );
}

function markFailed(record: ClusterRecord, reason: string): void {
  record.lastActionState = 'failed';
  record.lastActionDescription = provisioningFailure(record, 'create', reason);
  record.masterIps = [];
}

/** Brings the simulated cluster up and publishes it like the pks-dns add-on does. */
async function bringUp(lab: LabContext, record: ClusterRecord): Promise<void> {
  const runtime = await lab.startCluster({
    name: record.name,
    uuid: record.uuid,
    externalHostname: record.externalHostname,
    masters: record.masterInstances,
    workers: record.workerInstances,
  });
  record.runtime = runtime;
  await lab.clock.sleep(CREATE_ADDONS_MS);
  record.masterIps = [...runtime.masterIps];
  const first = runtime.masterIps[0];
  if (first) lab.dns.set(record.externalHostname, [first]);
  record.lastActionState = 'succeeded';
  record.lastActionDescription = 'Instance provisioning completed';
}

/**
 * The CREATE lifecycle: `Creating cluster` → `Instance provisioning in progress` →
 * succeeded (or failed under the `pksCreateFails` fault, read when the VMs would boot).
 * Never rejects: failures land on the record.
 */
export async function provisionCluster(lab: LabContext, record: ClusterRecord): Promise<void> {
  try {
    await lab.clock.sleep(CREATE_ACCEPT_MS);
    record.lastActionDescription = 'Instance provisioning in progress';
    await lab.clock.sleep(CREATE_VMS_MS);
    if (lab.faults.current.pksCreateFails) {
      markFailed(record, "Failed to start job 'master/0': Timed out pinging VM after 600 seconds");
      lab.log(`pks: cluster ${record.name} failed (fault pksCreateFails)`);
      return;
    }
    await bringUp(lab, record);
    lab.log(`pks: cluster ${record.name} ready at ${record.masterIps.join(', ')}`);
  } catch (e) {
    markFailed(record, (e as Error).message);
    lab.log(`pks: cluster ${record.name} failed: ${(e as Error).message}`);
  }
}

/** The DELETE lifecycle: the cluster, its DNS record and then the PKS record go away. */
export async function deprovisionCluster(
  lab: LabContext,
  state: PksState,
  record: ClusterRecord,
): Promise<void> {
  try {
    await lab.clock.sleep(DELETE_MS);
    await record.runtime?.stop();
  } catch (e) {
    lab.log(`pks: stopping cluster ${record.name}: ${(e as Error).message}`);
  } finally {
    if (record.runtime) lab.dns.delete(record.externalHostname);
    state.removeCluster(record.name);
    lab.log(`pks: cluster ${record.name} deleted`);
  }
}
