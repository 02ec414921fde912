import type { ManagedFieldsEntry } from './managed-fields.js';

/** The shape every Kubernetes object shares; the rest stays loosely typed on purpose. */
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  managedFields?: ManagedFieldsEntry[];
  [extra: string]: unknown;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  // Specs differ per kind; controllers narrow what they read.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  spec?: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  status?: any;
  [field: string]: unknown;
}

/**
 * A deep copy. Stored objects are JSON (decoded request bodies), so plain objects and
 * arrays are copied by hand: about ten times faster than structuredClone, which was a
 * quarter of the lab's CPU on a 300-cluster import (every get, list and watch event
 * copies). Anything else (a Date, a Map) still goes through structuredClone.
 */
export function clone<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(clone) as T;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return structuredClone(value);
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  // for…in (own keys only here: the prototype is Object's or none) is ~3x faster than entries().
  for (const k in source) {
    // JSON.parse makes "__proto__" an own key; plain assignment would set the prototype.
    if (k === '__proto__')
      Object.defineProperty(out, k, {
        value: clone(source[k]),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else out[k] = clone(source[k]);
  }
  return out as T;
}
