import type { KubeObject } from '../../systems/kube.js';

/**
 * The agent Rancher's import manifest runs on a downstream cluster, and the variable that pins
 * the CA: Deployment cattle-system/cattle-cluster-agent, container `cluster-register`, env
 * CATTLE_CA_CHECKSUM (rancher/rancher pkg/systemtemplate/template.go, v2.12.3). Older Rancher
 * also ran DaemonSet cattle-node-agent with the same variable; Rancher's docs ("Updating the
 * Rancher Certificate", step 4, method 2) edit both, so we do when it is there.
 */
export const agentNamespace = 'cattle-system';
export const checksumVariable = 'CATTLE_CA_CHECKSUM';
export const agentWorkloads = [
  { apiVersion: 'apps/v1', kind: 'Deployment', name: 'cattle-cluster-agent' },
  { apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'cattle-node-agent' },
] as const;

interface EnvVar {
  name: string;
  value?: string;
}
interface Container {
  name: string;
  env?: EnvVar[];
}

function containersOf(workload: KubeObject): Container[] {
  return (workload.spec?.template?.spec?.containers ?? []) as Container[];
}

/** The checksum the workload's agent pins (the first container that sets it). */
export function agentChecksum(workload: KubeObject): string | undefined {
  for (const c of containersOf(workload)) {
    const v = c.env?.find((e) => e.name === checksumVariable);
    if (v) return v.value ?? '';
  }
  return undefined;
}

/**
 * The workload with every container that pins a checksum pinning `checksum` instead (the
 * agent's restart follows from the template change), or undefined when it already does.
 */
export function withAgentChecksum(workload: KubeObject, checksum: string): KubeObject | undefined {
  const containers = containersOf(workload);
  if (!containers.some((c) => c.env?.some((e) => e.name === checksumVariable))) return undefined;
  if (agentChecksum(workload) === checksum) return undefined;
  const copy = structuredClone(workload);
  for (const c of containersOf(copy))
    for (const e of c.env ?? []) if (e.name === checksumVariable) e.value = checksum;
  return copy;
}
