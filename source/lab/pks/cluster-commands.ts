import { randomUUID } from 'node:crypto';
import type { CliResult } from '../context.js';
import { clusterJson, type ClusterRecord } from './cluster-record.js';
import { JSON_FLAG, jsonOut, ok, type CommandSpec, type Invocation } from './command.js';
import { NON_INTERACTIVE_FLAG, confirm } from './confirm.js';
import { PksCliError, apiError, clusterNotFoundError, operationInProgressError } from './errors.js';
import { clusterDetails, clusterTable } from './output.js';
import type { Plan } from './plans.js';
import { deprovisionCluster, provisionCluster } from './provisioning.js';

const WAIT_FLAG = {
  long: 'wait',
  kind: 'bool',
  usage: 'Wait for the operation to finish',
} as const;

function versions(inv: Invocation): { pks: string; k8s: string } {
  return { pks: inv.state.version, k8s: inv.lab.options.kubeVersion.replace(/^v/, '') };
}

function findCluster(inv: Invocation, name: string): ClusterRecord {
  const record = inv.state.cluster(name);
  if (!record) throw clusterNotFoundError(name);
  return record;
}

function monitorHint(inv: Invocation, name: string): string {
  return `Use '${inv.tool} cluster ${name}' to monitor the state of your cluster\n`;
}

function showCluster(inv: Invocation, record: ClusterRecord): string {
  return inv.flags.bool('json')
    ? jsonOut(clusterJson(record, versions(inv)))
    : `\n${clusterDetails(record)}\n\n`;
}

export const clustersCommand: CommandSpec = {
  name: 'clusters',
  summary: 'Show all clusters created with TOOL',
  usage: '[flags]',
  args: 0,
  needsLogin: true,
  flags: [JSON_FLAG],
  run: async (inv) => {
    const records = inv.state.clusterList();
    if (inv.flags.bool('json')) {
      return ok(jsonOut(records.map((r) => clusterJson(r, versions(inv)))));
    }
    return ok(`\n${clusterTable(records)}\n\n`);
  },
};

export const clusterCommand: CommandSpec = {
  name: 'cluster',
  summary: 'View the details of the cluster',
  usage: '<cluster-name> [flags]',
  args: 1,
  needsLogin: true,
  flags: [JSON_FLAG],
  examples: ['TOOL_CMD cluster my-cluster --json'],
  run: async (inv) => ok(showCluster(inv, findCluster(inv, inv.args[0] ?? ''))),
};

const CLUSTER_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const HOST_LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

function isHostname(host: string): boolean {
  if (IPV4.test(host)) return true;
  if (host.length > 253 || /^[\d.]+$/.test(host)) return false;
  return host.split('.').every((label) => HOST_LABEL.test(label));
}

interface CreateRequest {
  name: string;
  externalHostname: string;
  plan: Plan;
  networkProfileName?: string;
  workers: number;
}

function requireCreateFlags(inv: Invocation): void {
  const missing = ['external-hostname', 'plan'].filter((n) => !inv.flags.string(n));
  if (missing.length > 0) {
    throw new PksCliError(
      `required flag(s) ${missing.map((n) => `"${n}"`).join(', ')} not set`,
      true,
    );
  }
}

/** The checks the CLI and the PKS API make before accepting a create. */
function validateCreate(inv: Invocation): CreateRequest {
  requireCreateFlags(inv);
  const name = inv.args[0] ?? '';
  const externalHostname = inv.flags.string('external-hostname') ?? '';
  const planName = inv.flags.string('plan') ?? '';
  const profileName = inv.flags.string('network-profile');
  if (!CLUSTER_NAME.test(name)) {
    throw new PksCliError(
      `Invalid cluster name "${name}": names must start with a letter and contain only letters, numbers, hyphens and underscores`,
    );
  }
  if (!isHostname(externalHostname)) {
    throw new PksCliError(
      `Invalid external hostname "${externalHostname}": must be a valid hostname or IPv4 address`,
    );
  }
  const plan = inv.state.plan(planName);
  if (!plan) throw apiError(400, `plan ${planName} not found`);
  if (profileName !== undefined && !inv.state.networkProfile(profileName)) {
    throw apiError(400, `network profile ${profileName} not found`);
  }
  if (inv.state.cluster(name)) throw apiError(409, `cluster name ${name} already taken`);
  const workers = inv.flags.int('num-nodes') ?? plan.workerInstances;
  if (workers < 1 || workers > plan.maxWorkerInstances) {
    throw apiError(
      400,
      `Invalid number of worker nodes: ${workers}. Plan ${plan.name} allows between 1 and ${plan.maxWorkerInstances}`,
    );
  }
  return {
    name,
    externalHostname,
    plan,
    workers,
    ...(profileName ? { networkProfileName: profileName } : {}),
  };
}

function newRecord(req: CreateRequest): ClusterRecord {
  return {
    name: req.name,
    uuid: randomUUID(),
    planName: req.plan.name,
    externalHostname: req.externalHostname,
    masterInstances: req.plan.masterInstances,
    workerInstances: req.workers,
    ...(req.networkProfileName ? { networkProfileName: req.networkProfileName } : {}),
    lastAction: 'CREATE',
    lastActionState: 'in progress',
    lastActionDescription: 'Creating cluster',
    masterIps: ['In Progress'],
    kubeconfigUser: randomUUID(),
  };
}

/** `--wait`: blocks until the operation ends; a failed one exits 1 like the real CLI. */
async function waitForOperation(
  inv: Invocation,
  record: ClusterRecord,
  shown: string,
): Promise<CliResult> {
  await record.operation;
  const final = showCluster(inv, record);
  const stdout = inv.flags.bool('json') ? final : shown + final;
  if (record.lastActionState === 'failed') {
    return {
      stdout,
      stderr: `Error: Cluster ${record.name} failed: ${record.lastActionDescription}\n`,
      exitCode: 1,
    };
  }
  return ok(stdout);
}

async function createCluster(inv: Invocation): Promise<CliResult> {
  const record = newRecord(validateCreate(inv));
  inv.state.addCluster(record);
  record.operation = provisionCluster(inv.lab, record);
  inv.state.track(record.operation);
  inv.lab.log(`pks: creating cluster ${record.name} (plan ${record.planName})`);
  const shown = inv.flags.bool('json')
    ? jsonOut(clusterJson(record, versions(inv)))
    : `\n${clusterDetails(record)}\n\n${monitorHint(inv, record.name)}`;
  if (inv.flags.bool('wait')) return waitForOperation(inv, record, shown);
  return ok(shown);
}

export const createClusterCommand: CommandSpec = {
  name: 'create-cluster',
  summary: 'Creates a kubernetes cluster, requires cluster name, an external host name, and plan',
  usage: '<cluster-name> [flags]',
  args: 1,
  needsLogin: true,
  flags: [
    {
      long: 'external-hostname',
      short: 'e',
      kind: 'string',
      usage: 'Address from which to access Kubernetes API',
    },
    {
      long: 'plan',
      short: 'p',
      kind: 'string',
      usage: "Preconfigured plans. Run 'TOOL_CMD plans' for more details",
    },
    { long: 'num-nodes', short: 'n', kind: 'int', usage: 'Number of worker nodes' },
    { long: 'network-profile', kind: 'string', usage: 'Optional, network profile name' },
    JSON_FLAG,
    NON_INTERACTIVE_FLAG,
    WAIT_FLAG,
  ],
  examples: [
    'TOOL_CMD create-cluster my-cluster --external-hostname example.hostname --plan production',
  ],
  run: createCluster,
};

async function deleteCluster(inv: Invocation): Promise<CliResult> {
  const name = inv.args[0] ?? '';
  const record = findCluster(inv, name);
  if (record.lastActionState === 'in progress') throw operationInProgressError();
  const answer = confirm(inv, `Are you sure you want to delete cluster ${name}?`);
  if (!answer.confirmed) return ok(answer.prompt + '\n');
  record.lastAction = 'DELETE';
  record.lastActionState = 'in progress';
  record.lastActionDescription = 'Instance deletion in progress';
  record.operation = deprovisionCluster(inv.lab, inv.state, record);
  inv.state.track(record.operation);
  inv.lab.log(`pks: deleting cluster ${name}`);
  if (inv.flags.bool('wait')) await record.operation;
  return ok(`${answer.prompt}\n${monitorHint(inv, name)}`);
}

export const deleteClusterCommand: CommandSpec = {
  name: 'delete-cluster',
  summary: 'Deletes a kubernetes cluster, requires cluster name',
  usage: '<cluster-name> [flags]',
  args: 1,
  needsLogin: true,
  flags: [NON_INTERACTIVE_FLAG, WAIT_FLAG],
  examples: ['TOOL_CMD delete-cluster my-cluster --non-interactive --wait'],
  run: deleteCluster,
};
