import type { CliResult } from '../context.js';
import { ok, type CommandSpec, type Invocation } from './command.js';
import { PksCliError, clusterNotFoundError } from './errors.js';
import { kubeconfigPath, mergeKubeconfig } from './kubeconfig.js';

function fail(stdout: string, error: PksCliError): CliResult {
  return { stdout, stderr: `Error: ${error.message}\n`, exitCode: 1 };
}

async function getCredentials(inv: Invocation): Promise<CliResult> {
  const name = inv.args[0] ?? '';
  const record = inv.state.cluster(name);
  if (!record) throw clusterNotFoundError(name);
  // The real CLI says what it fetches before it asks the API.
  const fetching = `\nFetching credentials for cluster ${name}.\n`;
  const runtime = record.runtime;
  if (record.lastAction === 'DELETE' || record.lastActionState !== 'succeeded' || !runtime) {
    const status = `${record.lastAction} ${record.lastActionState}`;
    return fail(fetching, new PksCliError(`cluster ${name} is not ready (last action: ${status})`));
  }
  mergeKubeconfig(kubeconfigPath(inv.ctx), {
    name,
    server: runtime.apiUrl,
    caPem: runtime.caPem,
    user: record.kubeconfigUser,
    token: runtime.token,
  });
  return ok(
    `${fetching}Context set for cluster ${name}.\n\n` +
      'You can now switch between clusters by using:\n' +
      '$kubectl config use-context <cluster-name>\n\n',
  );
}

export const getCredentialsCommand: CommandSpec = {
  name: 'get-credentials',
  summary: 'Allows you to connect to a cluster and use kubectl',
  usage: '<cluster-name> [flags]',
  args: 1,
  needsLogin: true,
  flags: [],
  examples: ['TOOL_CMD get-credentials my-cluster'],
  run: getCredentials,
};
