import type { IncomingMessage } from 'node:http';
import type { Store } from '../kube/store.js';
import { isManagementPath, ManagementApi } from '../rancher/management-api.js';
import { managementFor, type LabParts } from '../rancher/management.js';
import { rancherResponse, type SimpleResponse } from './rancher-responses.js';
import type { Scheme } from './virtual-server.js';

/** What the front hands a request for Rancher's pods to: method, headers, query, body. */
export type RancherUpstream = (req: IncomingMessage, scheme: Scheme) => Promise<SimpleResponse>;

/** Rancher's API takes JSON bodies of a few KB; anything past this is refused. */
const maxBody = 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBody) chunks.push(chunk);
    });
    req.on('end', () =>
      resolve(size > maxBody ? undefined : Buffer.concat(chunks).toString('utf8')),
    );
    req.on('error', reject);
  });
}

/** The Rancher pods behind the lab's ingress: the simple endpoints and the management API. */
export function rancherUpstream(lab: LabParts, store: Store): RancherUpstream {
  let api: ManagementApi | undefined;
  return async (req, scheme) => {
    const url = new URL(req.url ?? '/', 'http://upstream');
    if (!isManagementPath(url.pathname)) {
      req.resume();
      return rancherResponse(store, url.pathname);
    }
    const body = await readBody(req);
    if (body === undefined)
      return {
        status: 413,
        contentType: 'text/plain; charset=utf-8',
        body: 'request body too large\n',
      };
    api ??= new ManagementApi(managementFor(lab, store));
    return api.handle({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
      origin: `${scheme}://${req.headers.host ?? ''}`,
    });
  };
}
