import type { KubeObject, ObjectRef } from '../../../source/systems/kube.js';

const keyOf = (r: { apiVersion?: string; kind?: string; name?: string; namespace?: string }) =>
  `${r.apiVersion}/${r.kind}/${r.namespace ?? ''}/${r.name}`;

/** An in-memory stand-in for the few Kube calls the rotation makes; it records every write. */
export class FakeKube {
  readonly objects = new Map<string, KubeObject>();
  readonly writes: string[] = [];

  constructor(objects: KubeObject[] = []) {
    for (const o of objects) this.put(o);
  }

  put(o: KubeObject): void {
    this.objects.set(keyOf({ ...o, ...o.metadata }), structuredClone(o));
  }

  async get(ref: ObjectRef): Promise<KubeObject | undefined> {
    const o = this.objects.get(keyOf(ref));
    return o ? structuredClone(o) : undefined;
  }

  async list(apiVersion: string, kind: string) {
    const items = [...this.objects.values()].filter(
      (o) => o.apiVersion === apiVersion && o.kind === kind,
    );
    return { items, resourceVersion: '1' };
  }

  async replace<T extends KubeObject>(obj: T): Promise<T> {
    this.writes.push(`replace ${obj.kind}/${obj.metadata?.name}`);
    this.put(obj);
    return obj;
  }
}
