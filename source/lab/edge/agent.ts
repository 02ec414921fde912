import { createHash } from 'node:crypto';
import type { ContainerProgram, ProgramStart } from '../controllers/container-program.js';
import type { PodLogs } from '../kube/pod-logs.js';
import type { Store, StoreEvent } from '../kube/store.js';
import type { RancherAgentPort } from '../rancher/agent-port.js';
import { runCurl } from './curl.js';
import { readMountedFile } from './pod-files.js';
import type { SiteNetwork } from './site-network.js';

/** The import manifest's agent (rancher/rancher pkg/systemtemplate/template.go). */
export const agentNamespace = 'cattle-system';
export const agentDeployment = 'cattle-cluster-agent';
/** Where the template mounts the `cattle-credentials-<key>` Secret (keys url, token, namespace). */
const credentialsDir = '/cattle-credentials';
/** cmd/agent/main.go: `time.Sleep(5 * time.Second)` between connection attempts. */
const reconnectMs = 5000;
/** Repeating work waits at least this long in real time, even at timescale 0. */
const minRepeatRealMs = 250;

export interface AgentSimulationOptions {
  /** The downstream cluster's name (the faults name clusters). */
  cluster: string;
  store: Store;
  logs: PodLogs;
  site: SiteNetwork;
  kubeVersion: string;
  /** The lab's Rancher serving a hostname (LabContext.rancherFor). */
  rancherFor(hostname: string): RancherAgentPort | undefined;
  /** Simulated ms to real ms. */
  scaled(ms: number): number;
}

interface Connected {
  port: RancherAgentPort;
  clusterId: string;
}

function envOf(start: ProgramStart): Record<string, string> {
  return Object.fromEntries((start.container.env ?? []).map((e) => [e.name, e.value ?? '']));
}

/** logrus's text format, as the agent logs without a terminal. */
function logrus(level: 'info' | 'error', msg: string, fields: Record<string, string> = {}): string {
  const time = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const extra = Object.entries(fields).map(([k, v]) => ` ${k}=${JSON.stringify(v)}`);
  return `time="${time}" level=${level} msg=${JSON.stringify(msg)}${extra.join('')}`;
}

function imageVersion(image: string): string {
  return /:([^:/@]+)(@.*)?$/.exec(image)?.[1] ?? 'dev';
}

/**
 * The cattle-cluster-agent of one downstream cluster. At each container start it does
 * what rancher/rancher package/run.sh does first (v2.13.8; the wording of its INFO/ERROR
 * lines is run.sh's): `curl --insecure -fL $CATTLE_SERVER/ping` (DNS, TCP, HTTP — not the
 * CA), then, with CATTLE_CA_CHECKSUM set, the sha256 of the server's `cacerts` compared to
 * it; a failure exits 1, so the kubelet restarts it with back-off (CrashLoopBackOff).
 * Then the Go agent (cmd/agent/main.go) connects to `wss://HOST/v3/connect/register`
 * every 5 s until Rancher takes it (remotedialer client.go's log lines): here through
 * `rancherFor(host).connect`. Its Deployment deleted: `disconnect`.
 */
export class AgentSimulation {
  private readonly connected = new Map<string, Connected>();
  private readonly retries = new Map<string, () => void>();

  constructor(private readonly o: AgentSimulationOptions) {}

  readonly program: ContainerProgram = (start) => {
    if (start.pod.metadata.namespace !== agentNamespace) return undefined;
    if (start.pod.metadata.labels?.app !== agentDeployment) return undefined;
    return this.start(start);
  };

  private async start(
    start: ProgramStart,
  ): Promise<{ lines: string[]; exit?: { exitCode: number } }> {
    const env = envOf(start);
    const read = (key: string) =>
      readMountedFile(this.o.store, start.pod, start.container, `${credentialsDir}/${key}`);
    const server = env.CATTLE_SERVER ?? '';
    const lines = [
      `INFO: Environment: ${Object.entries(env)
        .filter(([k]) => k.startsWith('CATTLE'))
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}`,
      'INFO: Using resolv.conf: nameserver 10.100.200.2 search cattle-system.svc.cluster.local svc.cluster.local cluster.local options ndots:5',
    ];
    const fail = (...errors: string[]) => ({
      lines: [...lines, ...errors.map((e) => `ERROR: ${e}`)],
      exit: { exitCode: 1 },
    });
    if (!server) return fail('-- --server is a required option');
    const ping = `${server}/ping`;
    const pinged = await runCurl(
      { url: ping, insecure: true, quiet: false, fail: true, output: '/dev/null' },
      this.o.site,
      () => undefined,
    );
    if (pinged.exitCode !== 0) {
      const err = (pinged.stderr[0] ?? '').replace(/^curl: \(\d+\) /, '');
      return fail(`${ping} is not accessible (${err})`);
    }
    lines.push(`INFO: ${ping} is accessible`);
    const host = new URL(server).hostname;
    const ip = this.o.site.resolve(host);
    if (ip && ip !== host) lines.push(`INFO: ${host} resolves to ${ip}`);
    const port = this.o.rancherFor(host);
    const wanted = env.CATTLE_CA_CHECKSUM ?? '';
    if (wanted) {
      const cacerts = `${server}/v3/settings/cacerts`;
      const served = this.servedChecksum(port);
      if (!served)
        return fail(
          `The environment variable CATTLE_CA_CHECKSUM is set but there is no CA certificate configured at ${cacerts}`,
        );
      lines.push(`INFO: Value from ${cacerts} is an x509 certificate`);
      if (served !== wanted)
        return fail(
          `Configured cacerts checksum (${served}) does not match given --ca-checksum (${wanted})`,
          `Please check if the correct certificate is configured at ${cacerts}`,
        );
    }
    lines.push(
      logrus('info', `Rancher agent version ${imageVersion(start.container.image)} is starting`),
    );
    const token = read('token') ?? '';
    const clusterId = read('namespace') ?? '';
    const podKey = `${start.pod.metadata.uid}/${start.restartCount}`;
    this.attempt(
      start,
      port,
      { serverUrl: server, clusterId, token, caChecksum: wanted },
      podKey,
      host,
    );
    return { lines };
  }

  /**
   * The checksum of the `cacerts` this site is served: Rancher's (through its port), or
   * with fault `edgeCaMismatch` a proxy's own CA. run.sh takes jq's output, which ends in a
   * newline, as CAChecksum() normalises it (pkg/systemtemplate/import.go).
   */
  private servedChecksum(port: RancherAgentPort | undefined): string | undefined {
    if (this.o.site.intercepted)
      return createHash('sha256')
        .update(`intercepting proxy CA of ${this.o.cluster}\n`)
        .digest('hex');
    return port?.caChecksum();
  }

  private attempt(
    start: ProgramStart,
    port: RancherAgentPort | undefined,
    c: { serverUrl: string; clusterId: string; token: string; caChecksum: string },
    podKey: string,
    host: string,
  ): void {
    const { namespace = agentNamespace, name } = start.pod.metadata;
    const log = (line: string) => this.o.logs.append(namespace, name, start.container.name, line);
    const wsUrl = `wss://${host}/v3/connect/register`;
    // The real agent logs half of the token (main.go `token[:len(token)/2]`).
    log(
      logrus(
        'info',
        `Connecting to ${wsUrl} with token starting with ${c.token.slice(0, Math.floor(c.token.length / 2))}`,
      ),
    );
    log(logrus('info', 'Connecting to proxy', { url: wsUrl }));
    const current = this.o.rancherFor(host) ?? port;
    const refusal = current
      ? current.connect({ ...c, kubeVersion: this.o.kubeVersion })
      : 'no Rancher serves this hostname (lab)';
    if (current && refusal === undefined) {
      this.connected.set(podKey, { port: current, clusterId: c.clusterId });
      log(logrus('info', 'Connected to proxy', { url: wsUrl }));
      return;
    }
    // (unverified which status Rancher answers for each refusal)
    log(
      logrus(
        'error',
        `Failed to connect to proxy. Response status: 400 - 400 Bad Request. Response body: ${refusal}`,
        { error: 'websocket: bad handshake' },
      ),
    );
    log(logrus('error', 'Remotedialer proxy error', { error: 'websocket: bad handshake' }));
    const timer = setTimeout(
      () => {
        this.retries.delete(podKey);
        const pod = this.o.store.get('pods', namespace, name);
        if (pod?.metadata.uid === start.pod.metadata.uid && pod?.status?.phase === 'Running')
          this.attempt(start, port, c, podKey, host);
      },
      Math.max(this.o.scaled(reconnectMs), minRepeatRealMs),
    );
    timer.unref();
    this.retries.set(podKey, () => clearTimeout(timer));
  }

  /** Store events of the downstream: the agent's pod or Deployment going away. */
  onEvent(e: StoreEvent): void {
    if (e.type !== 'DELETED') return;
    const { namespace, name, uid } = e.object.metadata;
    if (e.key === 'pods' && namespace === agentNamespace) {
      for (const [key, cancel] of this.retries) if (key.startsWith(`${uid}/`)) cancel();
    }
    if (e.key === 'apps/deployments' && namespace === agentNamespace && name === agentDeployment) {
      for (const c of this.connected.values()) c.port.disconnect(c.clusterId);
      this.connected.clear();
    }
  }

  stop(): void {
    for (const cancel of this.retries.values()) cancel();
    this.retries.clear();
  }
}
