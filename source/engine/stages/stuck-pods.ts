import type { KubeObject } from '../../systems/kube.js';
import type { StepContext } from '../contract.js';
import { namespace } from '../desired/names.js';
import { livePods } from '../desired/rancher-pods.js';

/** Waiting reasons that do not pass by themselves (the kubelet only retries them). */
export const stuckReasons = /BackOff|ErrImage|ContainerCreating/;

/**
 * The newest warning about a pod that cannot start, as the pods tell it
 * (`pod x: ImagePullBackOff — Failed to pull image …`): the reason a failed hop names.
 */
export async function stuckPodReason(
  ctx: StepContext,
  labelSelector: string,
): Promise<string | undefined> {
  const kube = ctx.systems.kube();
  const { items } = await kube.list('v1', 'Pod', { namespace, labelSelector });
  // A pod that cannot start says why; one merely Pending (no room beside the old pods while
  // they roll) does not, and must not hide it: list order is no guide.
  const notReady = livePods(items).filter((p) => !p.ready && p.reason);
  const stuck = notReady.find((p) => stuckReasons.test(p.reason!)) ?? notReady[0];
  if (!stuck) return undefined;
  const { items: events } = await kube.list('v1', 'Event', { namespace });
  const warning = (events as KubeObject[])
    .filter(
      (e) =>
        (e.involvedObject as { name?: string } | undefined)?.name === stuck.name &&
        e.type === 'Warning',
    )
    .filter((e) => !/^Error: /.test(String(e.message ?? '')))
    .at(-1);
  return `pod ${stuck.name}: ${stuck.reason}${warning?.message ? ` — ${String(warning.message)}` : ''}`;
}
