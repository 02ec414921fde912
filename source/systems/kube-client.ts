import { createHash } from 'node:crypto';
import { Agent } from 'node:https';
import {
  createConfiguration,
  KubernetesObjectApi,
  ServerConfiguration,
  type Configuration,
  type KubeConfig,
  type Middleware,
} from '@kubernetes/client-node';

/**
 * client-node 1.4's `KubeConfig.makeApiClient` (dist/config.js), plus a middleware that puts
 * the run's signal on every request: its fetch (node-fetch, `signal: request.getSignal()` in
 * dist/gen/http/isomorphic-fetch.js) then closes the connection when the run is stopped.
 * Per-call options cannot carry it: KubernetesObjectApi runs only its own configuration's
 * middleware (dist/object.js requestPromise).
 */
export function makeClient<T>(
  kc: KubeConfig,
  client: new (configuration: Configuration) => T,
  signal?: AbortSignal,
): T {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error('No active cluster!');
  return new client(
    createConfiguration({
      baseServer: new ServerConfiguration(cluster.server, {}),
      authMethods: { default: kc },
      promiseMiddleware: [reuseConnections(), ...(signal ? [abortWith(signal)] : [])],
    }),
  );
}

/** KubernetesObjectApi.makeApiClient (dist/object.js), through makeClient. */
export function makeObjectClient(kc: KubeConfig, signal?: AbortSignal): KubernetesObjectApi {
  return ObjectClient.make(kc, signal);
}

class ObjectClient extends KubernetesObjectApi {
  static make(kc: KubeConfig, signal?: AbortSignal): ObjectClient {
    const client = makeClient(kc, ObjectClient, signal);
    // The context's namespace for objects that name none, as makeApiClient does.
    client.setDefaultNamespace(kc);
    return client;
  }
}

/** The TLS settings an agent was made with: requests with equal ones may share connections. */
function tlsKey(options: Agent['options']): string {
  const hash = createHash('sha256');
  for (const field of ['ca', 'cert', 'key', 'pfx', 'passphrase', 'servername'] as const) {
    const value: unknown = options[field];
    hash.update(`${field}:${value === undefined ? '' : String(value)}\0`);
  }
  hash.update(`rejectUnauthorized:${String(options.rejectUnauthorized)}`);
  return hash.digest('hex');
}

/**
 * client-node 1.4 makes a new https.Agent for every request (dist/config.js
 * applySecurityAuthentication → createAgent): each call parsed the CA and key again and did a
 * full TLS handshake on a new connection — a fleet import's largest CPU cost. Requests of one
 * client with the same TLS settings share one keep-alive agent instead. Proxy agents
 * (hpagent, socks) are left as they come.
 */
function reuseConnections(): Middleware {
  const agents = new Map<string, Agent>();
  return {
    pre: async (context) => {
      const made = context.getAgent();
      if (made instanceof Agent && made.constructor === Agent) {
        const key = tlsKey(made.options);
        let shared = agents.get(key);
        if (!shared) {
          shared = new Agent({ ...made.options, keepAlive: true });
          agents.set(key, shared);
        }
        context.setAgent(shared);
      }
      return context;
    },
    post: async (context) => context,
  };
}

function abortWith(signal: AbortSignal): Middleware {
  return {
    pre: async (context) => {
      context.setSignal(signal);
      return context;
    },
    post: async (context) => context,
  };
}

/** Settles with `work`, or rejects with the signal's reason as soon as it aborts. */
export function untilStopped<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) {
    work.catch(() => {}); // its failure no longer matters
    return Promise.reject(signal.reason as Error);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error as Error);
      },
    );
  });
}
