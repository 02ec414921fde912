/**
 * Rancher's management API (v3), as the import uses it: the shapes below are the fields we
 * read of the real resources (rancher/rancher pkg/apis/management.cattle.io/v3 cluster_types.go
 * and clusterregistrationtoken types; the API serves them as JSON with `id` and `type`).
 * systems/rancher-api.ts implements `RancherApi` over HTTPS; tests and the engine use this.
 */

/** A v3 `cluster`: `id` is the object name (`c-xxxxx`), `name` the display name we chose. */
export interface RancherCluster {
  id: string;
  name: string;
  /** `pending`, `waiting`, `active`, `unavailable`, `removing`, …: we wait for `active`. */
  state: string;
  labels: Record<string, string>;
  /** The Kubernetes version the agent reported, once connected. */
  kubernetesVersion?: string;
  /** Where it came from: `imported`, `local`, `rke2`, … (the v3 `driver` field). */
  driver?: string;
  /** The condition messages, for a failure's reason (Connected, Ready, …). */
  conditions: { type: string; status: string; message?: string }[];
}

/** A v3 `clusterRegistrationToken`: the command and manifest URL carry the token. */
export interface RancherRegistration {
  id: string;
  clusterId: string;
  /** Empty until Rancher's controller fills it in. Secret: never stored or logged. */
  token: string;
  /** `https://<host>/v3/import/<token>_<clusterId>.yaml`. Secret (holds the token). */
  manifestUrl: string;
  /** `kubectl apply -f <manifestUrl>`. Secret (holds the token). */
  command: string;
}

/** What every call can end in besides success; the client retries the transient ones. */
export class RancherApiError extends Error {
  constructor(
    message: string,
    /** HTTP status; 0 when no answer came (DNS, TCP, TLS). */
    readonly status: number,
    /** 429 and 5xx, and no answer: worth another try. */
    readonly transient: boolean,
  ) {
    super(message);
    this.name = 'RancherApiError';
  }
}

export interface RancherApi {
  /** Every cluster Rancher knows (`GET /v3/clusters`), `local` included. */
  clusters(signal?: AbortSignal): Promise<RancherCluster[]>;
  /** The cluster with this display name, if any (`GET /v3/clusters?name=`). */
  clusterNamed(name: string, signal?: AbortSignal): Promise<RancherCluster | undefined>;
  cluster(id: string, signal?: AbortSignal): Promise<RancherCluster | undefined>;
  /** Creates an imported cluster (`POST /v3/clusters`). */
  createCluster(
    name: string,
    labels: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<RancherCluster>;
  /** The cluster's registration with its token, creating one when none has a token yet. */
  registration(clusterId: string, signal?: AbortSignal): Promise<RancherRegistration>;
  /** The import manifest (multi-document YAML) behind `manifestUrl`. */
  manifest(registration: RancherRegistration, signal?: AbortSignal): Promise<string>;
  /** `DELETE /v3/clusters/<id>`: Rancher removes its agent when it can reach it. */
  deleteCluster(id: string, signal?: AbortSignal): Promise<void>;
  /** HTTP calls made so far (the benchmark reports calls per cluster). */
  readonly calls: number;
}
