import type { KubeObject } from '../kube/object.js';
import type { Store } from '../kube/store.js';
import type { BackendRef } from './routing.js';

export interface Backend {
  service: KubeObject;
  /** The NSX-T/nginx upstream members: ready endpoint addresses for the chosen port. */
  readyAddresses: EndpointAddress[];
}

export interface EndpointAddress {
  ip: string;
  targetRef?: { kind?: string; name?: string; namespace?: string };
}

interface ServicePort {
  name?: string;
  port?: number;
}

interface EndpointSubset {
  addresses?: EndpointAddress[];
  ports?: { name?: string; port?: number }[];
}

function servicePort(service: KubeObject, port: number | string | undefined) {
  const ports = (service.spec?.ports ?? []) as ServicePort[];
  if (port === undefined) return ports[0];
  return ports.find((p) => (typeof port === 'number' ? p.port === port : p.name === port));
}

/** Endpoints name their ports after the Service's ports (unnamed when there is one). */
function subsetServes(subset: EndpointSubset, portName: string | undefined): boolean {
  const ports = subset.ports ?? [];
  return ports.length === 0 || ports.some((p) => (p.name ?? '') === (portName ?? ''));
}

/** The Service behind an Ingress path, or undefined when it or its port does not exist. */
export function resolveBackend(store: Store, ref: BackendRef): Backend | undefined {
  const service = store.get('services', ref.namespace, ref.serviceName);
  if (!service) return undefined;
  const port = servicePort(service, ref.port);
  if (!port) return undefined;
  const endpoints = store.get('endpoints', ref.namespace, ref.serviceName);
  const subsets = (endpoints?.subsets ?? []) as EndpointSubset[];
  const readyAddresses = subsets
    .filter((s) => subsetServes(s, port.name))
    .flatMap((s) => s.addresses ?? []);
  return { service, readyAddresses };
}

/** Whether the upstream pods are Rancher: the lab answers for Rancher itself. */
export function isRancherBackend(store: Store, backend: Backend): boolean {
  if (backend.service.metadata.name === 'rancher') return true;
  if (backend.service.spec?.selector?.app === 'rancher') return true;
  return backend.readyAddresses.some((address) => {
    const ref = address.targetRef;
    if (ref?.kind !== 'Pod' || !ref.name) return false;
    const pod = store.get('pods', ref.namespace ?? backend.service.metadata.namespace, ref.name);
    return pod?.metadata.labels?.app === 'rancher';
  });
}
