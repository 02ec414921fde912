import type { ClusterRecord } from './cluster-record.js';
import type { NetworkProfile } from './network-profiles.js';
import { DEFAULT_PLANS, type Plan } from './plans.js';

export interface PksStateOptions {
  /** Start with a session, as if `pks login` ran before the installer (default true). */
  loggedIn?: boolean;
  /** The API endpoint the default session is for (default `api.pks.DOMAIN`). */
  apiEndpoint?: string;
  /** The lab zone, used for the default endpoint (LabOptions.domain fits here). */
  domain?: string;
  /** The default session's user (default `admin`). */
  user?: string;
  /** Whether users hold the `pks.clusters.admin` scope (default true). */
  clusterAdmin?: boolean;
  /** The CLI/API version `--version` and `--json` report. */
  version?: string;
  /** Replaces the default plans. */
  plans?: readonly Plan[];
}

/** A login session. The password is never kept. */
export interface PksSession {
  apiEndpoint: string;
  user: string;
  skipSslValidation: boolean;
  caCertPath?: string;
  clusterAdmin: boolean;
}

export const DEFAULT_PKS_VERSION = '1.20.0-build.37';

/** Everything the fake PKS API holds: one per lab, in memory. */
export class PksState {
  readonly plans: readonly Plan[];
  readonly version: string;
  readonly defaultApiEndpoint: string;
  readonly clusterAdmin: boolean;
  private currentSession: PksSession | undefined;
  private readonly profiles = new Map<string, NetworkProfile>();
  private readonly clusters = new Map<string, ClusterRecord>();
  private readonly operations = new Set<Promise<void>>();

  constructor(options: PksStateOptions = {}) {
    this.plans = options.plans ?? DEFAULT_PLANS;
    this.version = options.version ?? DEFAULT_PKS_VERSION;
    this.defaultApiEndpoint = options.apiEndpoint ?? `api.pks.${options.domain ?? 'lab.test'}`;
    this.clusterAdmin = options.clusterAdmin ?? true;
    if (options.loggedIn ?? true) {
      this.currentSession = {
        apiEndpoint: this.defaultApiEndpoint,
        user: options.user ?? 'admin',
        skipSslValidation: true,
        clusterAdmin: this.clusterAdmin,
      };
    }
  }

  get session(): Readonly<PksSession> | undefined {
    return this.currentSession;
  }

  login(session: PksSession): void {
    this.currentSession = { ...session };
  }

  logout(): void {
    this.currentSession = undefined;
  }

  plan(name: string): Plan | undefined {
    return this.plans.find((p) => p.name === name);
  }

  networkProfile(name: string): NetworkProfile | undefined {
    return this.profiles.get(name);
  }

  networkProfiles(): NetworkProfile[] {
    return [...this.profiles.values()];
  }

  addNetworkProfile(profile: NetworkProfile): void {
    this.profiles.set(profile.name, profile);
  }

  deleteNetworkProfile(name: string): void {
    this.profiles.delete(name);
  }

  cluster(name: string): ClusterRecord | undefined {
    return this.clusters.get(name);
  }

  clusterList(): ClusterRecord[] {
    return [...this.clusters.values()];
  }

  addCluster(record: ClusterRecord): void {
    this.clusters.set(record.name, record);
  }

  removeCluster(name: string): void {
    this.clusters.delete(name);
  }

  /** Remembers a running CREATE/DELETE so `idle()` can wait for it. */
  track(operation: Promise<void>): void {
    this.operations.add(operation);
    const forget = () => void this.operations.delete(operation);
    operation.then(forget, forget);
  }

  /** Resolves when no CREATE/DELETE is running (tests and `lab down`). */
  async idle(): Promise<void> {
    while (this.operations.size > 0) {
      await Promise.allSettled([...this.operations]);
    }
  }
}
