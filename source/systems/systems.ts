import type { CommandListener } from './command.js';
import { Bosh } from './bosh.js';
import { isTransient } from './errors.js';
import { resolveA, resolverServers, type ResolveResult } from './dns.js';
import { Helm } from './helm.js';
import { ingressHttpsPort, probe, type ProbeOptions, type ProbeResult } from './https.js';
import { Kube, type ApiListener } from './kube.js';
import { Pks, type PksBinary } from './pks.js';

export type Env = Record<string, string | undefined>;

/** Everything a step may touch outside the process, one instance per run. */
export interface Systems {
  readonly pks: Pks;
  readonly helm: Helm;
  readonly bosh: Bosh;
  /** The cluster's API, through the kubeconfig context `pks get-credentials` wrote. */
  kube(): Kube;
  hasKubeContext(cluster: string): Promise<boolean>;
  podLog(namespace: string, pod: string): Promise<string>;
  resolveA(name: string): Promise<ResolveResult>;
  probe(options: Omit<ProbeOptions, 'port'>): Promise<ProbeResult>;
}

export interface SystemsOptions {
  pksBinary: PksBinary | string;
  cluster: string;
  dnsServers: string[];
  env: Env;
  commands?: CommandListener;
  api?: ApiListener;
}

const dnsTimeoutMs = 5_000;

export function createSystems(options: SystemsOptions): Systems {
  const env = options.env;
  const pks = new Pks({ binary: options.pksBinary, listener: options.commands, env });
  const helm = new Helm({ listener: options.commands, env });
  const bosh = new Bosh({ listener: options.commands, env });
  const servers = resolverServers(options.dnsServers, env);
  let kube: Kube | undefined;

  const load = (): Kube => {
    const k = Kube.load({ kubeconfig: env.KUBECONFIG?.split(':')[0], listener: options.api });
    const contexts = k.config.getContexts().map((c) => c.name);
    if (contexts.includes(options.cluster)) k.config.setCurrentContext(options.cluster);
    return k;
  };

  return {
    pks,
    helm,
    bosh,
    kube() {
      kube ??= load();
      return kube;
    },
    async hasKubeContext(cluster) {
      let k: Kube;
      try {
        k = load();
      } catch {
        return false; // no kubeconfig yet
      }
      if (!k.config.getContexts().some((c) => c.name === cluster)) return false;
      try {
        await k.version();
      } catch (e) {
        // A flaky API is retried by the runner; bad credentials mean: fetch them again.
        if (isTransient(e)) throw e;
        return false;
      }
      kube = k;
      return true;
    },
    podLog: (namespace, pod) => (kube ?? load()).podLog(namespace, pod),
    resolveA: (name) => resolveA(name, servers, dnsTimeoutMs),
    probe: (o) => probe({ ...o, port: ingressHttpsPort(env) }),
  };
}
