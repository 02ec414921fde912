import { ApiError } from './api-error.js';
import { findResource, type ResourceType } from './resources.js';

/** A request path parsed the way kube-apiserver's request-info resolver does. */
export type Route =
  | { kind: 'version' }
  | { kind: 'openapi'; path: string }
  | { kind: 'api' }
  | { kind: 'apis' }
  | { kind: 'group'; group: string }
  | { kind: 'group-version'; group: string; version: string }
  | {
      kind: 'resource';
      type: ResourceType;
      namespace?: string;
      name?: string;
      subresource?: string;
      /** The legacy `/watch/` path prefix. */
      legacyWatch: boolean;
    };

function notFound(path: string): ApiError {
  return new ApiError('NotFound', `the server could not find the requested resource`, {
    causes: [{ reason: 'UnexpectedServerResponse', message: `404 page not found: ${path}` }],
  });
}

/** `served`: the resource types the API server serves now. */
export function parseRoute(path: string, served: readonly ResourceType[]): Route {
  const parts = path
    .split('/')
    .filter((p) => p !== '')
    .map(decodeURIComponent);
  if (parts.length === 1 && parts[0] === 'version') return { kind: 'version' };
  if (parts[0] === 'openapi' && parts[1] === 'v3')
    return { kind: 'openapi', path: parts.slice(2).join('/') };
  if (parts[0] === 'api') {
    if (parts.length === 1) return { kind: 'api' };
    if (parts[1] !== 'v1') throw notFound(path);
    if (parts.length === 2) return { kind: 'group-version', group: '', version: 'v1' };
    return resourceRoute('', 'v1', parts.slice(2), path, served);
  }
  if (parts[0] === 'apis') {
    if (parts.length === 1) return { kind: 'apis' };
    if (parts.length === 2) return { kind: 'group', group: parts[1]! };
    if (parts.length === 3) return { kind: 'group-version', group: parts[1]!, version: parts[2]! };
    return resourceRoute(parts[1]!, parts[2]!, parts.slice(3), path, served);
  }
  throw notFound(path);
}

function resourceRoute(
  group: string,
  version: string,
  rest: string[],
  path: string,
  served: readonly ResourceType[],
): Route {
  let legacyWatch = false;
  if (rest[0] === 'watch') {
    legacyWatch = true;
    rest = rest.slice(1);
  }
  let namespace: string | undefined;
  // `namespaces/NAME/RESOURCE...` addresses a namespaced resource, unless it is the namespace itself.
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [resource, name, subresource, ...extra] = rest;
  const type = resource ? findResource(group, version, resource, served) : undefined;
  if (!type || extra.length > 0) throw notFound(path);
  if (namespace && !type.namespaced) throw notFound(path);
  if (subresource && !type.subresources?.includes(subresource)) throw notFound(path);
  return { kind: 'resource', type, namespace, name, subresource, legacyWatch };
}
