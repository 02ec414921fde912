import type { KubeObject, ObjectRef } from '../../systems/kube.js';
import type { StepContext } from '../contract.js';
import { waitFor } from '../wait.js';

/** An object's reference, from the object as listed. */
export function refOf(obj: KubeObject, apiVersion = obj.apiVersion!, kind = obj.kind!): ObjectRef {
  return {
    apiVersion,
    kind,
    name: obj.metadata!.name!,
    ...(obj.metadata?.namespace ? { namespace: obj.metadata.namespace } : {}),
  };
}

export function describeRef(ref: ObjectRef): string {
  return `${ref.kind.toLowerCase()} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}

/**
 * Drops an object's finalizers, as cleanup.sh's `kcpf` does (`kubectl patch -p
 * '{"metadata":{"finalizers":null}}' --type=merge`): with Rancher gone, nothing would ever
 * remove them, and the object (then its namespace or CRD) would hang in deletion.
 */
export async function dropFinalizers(ctx: StepContext, obj: KubeObject, ref: ObjectRef) {
  if (!obj.metadata?.finalizers?.length) return;
  await ctx.systems.kube().mergePatch({
    apiVersion: ref.apiVersion,
    kind: ref.kind,
    metadata: {
      name: ref.name,
      ...(ref.namespace ? { namespace: ref.namespace } : {}),
      finalizers: null as unknown as string[],
    },
  });
}

/** Finalizers off, then delete: each object of the list. Returns how many went. */
export async function removeAll(
  ctx: StepContext,
  objects: readonly KubeObject[],
  apiVersion?: string,
  kind?: string,
): Promise<number> {
  let removed = 0;
  for (const obj of objects) {
    const ref = refOf(obj, apiVersion ?? obj.apiVersion, kind ?? obj.kind);
    await dropFinalizers(ctx, obj, ref);
    if (await ctx.systems.kube().delete(ref)) removed++;
  }
  return removed;
}

/** Waits until none of the refs exists any more; says what still holds one up. */
export async function waitGone(
  ctx: StepContext,
  refs: readonly ObjectRef[],
  what: string,
  timeoutMs: number,
): Promise<void> {
  if (refs.length === 0) return;
  await waitFor(ctx, {
    what,
    timeoutMs,
    remedy: `read \`kubectl get ${refs.map((r) => `${r.kind.toLowerCase()}/${r.name}`).join(' ')} -o yaml\` (finalizers, status.conditions), then resume`,
    check: async () => {
      const left: string[] = [];
      for (const ref of refs) {
        const obj = await ctx.systems.kube().get(ref);
        if (obj) left.push(`${ref.name}${holdUp(obj)}`);
      }
      return {
        done: left.length === 0,
        message: left.length ? `waiting for ${what}: ${left.join(', ')}` : `${what}: gone`,
      };
    },
  });
}

/** Why an object in deletion is still there: its finalizers, or a namespace's conditions. */
function holdUp(obj: KubeObject): string {
  const finalizers = obj.metadata?.finalizers ?? [];
  const conditions = ((obj.status?.conditions ?? []) as { status?: string; message?: string }[])
    .filter((c) => c.status === 'True' && c.message)
    .map((c) => c.message!);
  const why = [...finalizers.map((f) => `finalizer ${f}`), ...conditions];
  return why.length ? ` (${why.join('; ')})` : '';
}
