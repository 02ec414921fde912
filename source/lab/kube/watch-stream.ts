import type { ServerResponse } from 'node:http';
import { ApiError } from './api-error.js';
import type { KubeObject } from './object.js';
import type { ResourceType } from './resources.js';
import type { ListOptions, Store, StoreEvent } from './store.js';
import { toTable } from './table.js';

export interface WatchRequest {
  type: ResourceType;
  key: string;
  options: ListOptions;
  resourceVersion?: string;
  timeoutSeconds?: number;
  /** `kubectl get -w` asks for Table rows. */
  table?: { includeObject?: string };
}

/**
 * Streams watch events as kube-apiserver does: newline-delimited JSON over a chunked
 * 200 response; a resourceVersion too old becomes an ERROR event carrying 410 Expired.
 * Returns a function that cuts the stream (the lab's dropped-watch fault).
 */
export function streamWatch(store: Store, req: WatchRequest, res: ServerResponse): () => void {
  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Transfer-Encoding': 'chunked',
    'Cache-Control': 'no-cache, private',
  });
  // Clients wait for the headers before they count the watch as started.
  res.flushHeaders();
  let sentColumns = false;
  const encode = (type: string, object: KubeObject): string => {
    if (!req.table) return JSON.stringify({ type, object });
    const table = toTable(req.type, [object], {
      resourceVersion: object.metadata.resourceVersion,
      includeObject: req.table.includeObject,
      withColumns: !sentColumns,
    });
    sentColumns = true;
    return JSON.stringify({ type, object: table });
  };
  const send = (type: string, object: KubeObject) => {
    if (!res.writableEnded) res.write(encode(type, object) + '\n');
  };

  let unsubscribe: () => void = () => {};
  let timer: NodeJS.Timeout | undefined;
  const end = () => {
    unsubscribe();
    if (timer) clearTimeout(timer);
    if (!res.writableEnded) res.end();
  };
  const cut = () => {
    unsubscribe();
    if (timer) clearTimeout(timer);
    res.destroy();
  };
  res.on('close', () => {
    unsubscribe();
    if (timer) clearTimeout(timer);
  });

  const rv = req.resourceVersion;
  let from: number;
  if (!rv || rv === '0') {
    // "Start at most recent": synthetic ADDED events for what exists now.
    for (const obj of store.list(req.key, req.options)) send('ADDED', obj);
    from = Number(store.resourceVersion);
  } else {
    from = Number(rv);
    if (!Number.isInteger(from)) {
      send(
        'ERROR',
        new ApiError('BadRequest', `invalid resource version: ${rv}`).toStatus() as KubeObject,
      );
      end();
      return cut;
    }
  }
  try {
    unsubscribe = store.watch(req.key, from, req.options, (e: StoreEvent) =>
      send(e.type, e.object),
    );
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    send('ERROR', e.toStatus() as KubeObject);
    end();
    return cut;
  }
  if (req.timeoutSeconds && req.timeoutSeconds > 0) {
    timer = setTimeout(end, req.timeoutSeconds * 1000);
    timer.unref();
  }
  return cut;
}
