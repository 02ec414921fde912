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
      ...(signal ? { promiseMiddleware: [abortWith(signal)] } : {}),
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
