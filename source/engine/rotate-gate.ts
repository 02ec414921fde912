import { commandLine } from '../invocation.js';
import type { Kube } from '../systems/kube.js';
import type { RancherCluster } from '../systems/rancher-api-types.js';
import { sameCaBundle } from './desired/ca-bundle.js';
import {
  clusterFromObject,
  clusterNames,
  downstreamPlan,
  type DownstreamPlan,
  type ImportedCluster,
} from './desired/downstream-clusters.js';
import { caSecretKey, caSecretName, namespace } from './desired/names.js';
import { settingRef } from './desired/rancher-server.js';

/**
 * What a rotation decides before anything changes, read from the local cluster: is the CA
 * changing, and whose agents would that cut off. The `rotate-certs` command asks it before it
 * creates a session (a refusal leaves nothing behind); the plan's first stage asks it again.
 */
export type ClusterReader = Pick<Kube, 'get' | 'list'>;

/**
 * What Rancher trusts now: the bundle its pods loaded at start (the `cacerts` setting), else
 * the tls-ca secret. Judged against the setting, a rotation killed after writing tls-ca but
 * before the restart still restarts Rancher when run again.
 */
export async function currentCa(
  kube: ClusterReader,
): Promise<{ pem: string; from: string } | undefined> {
  const setting = await kube.get(settingRef('cacerts'));
  if (typeof setting?.value === 'string' && setting.value.trim())
    return { pem: setting.value, from: "the CA bundle Rancher's pods loaded (cacerts setting)" };
  const secret = await kube.get({
    apiVersion: 'v1',
    kind: 'Secret',
    namespace,
    name: caSecretName,
  });
  const encoded = (secret?.data as Record<string, string> | undefined)?.[caSecretKey];
  if (encoded)
    return { pem: Buffer.from(encoded, 'base64').toString('utf8'), from: `secret ${caSecretName}` };
  return undefined;
}

export interface CaDecision {
  caChanges: boolean;
  /** What the new bundle was compared with; absent when Rancher trusts no private CA yet. */
  from?: string;
}

export async function caDecision(kube: ClusterReader, newBundle: string): Promise<CaDecision> {
  const current = await currentCa(kube);
  if (!current) return { caChanges: true };
  return { caChanges: !sameCaBundle(current.pem, newBundle), from: current.from };
}

export function caLine(d: CaDecision): string {
  const what = d.caChanges
    ? 'the CA changes: Rancher restarts and every downstream agent must trust the new one'
    : 'the CA stays: only the server certificate changes (no Rancher restart)';
  return `${what}${d.from ? ` (compared with ${d.from})` : ' (Rancher trusts no private CA yet)'}`;
}

/** The clusters Rancher has registered: `clusters.management.cattle.io`, what its v3 API serves. */
export async function registeredClusters(kube: ClusterReader): Promise<RancherCluster[]> {
  const { items } = await kube.list('management.cattle.io/v3', 'Cluster');
  return items.map(clusterFromObject);
}

export function lostLine(lost: readonly RancherCluster[]): string {
  const n = lost.length;
  return `${n} registered cluster${n === 1 ? '' : 's'} will lose ${n === 1 ? 'its' : 'their'} connection (not imported by this tool, or not reachable from here): ${clusterNames(lost)}`;
}

/** Why a CA change is refused without --force, and what to do: one message, one remedy. */
export function refusal(lost: readonly RancherCluster[]): { message: string; remedy: string } {
  return {
    message: `the CA changes and ${lostLine(lost)}; nothing was changed`,
    remedy: `keep the CA (a new server certificate from the same CA), or run again with --force and update those agents by hand: \`${commandLine('plan', '--rotate-certs')}\` prints how`,
  };
}

export interface RotateGate extends CaDecision {
  downstream: DownstreamPlan;
}

export async function rotateGate(
  kube: ClusterReader,
  newBundle: string,
  imported: readonly ImportedCluster[],
): Promise<RotateGate> {
  const decision = await caDecision(kube, newBundle);
  const downstream = decision.caChanges
    ? downstreamPlan(await registeredClusters(kube), imported)
    : { told: [], lost: [] };
  return { ...decision, downstream };
}
