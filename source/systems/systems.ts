import type { CommandListener } from './command.js';
import { Bosh } from './bosh.js';
import { isTransient } from './errors.js';
import { resolveA, resolveAEach, resolverServers, type ResolveResult } from './dns.js';
import { Helm } from './helm.js';
import {
  ingressHttpsPort,
  probe,
  servedCertificate,
  type ProbeOptions,
  type ProbeResult,
  type ServedCertificate,
  type ServedCertificateOptions,
} from './https.js';
import { PermanentError } from './errors.js';
import { Kube, type ApiListener } from './kube.js';
import { LocalFileError, readRegularFile } from './local-file.js';
import { Pks, type PksBinary } from './pks.js';
import { PasswordNeededError, PasswordRejectedError, passwordFromEnv } from './pks-password.js';
import type { Env } from '../shared/env.js';

/** Everything a step may touch outside the process, one instance per run. */
export interface Systems {
  readonly pks: Pks;
  readonly helm: Helm;
  readonly bosh: Bosh;
  /** The cluster's API, through the kubeconfig context `pks get-credentials` wrote. */
  kube(): Kube;
  /** That client once a step has loaded it (credentials exist and worked), else undefined. */
  loadedKube(): Kube | undefined;
  /**
   * `pks get-credentials CLUSTER`, with the PKS password when the CLI needs one (OIDC):
   * from TKGI_USER_PASSWORD/PKS_USER_PASSWORD, else asked in a terminal; kept in memory only.
   */
  getCredentials(): Promise<void>;
  hasKubeContext(cluster: string): Promise<boolean>;
  podLog(namespace: string, pod: string): Promise<string>;
  resolveA(name: string): Promise<ResolveResult>;
  /** Each configured resolver on its own (split DNS, stale caches show). */
  resolveAEach(name: string): Promise<ResolveResult[]>;
  probe(options: Omit<ProbeOptions, 'port' | 'signal'>): Promise<ProbeResult>;
  /** The certificate chain served for a name at an address (the ingress HTTPS port). */
  servedCertificate(
    options: Omit<ServedCertificateOptions, 'port' | 'signal'>,
  ): Promise<ServedCertificate>;
}

export interface SystemsOptions {
  /**
   * The run's stop, given once here so no step can forget it: every pks/helm/bosh child
   * gets SIGTERM (SIGKILL after a grace period), every API call, watch, DNS lookup and
   * HTTPS probe ends at once.
   */
  signal: AbortSignal;
  /** A second stop (Ctrl-C again): children get SIGKILL at once. */
  killSignal?: AbortSignal;
  pksBinary: PksBinary | string;
  cluster: string;
  dnsServers: string[];
  env: Env;
  commands?: CommandListener;
  api?: ApiListener;
  /** `pks.caCert`: the PKS API's CA (PEM file), trusted for OIDC token refreshes. */
  pksCaCert?: string;
  /** Asks the user for the PKS password (a terminal); absent when nobody can answer. */
  askPassword?: () => Promise<string | undefined>;
  /** Whether an expired OIDC session may run get-credentials again (the install; not preflight). */
  reauthenticate?: boolean;
}

/** A CA bundle is a few KiB; a regular file only (a pipe could hang the run). */
const caFileLimit = 256 * 1024;

/** `pks.caCert` names a file that cannot be read: the answers need fixing, not a retry. */
class CaCertUnreadable extends PermanentError {
  constructor(file: string, cause: unknown) {
    super(
      `pks.caCert: cannot read ${file} (${cause instanceof LocalFileError ? cause.problem : ((cause as NodeJS.ErrnoException).code ?? (cause as Error).message)})`,
      "point pks.caCert at the PKS API's CA certificate (PEM), then resume",
    );
  }
}

/** The PKS API's CA: the answers' file, else NODE_EXTRA_CA_CERTS (also what helm/kubectl get). */
function pksCaReader(options: SystemsOptions): () => string | undefined {
  return () => {
    const file = options.pksCaCert ?? options.env.NODE_EXTRA_CA_CERTS;
    if (!file) return undefined;
    try {
      return readRegularFile(file, caFileLimit, 'a CA certificate file').toString('utf8');
    } catch (e) {
      if (!options.pksCaCert) return undefined;
      throw new CaCertUnreadable(file, e);
    }
  };
}

const dnsTimeoutMs = 5_000;
/** client-go's 10 s refresh margin, plus time for a helm call (the install never uses --wait). */
const helmTokenSeconds = 40;

export function createSystems(options: SystemsOptions): Systems {
  const { env, signal } = options;
  const stop = { signal, ...(options.killSignal ? { killSignal: options.killSignal } : {}) };
  const pks = new Pks({ binary: options.pksBinary, listener: options.commands, env, ...stop });
  const helm = new Helm({ listener: options.commands, env, ...stop });
  const bosh = new Bosh({ listener: options.commands, env, ...stop });
  const servers = resolverServers(options.dnsServers, env);
  let kube: Kube | undefined;
  // In memory for this run only: never in the session, transcript or a file.
  let password = passwordFromEnv(env);

  const getCredentials = async (): Promise<void> => {
    try {
      await pks.getCredentials(options.cluster, password === undefined ? {} : { password });
    } catch (e) {
      const canAsk = options.askPassword !== undefined;
      if (e instanceof PasswordRejectedError) password = undefined;
      if (!(e instanceof PasswordNeededError || (e instanceof PasswordRejectedError && canAsk)))
        throw e;
      const asked = await options.askPassword?.();
      if (!asked) throw e;
      await pks.getCredentials(options.cluster, { password: asked });
      password = asked;
    }
  };

  const caPem = pksCaReader(options);
  const load = (): Kube => {
    return Kube.load({
      kubeconfig: env.KUBECONFIG?.split(':')[0],
      listener: options.api,
      preferContext: options.cluster,
      signal,
      oidc: {
        caPem,
        ...(options.reauthenticate ? { reauthenticate: getCredentials, shareCa: true } : {}),
      },
    });
  };

  // The helm we run reads the same kubeconfig: hand it a token it will not refresh itself
  // (client-go refreshes 10 s before expiry, and that needs the PKS API's CA).
  helm.beforeRun = async () => {
    await kube?.ensureFresh(helmTokenSeconds);
  };

  return {
    pks,
    helm,
    bosh,
    kube() {
      kube ??= load();
      return kube;
    },
    loadedKube: () => kube,
    getCredentials,
    async hasKubeContext(cluster) {
      let k: Kube;
      try {
        k = load();
      } catch (e) {
        if (e instanceof CaCertUnreadable) throw e;
        return false; // no kubeconfig yet
      }
      if (!k.config.getContexts().some((c) => c.name === cluster)) return false;
      try {
        await k.version();
      } catch (e) {
        // A flaky API is retried by the runner; bad credentials mean: fetch them again.
        if (isTransient(e) || e instanceof CaCertUnreadable) throw e;
        return false;
      }
      kube = k;
      return true;
    },
    podLog: (namespace, pod) => (kube ?? load()).podLog(namespace, pod),
    resolveA: (name) => resolveA(name, servers, dnsTimeoutMs, signal),
    resolveAEach: (name) => resolveAEach(name, servers, dnsTimeoutMs, signal),
    probe: (o) => probe({ ...o, port: ingressHttpsPort(env), signal }),
    servedCertificate: (o) => servedCertificate({ ...o, port: ingressHttpsPort(env), signal }),
  };
}
