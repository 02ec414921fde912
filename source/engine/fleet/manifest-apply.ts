import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../systems/kube.js';
import { PermanentError } from '../../systems/errors.js';
import type { DownstreamKube } from './fleet-systems.js';

/** The objects of Rancher's import manifest (multi-document YAML), in its order. */
export function manifestObjects(manifest: string): KubeObject[] {
  const objects: KubeObject[] = [];
  for (const doc of parseAllDocuments(manifest)) {
    if (doc.errors.length > 0)
      throw new PermanentError(
        `Rancher's import manifest is not valid YAML: ${doc.errors[0]!.message.split('\n')[0]}`,
        'look at the manifest Rancher serves (`cluster registration` in the UI); report it if it stays broken',
      );
    const value = doc.toJS() as unknown;
    if (value === null || typeof value !== 'object') continue;
    const obj = value as KubeObject;
    if (obj.kind === 'List' && Array.isArray((value as { items?: unknown }).items))
      objects.push(...((value as { items: KubeObject[] }).items ?? []));
    else if (obj.apiVersion && obj.kind && obj.metadata?.name) objects.push(obj);
  }
  return objects;
}

/**
 * Server-side applies each object in the manifest's order (the namespace before what lives in
 * it), as `kubectl apply --server-side` would: re-applying after a resume changes nothing.
 */
export async function applyManifest(kube: DownstreamKube, manifest: string): Promise<number> {
  const objects = manifestObjects(manifest);
  for (const obj of objects) await kube.apply(obj);
  return objects.length;
}
