import { z } from 'zod';
import {
  RancherApiError,
  type RancherApi,
  type RancherCluster,
  type RancherRegistration,
} from './rancher-api-types.js';
import { RancherHttp, type RancherHttpOptions } from './rancher-http.js';
import { abortableSleep } from './rancher-retry.js';

/*
 * The v3 shapes read here, from rancher/rancher (v2.13):
 * - pkg/client/generated/management/v3/zz_generated_cluster.go: `name` (display name), `state`,
 *   `labels`, `driver`, `conditions[]{type,status,message}`, `version{gitVersion}`.
 * - zz_generated_cluster_registration_token.go: `clusterId`, `token`, `manifestUrl`, `command`.
 * - pkg/controllers/dashboard/clusterregistrationtoken/status.go writes `manifestUrl` and
 *   `command` (`kubectl apply -f <url>`) with a `{token}` placeholder after the object is created;
 *   pkg/api/norman/store/cluster/cluster_registration_store.go puts the token in (and `token`)
 *   once its Secret exists, and serves them empty before: we poll until they are filled.
 * Collections are `{type:"collection", data:[…], pagination:{next?}}` (norman).
 */

const text = z.string().catch('');
const clusterSchema = z.looseObject({
  id: z.string(),
  name: text,
  state: text,
  labels: z.record(z.string(), z.string()).catch({}),
  driver: z.string().optional().catch(undefined),
  conditions: z
    .array(
      z.looseObject({
        type: text,
        status: text,
        message: z.string().optional().catch(undefined),
      }),
    )
    .catch([]),
  version: z
    .looseObject({ gitVersion: z.string().optional().catch(undefined) })
    .optional()
    .catch(undefined),
});

const registrationSchema = z.looseObject({
  id: z.string(),
  clusterId: text,
  token: text,
  manifestUrl: text,
  command: text,
});

const collectionSchema = z.looseObject({
  data: z.array(z.unknown()).catch([]),
  pagination: z
    .looseObject({ next: z.string().optional().catch(undefined) })
    .optional()
    .catch(undefined),
});

export interface RancherHttpApiOptions {
  /** How often to look for a new registration token's fields, and how many times. */
  registrationPollMs?: number;
  registrationPolls?: number;
  /** Waits between polls (tests make it instant); must reject when the signal aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** A collection is followed through at most this many pages (norman pages by `limit`). */
const maxPages = 1000;

/** RancherApi over HTTPS (see RancherHttp for the transport, retries and messages). */
export class RancherHttpApi implements RancherApi {
  readonly #http: RancherHttp;
  readonly #options: RancherHttpApiOptions;

  constructor(http: RancherHttp, options: RancherHttpApiOptions = {}) {
    this.#http = http;
    this.#options = options;
  }

  /** A client with its own connections, sending `token` (for tests and one-off use). */
  static withToken(options: RancherHttpOptions & RancherHttpApiOptions & { token: string }): {
    api: RancherHttpApi;
    http: RancherHttp;
  } {
    const http = new RancherHttp(options);
    http.authorize(options.token);
    return { api: new RancherHttpApi(http, options), http };
  }

  get calls(): number {
    return this.#http.calls;
  }

  async clusters(signal?: AbortSignal): Promise<RancherCluster[]> {
    return (await this.#list('/v3/clusters', 'listing clusters', signal)).map(toCluster);
  }

  async clusterNamed(name: string, signal?: AbortSignal): Promise<RancherCluster | undefined> {
    const found = await this.#list(
      `/v3/clusters?name=${encodeURIComponent(name)}`,
      `looking up cluster ${name}`,
      signal,
    );
    // The filter is the server's: keep only the exact name.
    return found.map(toCluster).find((cluster) => cluster.name === name);
  }

  async cluster(id: string, signal?: AbortSignal): Promise<RancherCluster | undefined> {
    const answer = await this.#http.request('GET', `/v3/clusters/${encodeURIComponent(id)}`, {
      what: `reading cluster ${id}`,
      allow: [404],
      ...(signal ? { signal } : {}),
    });
    return answer.status === 404 ? undefined : toCluster(parse(answer.body, `cluster ${id}`));
  }

  /**
   * `POST /v3/clusters`. A create that may have reached Rancher without an answer (a lost
   * connection, a 5xx) is not sent again blindly: the name is looked up first, so a retry
   * never makes a second cluster.
   */
  async createCluster(
    name: string,
    labels: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<RancherCluster> {
    for (let attempt = 1; ; attempt++) {
      try {
        const answer = await this.#http.request('POST', '/v3/clusters', {
          what: `creating cluster ${name}`,
          body: { type: 'cluster', name, labels },
          repeatable: false,
          ...(signal ? { signal } : {}),
        });
        return toCluster(parse(answer.body, `the new cluster ${name}`));
      } catch (error) {
        if (!(error instanceof RancherApiError) || !error.transient || attempt >= 3) throw error;
        const made = await this.clusterNamed(name, signal);
        if (made) return made;
      }
    }
  }

  /**
   * The cluster's registration with a token: an existing one when it has its token, else
   * (none at all) a new one; then polled, bounded and abortable, until Rancher filled it in.
   */
  async registration(clusterId: string, signal?: AbortSignal): Promise<RancherRegistration> {
    const mine = (await this.#registrations(clusterId, signal)).filter(
      (r) => r.clusterId === clusterId || r.clusterId === '',
    );
    const ready = mine.find(isFilled);
    if (ready) return withCommand(ready);
    let pending = mine[0];
    if (!pending) {
      const answer = await this.#http.request('POST', '/v3/clusterregistrationtokens', {
        what: `creating a registration token for cluster ${clusterId}`,
        body: { type: 'clusterRegistrationToken', clusterId },
        // A second token for the same cluster is harmless: repeat freely.
        repeatable: true,
        ...(signal ? { signal } : {}),
      });
      pending = toRegistration(parse(answer.body, `the registration token of ${clusterId}`));
      if (isFilled(pending)) return withCommand(pending);
    }
    return this.#pollRegistration(pending.id, clusterId, signal);
  }

  async #pollRegistration(
    id: string,
    clusterId: string,
    signal?: AbortSignal,
  ): Promise<RancherRegistration> {
    const pollMs = this.#options.registrationPollMs ?? 1000;
    const polls = this.#options.registrationPolls ?? 60;
    const sleep = this.#options.sleep ?? abortableSleep;
    for (let poll = 0; poll < polls; poll++) {
      await sleep(pollMs, signal);
      const answer = await this.#http.request(
        'GET',
        `/v3/clusterregistrationtokens/${encodeURIComponent(id)}`,
        {
          what: `reading the registration token of cluster ${clusterId}`,
          ...(signal ? { signal } : {}),
        },
      );
      const registration = toRegistration(parse(answer.body, `the registration of ${clusterId}`));
      if (isFilled(registration)) return withCommand(registration);
    }
    throw new RancherApiError(
      `Rancher did not fill in the registration token of cluster ${clusterId} within ${Math.round((polls * pollMs) / 1000)} s; check Rancher's logs (the clusterregistrationtoken controller) and run again`,
      0,
      true,
    );
  }

  async #registrations(clusterId: string, signal?: AbortSignal): Promise<RancherRegistration[]> {
    return (
      await this.#list(
        `/v3/clusterregistrationtokens?clusterId=${encodeURIComponent(clusterId)}`,
        `listing the registration tokens of cluster ${clusterId}`,
        signal,
      )
    ).map(toRegistration);
  }

  /**
   * The manifest behind `manifestUrl`. Rancher writes the URL with its `server-url` setting;
   * we ask the same path of the server we talk to (same Rancher, our CA and address).
   */
  async manifest(registration: RancherRegistration, signal?: AbortSignal): Promise<string> {
    let url: URL;
    try {
      url = new URL(registration.manifestUrl);
    } catch {
      throw new RancherApiError(
        `the registration of cluster ${registration.clusterId} has no valid manifest URL; run again to get a new one`,
        0,
        false,
      );
    }
    const answer = await this.#http.request('GET', `${url.pathname}${url.search}`, {
      // The path holds the token: never name it in a message.
      what: `fetching the import manifest of cluster ${registration.clusterId}`,
      auth: false,
      ...(signal ? { signal } : {}),
    });
    return answer.body;
  }

  async deleteCluster(id: string, signal?: AbortSignal): Promise<void> {
    // Already gone (404) is what we wanted.
    await this.#http.request('DELETE', `/v3/clusters/${encodeURIComponent(id)}`, {
      what: `removing cluster ${id}`,
      allow: [404],
      ...(signal ? { signal } : {}),
    });
  }

  /** Every item of a v3 collection, following `pagination.next`. */
  async #list(path: string, what: string, signal?: AbortSignal): Promise<unknown[]> {
    const items: unknown[] = [];
    let next: string | undefined = path;
    for (let page = 0; next && page < maxPages; page++) {
      const answer = await this.#http.request('GET', next, { what, ...(signal ? { signal } : {}) });
      const parsed = collectionSchema.safeParse(parse(answer.body, what));
      if (!parsed.success)
        throw new RancherApiError(
          `Rancher's answer while ${what} is not a v3 collection; check that ${this.#http.origin} is the Rancher server`,
          0,
          false,
        );
      items.push(...parsed.data.data);
      next = samePath(parsed.data.pagination?.next, this.#http.origin);
    }
    return items;
  }
}

/** `pagination.next` is an absolute URL on the server's own name: keep its path and query. */
function samePath(next: string | undefined, origin: string): string | undefined {
  if (!next) return undefined;
  try {
    const url = new URL(next, origin);
    return `${url.pathname}${url.search}`;
  } catch {
    return undefined;
  }
}

function parse(body: string, what: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw new RancherApiError(
      `Rancher's answer for ${what} is not JSON; check that the URL is the Rancher server`,
      0,
      false,
    );
  }
}

function toCluster(value: unknown): RancherCluster {
  const parsed = clusterSchema.safeParse(value);
  if (!parsed.success)
    throw new RancherApiError(
      'Rancher listed a cluster without an id; check that the URL is the Rancher server',
      0,
      false,
    );
  const raw = parsed.data;
  return {
    id: raw.id,
    name: raw.name,
    state: raw.state,
    labels: raw.labels,
    ...(raw.version?.gitVersion ? { kubernetesVersion: raw.version.gitVersion } : {}),
    ...(raw.driver ? { driver: raw.driver } : {}),
    conditions: raw.conditions.map((c) => ({
      type: c.type,
      status: c.status,
      ...(c.message ? { message: c.message } : {}),
    })),
  };
}

function toRegistration(value: unknown): RancherRegistration {
  const parsed = registrationSchema.safeParse(value);
  if (!parsed.success)
    throw new RancherApiError(
      'Rancher listed a registration token without an id; check that the URL is the Rancher server',
      0,
      false,
    );
  const { id, clusterId, token, manifestUrl, command } = parsed.data;
  return { id, clusterId, token, manifestUrl, command };
}

function isFilled(registration: RancherRegistration): boolean {
  return (
    registration.token !== '' &&
    registration.manifestUrl !== '' &&
    !registration.manifestUrl.includes('{token}')
  );
}

/** `command` is `kubectl apply -f <manifestUrl>` (status.go); fill it in if a version left it out. */
function withCommand(registration: RancherRegistration): RancherRegistration {
  return registration.command
    ? registration
    : { ...registration, command: `kubectl apply -f ${registration.manifestUrl}` };
}
