import { join } from 'node:path';
import type { CliContext, LabContext } from '../context.js';
import type { ParsedFlags } from './flags.js';
import { connectCluster, tillerUnreachable, type KubeTarget } from './kubeconfig.js';
import { Repositories } from './repositories.js';
import { ConfigMapStorage, SecretStorage, type ReleaseStorage } from './releases.js';

/** Everything one `helm` invocation works with, and what it has printed so far. */
export class HelmSession {
  stdout = '';
  stderr = '';
  private target: KubeTarget | undefined;
  private connectError: unknown;

  constructor(
    readonly lab: LabContext,
    readonly ctx: CliContext,
    readonly flags: ParsedFlags,
  ) {}

  get major(): 2 | 3 | 4 {
    return this.lab.options.helmMajor;
  }

  print(text: string): void {
    this.stdout += text;
  }

  warn(text: string): void {
    this.stderr += text.endsWith('\n') ? text : text + '\n';
  }

  /**
   * Resolves the cluster and its credentials up front (an OIDC refresh is a network call);
   * a failure only shows when a command reaches for the cluster, as with real helm.
   */
  async connect(): Promise<void> {
    const flags = {
      ...(this.flags.string('kubeconfig') ? { kubeconfig: this.flags.string('kubeconfig') } : {}),
      ...(this.flags.string('kube-context')
        ? { kubeContext: this.flags.string('kube-context') }
        : {}),
    };
    const describe =
      this.major === 2
        ? (server: string) => tillerUnreachable(server, this.tillerNamespace())
        : undefined;
    try {
      this.target = await connectCluster(this.lab, this.ctx, flags, describe);
    } catch (e) {
      this.connectError = e;
    }
  }

  /** The cluster the kubeconfig selects; throws helm's "unreachable" error. */
  kube(): KubeTarget {
    if (this.target) return this.target;
    throw this.connectError ?? new Error('helm session used before connect()');
  }

  /** `-n`, then $HELM_NAMESPACE, then the kubeconfig context's namespace, then `default`. */
  namespace(): string {
    const flag = this.flags.string('namespace');
    if (flag) return flag;
    if (this.major !== 2 && this.ctx.env.HELM_NAMESPACE) return this.ctx.env.HELM_NAMESPACE;
    try {
      return this.kube().namespace ?? 'default';
    } catch {
      return 'default';
    }
  }

  /** Helm 2's $HELM_HOME; the lab keeps it under its own directory unless told otherwise. */
  helmHome(): string {
    return (
      this.flags.string('home') ?? this.ctx.env.HELM_HOME ?? join(this.lab.dir, 'helm', 'home')
    );
  }

  repositories(): Repositories {
    if (this.major === 2)
      return new Repositories(join(this.helmHome(), 'repository', 'repositories.yaml'));
    const path =
      this.flags.string('repository-config') ??
      this.ctx.env.HELM_REPOSITORY_CONFIG ??
      join(this.lab.dir, 'helm', 'repositories.yaml');
    return new Repositories(path);
  }

  tillerNamespace(): string {
    return this.flags.string('tiller-namespace') ?? this.ctx.env.TILLER_NAMESPACE ?? 'kube-system';
  }

  /** Release storage for a namespace (Helm 3/4) or Tiller's (Helm 2). */
  storage(namespace: string): ReleaseStorage {
    const store = this.kube().cluster.store;
    return this.major === 2
      ? new ConfigMapStorage(store, this.tillerNamespace())
      : new SecretStorage(store, namespace);
  }
}
