import { apiVersionOf, type ResourceType } from './resources.js';

/**
 * Just enough OpenAPI v3 for kubectl: it reads the PATCH operations' parameters to
 * learn that the server validates fields itself (`fieldValidation`), and then needs
 * no schema to create or apply. Full schemas are out of the lab's scope.
 */
function gvPath(t: Pick<ResourceType, 'group' | 'version'>): string {
  return t.group === '' ? `api/${t.version}` : `apis/${t.group}/${t.version}`;
}

export function openApiRoot(served: readonly ResourceType[]): Record<string, unknown> {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const t of served) {
    const p = gvPath(t);
    paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=lab` };
  }
  return { paths };
}

const queryParameters = ['fieldValidation', 'fieldManager', 'dryRun'].map((name) => ({
  name,
  in: 'query',
  schema: { type: 'string', uniqueItems: true },
}));

function itemPath(t: ResourceType): string {
  const base = '/' + gvPath(t);
  return t.namespaced
    ? `${base}/namespaces/{namespace}/${t.resource}/{name}`
    : `${base}/${t.resource}/{name}`;
}

function collectionPath(t: ResourceType): string {
  const base = '/' + gvPath(t);
  return t.namespaced ? `${base}/namespaces/{namespace}/${t.resource}` : `${base}/${t.resource}`;
}

export function openApiGroupVersion(
  path: string,
  served: readonly ResourceType[],
): Record<string, unknown> | undefined {
  const types = served.filter((t) => gvPath(t) === path);
  if (types.length === 0) return undefined;
  const paths: Record<string, unknown> = {};
  for (const t of types) {
    const gvk = { group: t.group, version: t.version, kind: t.kind };
    const op = {
      'x-kubernetes-group-version-kind': gvk,
      parameters: queryParameters,
      responses: {},
    };
    paths[itemPath(t)] = { get: op, put: op, patch: op, delete: op };
    paths[collectionPath(t)] = { get: op, post: op };
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: apiVersionOf(types[0]!) },
    paths,
    components: { schemas: {} },
  };
}
