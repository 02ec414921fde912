import type { IncomingHttpHeaders } from 'node:http';
import { apiError, type ApiAnswer } from './norman.js';

/** One HTTP request to the Rancher hostname, as the front read it. */
export interface RancherRequest {
  method: string;
  /** The path without the query. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The body as text ('' for none). */
  body: string;
  /** `https://host[:port]` the request came in by: links, and import URLs without server-url. */
  origin: string;
}

/** Whether the management API answers this path (the rest is /ping, /healthz, /cacerts, …). */
export function isManagementPath(path: string): boolean {
  return path === '/v3' || path.startsWith('/v3/') || path.startsWith('/v3-public/');
}

export type Body = Record<string, unknown>;

export function parseBody(text: string): Body | ApiAnswer {
  try {
    const data: unknown = JSON.parse(text || '{}');
    if (data && typeof data === 'object' && !Array.isArray(data)) return data as Body;
  } catch {
    // falls through to the error
  }
  // norman's httperror.InvalidBodyContent (422).
  return apiError(422, 'InvalidBodyContent', 'Failed to parse body');
}

export function isAnswer(x: Body | ApiAnswer): x is ApiAnswer {
  return typeof (x as ApiAnswer).status === 'number' && typeof (x as ApiAnswer).body === 'string';
}

export function stringMap(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object') return {};
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
  );
}

const paging = new Set(['limit', 'marker', 'sort', 'order', 'action']);

/** norman's query filters: `?field=value` keeps the items whose field equals it. */
export function filtered(items: Record<string, unknown>[], query: URLSearchParams) {
  const filters: Record<string, string> = {};
  for (const [k, v] of query) if (!paging.has(k)) filters[k] = v;
  const data = items.filter((item) =>
    Object.entries(filters).every(([k, v]) => String(item[k] ?? '') === v),
  );
  return { data, filters };
}

export function methodNotAllowed(method: string): ApiAnswer {
  return apiError(405, 'MethodNotAllowed', `Method ${method} not supported`);
}
