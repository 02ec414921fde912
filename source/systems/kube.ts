import { ObjectSerializer } from '@kubernetes/client-node/dist/serializer.js';
import {
  ApiException,
  CoreV1Api,
  KubeConfig,
  PatchStrategy,
  VersionApi,
  type KubernetesObject,
  type KubernetesObjectApi,
} from '@kubernetes/client-node';
import { PermanentError, TransientError } from './errors.js';
import { makeClient, makeObjectClient, untilStopped } from './kube-client.js';
import { OidcKubeAuth, type KubeAuth, type OidcRenewalOptions } from './kube-oidc.js';
import { kubeconfigFile } from './kubeconfig-file.js';

/** An object as the API returns it; stages narrow what they read. */
export interface KubeObject extends KubernetesObject {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  spec?: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  status?: any;
  [field: string]: unknown;
}

export interface ObjectRef {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}

/** Where mutating API calls are reported (the transcript). */
export type ApiListener = (method: string, what: string, status: number) => void;

/** URL paths of the collections the installer lists and watches. */
const collections: Record<string, { prefix: string; plural: string; namespaced: boolean }> = {
  'v1/Pod': { prefix: '/api/v1', plural: 'pods', namespaced: true },
  'v1/Service': { prefix: '/api/v1', plural: 'services', namespaced: true },
  'v1/Endpoints': { prefix: '/api/v1', plural: 'endpoints', namespaced: true },
  'v1/Event': { prefix: '/api/v1', plural: 'events', namespaced: true },
  'v1/Node': { prefix: '/api/v1', plural: 'nodes', namespaced: false },
  'v1/Namespace': { prefix: '/api/v1', plural: 'namespaces', namespaced: false },
  'apps/v1/Deployment': { prefix: '/apis/apps/v1', plural: 'deployments', namespaced: true },
  'apps/v1/DaemonSet': { prefix: '/apis/apps/v1', plural: 'daemonsets', namespaced: true },
  'networking.k8s.io/v1/Ingress': {
    prefix: '/apis/networking.k8s.io/v1',
    plural: 'ingresses',
    namespaced: true,
  },
  'management.cattle.io/v3/Cluster': {
    prefix: '/apis/management.cattle.io/v3',
    plural: 'clusters',
    namespaced: false,
  },
};

export function collectionPath(apiVersion: string, kind: string, namespace?: string): string {
  const c = collections[`${apiVersion}/${kind}`];
  if (!c) throw new Error(`no collection path for ${apiVersion} ${kind}`);
  return c.namespaced && namespace
    ? `${c.prefix}/namespaces/${namespace}/${c.plural}`
    : `${c.prefix}/${c.plural}`;
}

function describeRef(ref: ObjectRef): string {
  return `${ref.kind.toLowerCase()} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}

function statusMessage(e: ApiException<unknown>): string {
  const body = e.body;
  if (typeof body === 'string') {
    try {
      return (JSON.parse(body) as { message?: string }).message ?? body;
    } catch {
      return body;
    }
  }
  return (body as { message?: string } | undefined)?.message ?? e.message;
}

/** Maps client-node failures to the runner's error classes. */
export function classify(error: unknown, doing: string): Error {
  if (error instanceof ApiException) {
    const message = `${doing}: ${statusMessage(error)} (HTTP ${error.code})`;
    if (error.code >= 500 || error.code === 429 || error.code === 0)
      return new TransientError(message, { cause: error });
    if (error.code === 401 || error.code === 403) {
      return new PermanentError(
        message,
        'your kubeconfig credentials are not accepted; run `pks get-credentials CLUSTER` again',
      );
    }
    const e = new PermanentError(message, 'see the message; fix the cause and resume', {
      cause: error,
    });
    return Object.assign(e, { code: error.code });
  }
  const e = error as { code?: string; message?: string; cause?: { code?: string } };
  const code = e?.code ?? e?.cause?.code;
  if (
    typeof code === 'string' ||
    (e?.message ?? '').match(/ECONN|socket hang up|network|fetch failed/i)
  ) {
    return new TransientError(`${doing}: ${e?.message ?? String(error)}`, { cause: error });
  }
  return error instanceof Error ? error : new Error(String(error));
}

export function httpCode(error: unknown): number | undefined {
  const e = error as { code?: unknown; cause?: unknown };
  if (error instanceof ApiException) return error.code;
  if (typeof e?.code === 'number') return e.code;
  return e?.cause ? httpCode(e.cause) : undefined;
}

export interface KubeLoadOptions {
  kubeconfig?: string;
  context?: string;
  /** Used when the kubeconfig has this context (else its current one). */
  preferContext?: string;
  listener?: ApiListener;
  /** How an OIDC user's token is renewed (the PKS API's CA, get-credentials again). */
  oidc?: OidcRenewalOptions;
  /** The run's stop: every request and watch ends when it aborts. */
  signal?: AbortSignal;
}

/**
 * The Kubernetes API through client-node, with the installer's error classes and transcript
 * hook. With an OIDC kubeconfig user, every call first makes sure the token is good, and a
 * 401 renews it once and tries again. With a signal, a stop ends every call at once (its
 * connection closed), token renewals included: the call rejects with the signal's reason.
 */
export class Kube {
  private current: KubeConfig;
  private objects: KubernetesObjectApi;

  constructor(
    config: KubeConfig,
    private readonly listener: ApiListener = () => {},
    private readonly auth?: KubeAuth,
    readonly signal?: AbortSignal,
  ) {
    this.current = config;
    this.objects = makeObjectClient(config, signal);
  }

  /** From $KUBECONFIG (or ~/.kube/config), using `context` when given. */
  static load(options: KubeLoadOptions = {}): Kube {
    const load = () => {
      const kc = new KubeConfig();
      if (options.kubeconfig) kc.loadFromFile(options.kubeconfig);
      else kc.loadFromDefault();
      if (options.context) kc.setCurrentContext(options.context);
      const preferred = options.preferContext;
      if (preferred && kc.getContexts().some((c) => c.name === preferred))
        kc.setCurrentContext(preferred);
      return kc;
    };
    const loaded = load();
    const file = options.kubeconfig ?? kubeconfigFile(process.env);
    const oidc = OidcKubeAuth.detect(file, loaded, load, options.oidc ?? {});
    return oidc
      ? new Kube(oidc.kubeConfig, options.listener, oidc, options.signal)
      : new Kube(loaded, options.listener, undefined, options.signal);
  }

  /** The config in use now (it changes when an OIDC token is renewed). */
  get config(): KubeConfig {
    return this.current;
  }

  private use(config: KubeConfig): void {
    if (config === this.current) return;
    this.current = config;
    this.objects = makeObjectClient(config, this.signal);
  }

  /**
   * Renews credentials that run out within `needSeconds` (or the usual margin): before helm
   * or kubectl use the kubeconfig, so they need not refresh the token themselves.
   */
  async ensureFresh(needSeconds = 0): Promise<void> {
    if (this.auth) this.use(await untilStopped(this.auth.current(needSeconds), this.signal));
  }

  /** A request with good credentials, ended at once by a stop. */
  private authed<T>(request: () => Promise<T>): Promise<T> {
    this.signal?.throwIfAborted();
    return untilStopped(this.withCredentials(request), this.signal);
  }

  /** Runs a request with good credentials; a 401 renews them once and tries again. */
  private async withCredentials<T>(request: () => Promise<T>): Promise<T> {
    if (!this.auth) return request();
    this.use(await this.auth.current());
    try {
      return await request();
    } catch (e) {
      if (httpCode(e) !== 401) throw e;
      this.use(await this.auth.renew());
      return request();
    }
  }

  get server(): string | undefined {
    return this.config.getCurrentCluster()?.server;
  }

  async version(): Promise<string> {
    try {
      const info = await this.authed(() =>
        makeClient(this.config, VersionApi, this.signal).getCode(),
      );
      return info.gitVersion;
    } catch (e) {
      throw classify(e, 'reading the server version');
    }
  }

  /** The last lines a container wrote (the reason a crash-looping pod gives). */
  async podLog(namespace: string, name: string, tailLines = 50): Promise<string> {
    try {
      return await this.authed(() =>
        makeClient(this.config, CoreV1Api, this.signal).readNamespacedPodLog({
          name,
          namespace,
          tailLines,
        }),
      );
    } catch (e) {
      if (httpCode(e) === 404) return '';
      throw classify(e, `reading the log of pod ${namespace}/${name}`);
    }
  }

  async get<T extends KubeObject = KubeObject>(ref: ObjectRef): Promise<T | undefined> {
    try {
      return (await this.authed(() =>
        this.objects.read({
          apiVersion: ref.apiVersion,
          kind: ref.kind,
          metadata: { name: ref.name, namespace: ref.namespace },
        }),
      )) as T;
    } catch (e) {
      if (httpCode(e) === 404) return undefined;
      throw classify(e, `reading ${describeRef(ref)}`);
    }
  }

  async list<T extends KubeObject = KubeObject>(
    apiVersion: string,
    kind: string,
    options: { namespace?: string; labelSelector?: string; fieldSelector?: string } = {},
  ): Promise<{ items: T[]; resourceVersion: string }> {
    try {
      const list = await this.authed(() =>
        this.objects.list<T>(
          apiVersion,
          kind,
          options.namespace,
          undefined,
          undefined,
          undefined,
          options.fieldSelector,
          options.labelSelector,
        ),
      );
      return { items: list.items, resourceVersion: list.metadata?.resourceVersion ?? '' };
    } catch (e) {
      if (httpCode(e) === 404) return { items: [], resourceVersion: '' };
      throw classify(e, `listing ${kind}`);
    }
  }

  private refOf(obj: KubeObject): ObjectRef {
    return {
      apiVersion: obj.apiVersion!,
      kind: obj.kind!,
      name: obj.metadata!.name!,
      namespace: obj.metadata?.namespace,
    };
  }

  private async mutate<T>(method: string, ref: ObjectRef, call: () => Promise<T>): Promise<T> {
    try {
      const result = await this.authed(call);
      this.listener(method, describeRef(ref), 200);
      return result;
    } catch (e) {
      this.listener(method, describeRef(ref), httpCode(e) ?? 0);
      throw classify(e, `${method} ${describeRef(ref)}`);
    }
  }

  create<T extends KubeObject>(obj: T): Promise<T> {
    return this.mutate('create', this.refOf(obj), () => this.objects.create(obj) as Promise<T>);
  }

  replace<T extends KubeObject>(obj: T): Promise<T> {
    return this.mutate('replace', this.refOf(obj), () => this.objects.replace(obj) as Promise<T>);
  }

  mergePatch<T extends KubeObject>(obj: T): Promise<T> {
    return this.mutate('patch', this.refOf(obj), () => this.patchAs(obj, PatchStrategy.MergePatch));
  }

  /**
   * Server-side apply (PATCH `application/apply-patch+yaml`) as field manager
   * `rancher-pks-tui`, forcing conflicts, as `kubectl apply --server-side --force-conflicts`
   * does it: the object ends as given, created when missing, and the fields we state become
   * ours even where another manager had them (Helm's install of a chart's crds/). Used for
   * Traefik's CRDs (the vendor says to apply them so) and Rancher's import manifests.
   */
  apply<T extends KubeObject>(manifest: T): Promise<T> {
    const obj = fromManifest(manifest);
    return this.mutate('apply', this.refOf(obj), () =>
      this.patchAs(obj, PatchStrategy.ServerSideApply, true),
    );
  }

  /** A PATCH as field manager `rancher-pks-tui`; `force` takes fields from other managers. */
  private patchAs<T extends KubeObject>(obj: T, strategy: PatchStrategy, force?: boolean) {
    return this.objects.patch(
      obj,
      undefined,
      undefined,
      'rancher-pks-tui',
      force,
      strategy,
    ) as Promise<T>;
  }

  async delete(ref: ObjectRef): Promise<boolean> {
    try {
      await this.mutate('delete', ref, () =>
        this.objects.delete({
          apiVersion: ref.apiVersion,
          kind: ref.kind,
          metadata: { name: ref.name, namespace: ref.namespace },
        }),
      );
      return true;
    } catch (e) {
      if (httpCode(e) === 404) return false;
      throw e;
    }
  }

  /**
   * Creates the object, or brings an existing one to the wanted content (a
   * replace carrying the current resourceVersion). Returns what it did.
   */
  async ensure<T extends KubeObject>(
    wanted: T,
    same: (current: T) => boolean,
  ): Promise<'created' | 'updated' | 'unchanged'> {
    const current = await this.get<T>(this.refOf(wanted));
    if (!current) {
      await this.create(wanted);
      return 'created';
    }
    if (same(current)) return 'unchanged';
    await this.replace({
      ...wanted,
      metadata: { ...wanted.metadata, resourceVersion: current.metadata?.resourceVersion },
    });
    return 'updated';
  }
}

/**
 * A manifest (YAML keys, `x-kubernetes-preserve-unknown-fields`) in the shape client-node's
 * models hold (`x_kubernetes_preserve_unknown_fields`): its writes serialize by model, and a
 * manifest's own keys would be dropped on the way out (client-node 1.4 ObjectSerializer); reads
 * come back in this shape too, so a manifest compares with what `get` returns.
 */
export function fromManifest<T extends KubeObject>(manifest: T): T {
  const [group, version] = (manifest.apiVersion ?? '').includes('/')
    ? (manifest.apiVersion ?? '').split('/')
    : ['core', manifest.apiVersion ?? ''];
  if (!group || !version || !manifest.kind) return manifest;
  const type = `${version.charAt(0).toUpperCase()}${version.slice(1)}${manifest.kind}`;
  return ObjectSerializer.deserialize(manifest, type) as T;
}
