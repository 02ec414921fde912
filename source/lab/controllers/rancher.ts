import { ApiError } from '../kube/api-error.js';
import { publishAdminToken } from '../rancher/admin-token.js';
import { crdKey } from '../kube/resources.js';
import { rancherCrds, rancherExtras } from './rancher-leftovers.js';
import type { KubeObject } from '../kube/object.js';
import type { StoreEvent } from '../kube/store.js';
import { imageTag } from './container-logs.js';
import { timestamp, type Kit } from './kit.js';
import { isPodReady, type Condition } from './pods.js';

const clusters = 'management.cattle.io/clusters';
const settings = 'management.cattle.io/settings';
const projects = 'management.cattle.io/projects';
/** `privateCA=true`: the chart mounts secret `tls-ca` key `cacerts.pem` with a subPath. */
const caSecret = { namespace: 'cattle-system', name: 'tls-ca', key: 'cacerts.pem' };
/** How long Rancher takes to bring its local cluster up (simulated ms). */
const provisionMs = 5000;
const serverUrlMessage = 'waiting for server-url setting to be set';

/** Namespaces Rancher makes on start (each costs an NSX-T /24 on PKS). */
const rancherNamespaces = [
  'cattle-global-data',
  'cattle-fleet-system',
  'fleet-default',
  'fleet-local',
  'local',
];

type Phase = 'provisioning' | 'waiting' | 'ready';

function rancherConditions(phase: Phase): Condition[] {
  const c = (type: string, status: Condition['status'], message?: string): Condition => ({
    type,
    status,
    ...(message ? { message } : {}),
  });
  if (phase === 'provisioning') {
    return [
      c('Pending', 'True'),
      c('Provisioned', 'Unknown'),
      c('Waiting', 'Unknown', 'Waiting for API to be available'),
    ];
  }
  if (phase === 'waiting') {
    return [
      c('Pending', 'True'),
      c('Provisioned', 'Unknown', serverUrlMessage),
      c('Waiting', 'Unknown', serverUrlMessage),
      c('AgentDeployed', 'Unknown', serverUrlMessage),
    ];
  }
  const ready = [
    'Pending',
    'Provisioned',
    'Waiting',
    'AgentDeployed',
    'SystemAccountCreated',
    'DefaultProjectCreated',
    'SystemProjectCreated',
    'GlobalAdminsSynced',
    'NoDiskPressure',
    'NoMemoryPressure',
    'Connected',
    'Updated',
    'Ready',
  ];
  return ready.map((type) => c(type, 'True'));
}

/**
 * What the Rancher server does to the cluster it runs in, as far as the installer
 * can see: its settings, its namespaces and the `local` cluster going Active.
 */
class RancherServer {
  private started = false;
  private provisioned = false;
  private nudged = false;
  private writing = false;
  private version = 'v2.9.2';
  /** resourceVersions our own writes produced: any other change is someone's edit. */
  private readonly ownWrites = new Set<string>();
  /** Rancher pods seen Ready: each read the CA bundle once, as it started. */
  private readonly startedPods = new Set<string>();

  private readonly enqueue: (id: string) => void;

  constructor(private readonly kit: Kit) {
    this.enqueue = kit.queue('rancher', () => this.reconcile());
  }

  onEvent(e: StoreEvent): void {
    const o = e.object;
    if (e.key === 'pods' && o.metadata.namespace === 'cattle-system') {
      if (o.metadata.labels?.app === 'rancher' && e.type !== 'DELETED' && isPodReady(o)) {
        this.start(o);
        this.podStarted(o);
        this.runningVersion(o);
      }
      if (o.metadata.labels?.app === 'rancher' && e.type === 'DELETED') this.stopIfGone();
    }
    if (e.key === settings && o.metadata.name === 'server-url' && o.value) this.nudge();
    if (e.key === clusters && e.type === 'MODIFIED' && o.metadata.name === 'local') {
      // "Edit and save" re-queues the cluster in Rancher; our own writes do not count.
      const rv = o.metadata.resourceVersion ?? '';
      if (!this.writing && !this.ownWrites.has(rv)) this.nudge();
    }
  }

  private nudge(): void {
    this.nudged = true;
    if (this.started) this.enqueue('local');
  }

  /** Every Rancher pod gone (`helm uninstall rancher`): a later install starts it afresh. */
  private stopIfGone(): void {
    const left = this.kit.store.list('pods', {
      namespace: 'cattle-system',
      labelSelector: 'app=rancher',
    });
    if (left.length > 0) return;
    this.started = false;
    this.provisioned = false;
    this.nudged = false;
  }

  private start(pod: KubeObject): void {
    if (this.started) return;
    this.started = true;
    const image = (pod.spec?.containers as { image: string }[] | undefined)?.[0]?.image ?? '';
    if (image) this.version = imageTag(image);
    // Rancher creates its CRDs on start (pkg/crds); its types are served from then on.
    for (const crd of rancherCrds()) this.ensure(crdKey, crd);
    this.ensure(settings, this.setting('server-url', ''));
    this.ensure(settings, this.setting('server-version', this.version));
    this.ensure(settings, this.setting('first-login', 'true'));
    for (const name of rancherNamespaces) {
      this.ensure('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    }
    this.ensureLocalCluster();
    this.ensureExtras();
    this.kit.ctx.lab.log(`[${this.kit.ctx.spec.name}] Rancher ${this.version} started`);
    // What a user does first: an API key for the fleet import (env.sh exports it).
    publishAdminToken(this.kit.ctx.lab, this.kit.store);
    this.kit.after(provisionMs, () => {
      this.provisioned = true;
      this.reconcile();
    });
  }

  /**
   * A pod of another version started (`helm upgrade` rolled the Deployment): the server
   * writes its own version into the `server-version` setting as it starts (pkg/settings
   * `ServerVersion`, read back by `GetRancherVersion`; the UI's footer and
   * `/v3/settings/server-version` show it). The newest pod to start wins (unverified for a
   * half-rolled Deployment); agents are then told the new agent image.
   */
  private runningVersion(pod: KubeObject): void {
    const image = (pod.spec?.containers as { image: string }[] | undefined)?.[0]?.image ?? '';
    const version = image ? imageTag(image) : '';
    if (!version || version === this.version) return;
    this.version = version;
    const current = this.kit.store.get(settings, undefined, 'server-version');
    if (current && current.value !== version)
      this.kit.store.update(
        settings,
        { ...current, value: version, default: version },
        { force: true },
      );
    this.kit.ctx.lab.log(`[${this.kit.ctx.spec.name}] Rancher ${version} started`);
    this.reconcile();
  }

  /** Projects, their namespaces, webhooks, cluster RBAC: made once, left by helm uninstall. */
  private ensureExtras(): void {
    if (this.kit.store.list(projects).length > 0) return;
    const extras = rancherExtras();
    for (const ns of extras.namespaces) this.ensure('namespaces', ns);
    for (const project of extras.projects) this.ensure(projects, project);
    for (const { key, object } of extras.clusterScoped) this.ensure(key, object);
    this.ensure('configmaps', extras.configMap);
  }

  /**
   * A new Rancher pod read `/etc/rancher/ssl/cacerts.pem` as it started and publishes it as
   * the `cacerts` setting (what `/v3/settings/cacerts` and `/cacerts` serve, and what agents'
   * CATTLE_CA_CHECKSUM is checked against). The file is a subPath mount of `tls-ca`, so a
   * later change to the secret reaches no running pod: Rancher's "Updating the Rancher
   * Certificate" (rancher-docs, version-2.7) says "the tls-ca secret is read by the Rancher
   * pods when starting", restarts them with `kubectl rollout restart deploy/rancher`, and
   * checks `/v3/settings/cacerts` against the secret afterwards.
   */
  private podStarted(pod: KubeObject): void {
    const uid = pod.metadata.uid ?? pod.metadata.name;
    if (this.startedPods.has(uid)) return;
    this.startedPods.add(uid);
    const data = this.kit.store.get('secrets', caSecret.namespace, caSecret.name)?.data as
      Record<string, string> | undefined;
    const encoded = data?.[caSecret.key];
    if (encoded === undefined) return;
    const value = Buffer.from(encoded, 'base64').toString('utf8');
    const current = this.kit.store.get(settings, undefined, 'cacerts');
    if (!current) this.ensure(settings, this.setting('cacerts', value));
    else if (current.value !== value)
      this.kit.store.update(settings, { ...current, value }, { force: true });
  }

  private setting(name: string, value: string): KubeObject {
    return {
      apiVersion: 'management.cattle.io/v3',
      kind: 'Setting',
      metadata: { name },
      value,
      default: name === 'server-url' ? '' : value,
      customized: false,
      source: '',
    };
  }

  private ensure(key: string, obj: KubeObject): void {
    try {
      this.kit.store.create(key, obj);
    } catch (e) {
      if (!(e instanceof ApiError && e.code === 409)) throw e;
    }
  }

  private ensureLocalCluster(): void {
    if (this.kit.store.get(clusters, undefined, 'local')) return;
    this.own(() =>
      this.kit.store.create(clusters, {
        apiVersion: 'management.cattle.io/v3',
        kind: 'Cluster',
        metadata: { name: 'local', labels: { 'provider.cattle.io': 'imported' } },
        spec: {
          displayName: 'local',
          description: '',
          internal: true,
          fleetWorkspaceName: 'fleet-local',
          localClusterAuthEndpoint: { enabled: false },
          agentImageOverride: '',
        },
      }),
    );
    this.reconcile();
  }

  private own(write: () => KubeObject): void {
    this.writing = true;
    try {
      this.ownWrites.add(write().metadata.resourceVersion ?? '');
    } finally {
      this.writing = false;
    }
  }

  private phase(): Phase {
    if (!this.provisioned) return 'provisioning';
    const serverUrl = this.kit.store.get(settings, undefined, 'server-url')?.value;
    const stuck = this.kit.ctx.lab.faults.current.localClusterStuck;
    return stuck && !this.nudged && !serverUrl ? 'waiting' : 'ready';
  }

  reconcile(): void {
    const cluster = this.kit.store.get(clusters, undefined, 'local');
    if (!cluster) return;
    const phase = this.phase();
    const now = timestamp();
    const previous = (cluster.status?.conditions as Condition[] | undefined) ?? [];
    const conditions = rancherConditions(phase).map((c) => {
      const old = previous.find((p) => p.type === c.type);
      const same = old && old.status === c.status && old.message === c.message;
      return same ? old : { ...c, lastUpdateTime: now, lastTransitionTime: now };
    });
    cluster.status = {
      ...cluster.status,
      conditions,
      driver: 'imported',
      provider: '',
      agentImage: `rancher/rancher-agent:${this.version}`,
      version: this.versionInfo(),
      ...(phase === 'ready' ? { nodeCount: this.kit.store.list('nodes').length } : {}),
    };
    this.own(() =>
      this.kit.store.update(clusters, cluster, { subresource: 'status', force: true }),
    );
  }

  private versionInfo(): Record<string, string> {
    const v = this.kit.ctx.kubeVersion;
    const [major, minor] = v.replace(/^v/, '').split('.');
    return { major: major ?? '1', minor: minor ?? '', gitVersion: v, platform: 'linux/amd64' };
  }
}

export function startRancher(kit: Kit): void {
  const rancher = new RancherServer(kit);
  kit.subscribe((e) => rancher.onEvent(e));
  kit.onFaultsChange(() => rancher.reconcile());
  for (const pod of kit.store.list('pods', { namespace: 'cattle-system' })) {
    rancher.onEvent({ type: 'MODIFIED', key: 'pods', object: pod, resourceVersion: 0 });
  }
}
