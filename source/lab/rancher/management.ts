import type { LabContext } from '../context.js';
import type { Store } from '../kube/store.js';
import type { AgentConnection, RancherAgentPort } from './agent-port.js';
import { Clusters, conditionsOf, clustersKey } from './clusters.js';
import { caChecksum } from './import-manifest.js';
import { nameSuffix } from './random-token.js';
import { RegistrationTokens } from './registration-tokens.js';
import { Tokens } from './tokens.js';

const settingsKey = 'management.cattle.io/settings';
/** The chart's bootstrap secret (source/lab/helm/charts/rancher.ts bootstrapSecret). */
const bootstrapSecret = { namespace: 'cattle-system', name: 'bootstrap-secret' };

// Simulated delays of Rancher's controllers (unverified: seconds or less on a healthy server).
/** From a cluster's creation to provisioner.go marking an imported one Provisioned. */
const provisionMs = 2000;
/** From a registration token's creation to the controller issuing its token. */
const issueTokenMs = 500;

/** auth-user-session-ttl-minutes' default, 960 (16 h): login tokens get it whatever was asked. */
export const sessionTtlMs = 960 * 60 * 1000;

export type LabParts = Pick<LabContext, 'clock' | 'faults' | 'log'>;

/**
 * The Rancher server's management side in one lab cluster: its users' tokens, imported
 * clusters and their registrations, all kept in that cluster's store where Rancher keeps
 * them, so kubectl against the Rancher cluster sees the same objects.
 */
export class RancherManagement {
  readonly tokens: Tokens;
  readonly clusters: Clusters;
  readonly registrations: RegistrationTokens;
  /** The local admin's user id (Rancher's `user-xxxxx`). */
  readonly adminUserId = `user-${nameSuffix()}`;
  private readonly connected = new Set<string>();
  /** The CA checksum each connected agent pinned when it started. */
  private readonly pinned = new Map<string, string>();

  constructor(
    readonly lab: LabParts,
    readonly store: Store,
  ) {
    this.tokens = new Tokens(store);
    this.clusters = new Clusters(store);
    this.registrations = new RegistrationTokens(store);
    store.subscribe((e) => {
      if (e.key === settingsKey && e.object.metadata.name === 'cacerts' && e.type !== 'DELETED')
        this.lab.clock.after(0, () => this.caChanged());
    });
  }

  /**
   * Rancher's pods restarted with another CA (the `cacerts` setting changed): their websockets
   * drop, and an agent re-dials (cmd/agent/main.go, v2.12.3: `for { remotedialer.ClientConnect
   * … }`) verifying the server against the CA it fetched and checked at start
   * (rootCATransport, /etc/kubernetes/ssl/certs/serverca), so the handshake fails until the
   * agent restarts with the new CATTLE_CA_CHECKSUM (Rancher docs, "Updating the Rancher
   * Certificate", step 4). Agents that pinned another checksum stay disconnected.
   */
  private caChanged(): void {
    const now = this.caChecksum();
    for (const [id, pinned] of [...this.pinned]) if (pinned && pinned !== now) this.disconnect(id);
  }

  setting(name: string): string {
    const value = this.store.get(settingsKey, undefined, name)?.value;
    return typeof value === 'string' ? value : '';
  }

  /**
   * The admin password a login checks: the bootstrap password the chart put in
   * `bootstrap-secret` (CATTLE_BOOTSTRAP_PASSWORD; Rancher makes the admin user with it on
   * its first start). The lab never asks for it to be changed.
   */
  adminPassword(): string | undefined {
    const secret = this.store.get('secrets', bootstrapSecret.namespace, bootstrapSecret.name);
    const encoded = (secret?.data as Record<string, string> | undefined)?.bootstrapPassword;
    return encoded ? Buffer.from(encoded, 'base64').toString('utf8') : undefined;
  }

  /** An API key for the admin (what `lab up` writes to DIR/rancher-token). */
  adminApiKey(description: string): string {
    return this.tokens.create({
      userId: this.adminUserId,
      ttlMs: 0,
      isDerived: true,
      description,
    }).bearer;
  }

  /**
   * A new imported cluster and what Rancher's controllers make for it: its namespaces and
   * projects at once, the `default-token` registration (provisioningv2/cluster/controller.go
   * createToken, for every management cluster), then the token and the Provisioned step.
   */
  createCluster(input: Parameters<Clusters['create']>[0]) {
    const cluster = this.clusters.create(input);
    const id = cluster.metadata.name;
    this.clusters.setUp(id);
    this.createRegistration(id, 'default-token');
    this.later(provisionMs, () => {
      if (this.clusters.get(id)) this.clusters.provisioned(id);
    });
    this.lab.log(`rancher: cluster ${id} (${input.name}) created`);
    return this.clusters.get(id)!;
  }

  createRegistration(clusterId: string, name?: string) {
    const crt = this.registrations.create(clusterId, name);
    this.lab.clock.after(issueTokenMs, () => {
      if (this.clusters.get(clusterId)) this.registrations.issue(clusterId, crt.metadata.name);
    });
    return crt;
  }

  /** A controller's later step; a failure (the cluster deleted meanwhile) is logged, not thrown. */
  private later(ms: number, step: () => void): void {
    this.lab.clock.after(ms, () => {
      try {
        step();
      } catch (e) {
        this.lab.log(`rancher: ${(e as Error).message}`);
      }
    });
  }

  deleteCluster(id: string): void {
    this.connected.delete(id);
    this.pinned.delete(id);
    this.clusters.delete(id);
    this.lab.log(`rancher: cluster ${id} deleted`);
  }

  /** CAChecksum() of the `cacerts` setting. */
  caChecksum(): string {
    return caChecksum(this.setting('cacerts'));
  }

  /** What agents reach: the tunnel server's checks once the agent got through the network. */
  agentPort(): RancherAgentPort {
    return {
      caChecksum: () => this.caChecksum() || undefined,
      connect: (c) => this.connect(c),
      disconnect: (id) => this.disconnect(id),
    };
  }

  /**
   * The tunnel authorizer (pkg/tunnelserver/mcmauthorizer/tunnel.go Authorize) finds the
   * cluster by the registration token alone (getClusterByToken): the import manifest's
   * credentials carry namespace "" (import.go), so an agent may not know its cluster's ID. A
   * given ID must be the token's cluster. Accepted, the cluster goes Active.
   */
  private connect(c: AgentConnection): string | undefined {
    const clusterId = this.registrations.clusterOf(c.token);
    if (!clusterId)
      return 'no cluster has this registration token (a wrong token, or the cluster was deleted)';
    if (c.clusterId && c.clusterId !== clusterId)
      return `the registration token belongs to cluster ${clusterId}, not ${c.clusterId}`;
    const cluster = this.clusters.get(clusterId);
    if (!cluster || cluster.metadata.deletionTimestamp) return `cluster ${clusterId} not found`;
    const pending = conditionsOf(cluster).some(
      (x) => x.type === 'Provisioned' && x.status !== 'True',
    );
    if (pending) this.clusters.provisioned(clusterId);
    this.clusters.connected(clusterId, c.kubeVersion, 1);
    if (!this.connected.has(clusterId))
      this.lab.log(`rancher: cluster ${clusterId} agent connected`);
    this.connected.add(clusterId);
    this.pinned.set(clusterId, c.caChecksum);
    return undefined;
  }

  /** The agent's session ended: by cluster ID, or by its registration token. */
  private disconnect(clusterOrToken: string): void {
    const clusterId = this.connected.has(clusterOrToken)
      ? clusterOrToken
      : this.registrations.clusterOf(clusterOrToken);
    if (!clusterId) return;
    this.pinned.delete(clusterId);
    if (!this.connected.delete(clusterId)) return;
    if (!this.store.get(clustersKey, undefined, clusterId)) return;
    this.clusters.disconnected(clusterId);
    this.lab.log(`rancher: cluster ${clusterId} agent disconnected`);
  }
}

const byStore = new WeakMap<Store, RancherManagement>();

/** The one management side per Rancher cluster store. */
export function managementFor(lab: LabParts, store: Store): RancherManagement {
  let m = byStore.get(store);
  if (!m) {
    m = new RancherManagement(lab, store);
    byStore.set(store, m);
  }
  return m;
}
