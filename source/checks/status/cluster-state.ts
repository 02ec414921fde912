import { selectorText, type IngressController } from '../../engine/desired/ingress-controller.js';
import { caSecretName, namespace } from '../../engine/desired/names.js';
import { rancherPodSelector } from '../../engine/desired/rancher-pods.js';
import { localClusterRef, settingRef } from '../../engine/desired/rancher-server.js';
import type { Kube, KubeObject } from '../../systems/kube.js';
import { settle, type Read } from '../check.js';

/**
 * Everything `status` reads from the cluster's API, read once and at once (GETs and LISTs
 * only), so the checks judge one moment and a slow API costs one round trip, not twenty.
 */
export interface ClusterState {
  nodes: Read<KubeObject[]>;
  namespaces: Read<KubeObject[]>;
  /** Every Service in the cluster: the LoadBalancer ones are NSX-T virtual servers. */
  services: Read<KubeObject[]>;
  rancher: {
    deployment: Read<KubeObject | undefined>;
    pods: Read<KubeObject[]>;
    /** cattle-system's events: a pod that cannot mount its secret says so there. */
    events: Read<KubeObject[]>;
  };
  controller: {
    daemonSet: Read<KubeObject | undefined>;
    pods: Read<KubeObject[]>;
    service: Read<KubeObject | undefined>;
    endpoints: Read<KubeObject | undefined>;
  };
  serverUrl: Read<KubeObject | undefined>;
  /** `true` until someone first logs in to Rancher (who is then asked for the server URL). */
  firstLogin: Read<KubeObject | undefined>;
  cacerts: Read<KubeObject | undefined>;
  localCluster: Read<KubeObject | undefined>;
  caSecret: Read<KubeObject | undefined>;
}

const items = async (read: Promise<{ items: KubeObject[] }>) => (await read).items;

export async function readClusterState(
  kube: Kube,
  controller: IngressController,
): Promise<ClusterState> {
  const inNamespace = (apiVersion: string, kind: string, name: string) =>
    settle(() => kube.get({ apiVersion, kind, namespace, name }));
  const [
    nodes,
    namespaces,
    services,
    deployment,
    pods,
    events,
    daemonSet,
    controllerPods,
    service,
    endpoints,
    serverUrl,
    firstLogin,
    cacerts,
    localCluster,
    caSecret,
  ] = await Promise.all([
    settle(() => items(kube.list('v1', 'Node'))),
    settle(() => items(kube.list('v1', 'Namespace'))),
    settle(() => items(kube.list('v1', 'Service'))),
    inNamespace('apps/v1', 'Deployment', 'rancher'),
    settle(() => items(kube.list('v1', 'Pod', { namespace, labelSelector: rancherPodSelector }))),
    settle(() => items(kube.list('v1', 'Event', { namespace }))),
    inNamespace('apps/v1', 'DaemonSet', controller.daemonSet),
    settle(() =>
      items(kube.list('v1', 'Pod', { namespace, labelSelector: selectorText(controller) })),
    ),
    inNamespace('v1', 'Service', controller.service),
    inNamespace('v1', 'Endpoints', controller.service),
    settle(() => kube.get(settingRef('server-url'))),
    settle(() => kube.get(settingRef('first-login'))),
    settle(() => kube.get(settingRef('cacerts'))),
    settle(() => kube.get(localClusterRef)),
    inNamespace('v1', 'Secret', caSecretName),
  ]);
  return {
    nodes,
    namespaces,
    services,
    rancher: { deployment, pods, events },
    controller: { daemonSet, pods: controllerPods, service, endpoints },
    serverUrl,
    firstLogin,
    cacerts,
    localCluster,
    caSecret,
  };
}
