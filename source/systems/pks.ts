import type { CommandListener } from './command.js';
import { PermanentError } from './errors.js';
import { findOnPath } from './on-path.js';
import { classifyPksFailure, PksError, pksFailure } from './pks-errors.js';
import {
  parseCluster,
  parseClusters,
  parseNetworkProfile,
  parseNetworkProfiles,
  parsePlans,
  type NetworkProfile,
  type PksCluster,
  type Plan,
} from './pks-json.js';
import { credentialsFailure, passwordEnv } from './pks-password.js';
import { withPrivateTempFile } from './private-temp-file.js';
import { runCommand, type CommandResult, type StopSignals } from './run-command.js';
import type { Env } from '../shared/env.js';

export { isFailedState, realIps } from './pks-json.js';
export type { NetworkProfile, PksCluster, Plan } from './pks-json.js';

export type PksBinary = 'pks' | 'tkgi';

export interface PksOptions extends StopSignals {
  /** `pks`, `tkgi`, or a path to either. */
  binary: PksBinary | string;
  listener?: CommandListener;
  env?: Env;
}

/** Per call: an override of the default timeout (stopping is the run's, given once). */
export interface PksCallOptions {
  timeoutMs?: number;
}

export type LoginState = { ok: true } | { ok: false; message: string; remedy: string };

export interface CreateNetworkProfileInput {
  name: string;
  description: string;
  lbSize: 'small' | 'medium' | 'large';
}

export interface CreateClusterInput {
  name: string;
  externalHostname: string;
  plan: string;
  networkProfile?: string;
  /** `-n`: workers other than the plan's. */
  workers?: number;
}

/** Reads answer in seconds; create/get-credentials talk to BOSH and UAA and may take longer. */
const READ_TIMEOUT_MS = 60_000;
const WRITE_TIMEOUT_MS = 180_000;

/** The PKS / TKGI CLI (`pks` and `tkgi` take the same commands and flags). */
export class Pks {
  readonly binary: string;
  private readonly listener: CommandListener | undefined;
  private readonly env: Env | undefined;
  private readonly stop: StopSignals;

  constructor(options: PksOptions) {
    this.binary = options.binary;
    this.listener = options.listener;
    this.env = options.env;
    this.stop = { signal: options.signal, killSignal: options.killSignal };
  }

  /** Which CLI is on PATH: the configured one if present, else `pks`, else `tkgi`. */
  static detect(env: Env = process.env, configured?: PksBinary): PksBinary | undefined {
    const order: PksBinary[] = configured === 'tkgi' ? ['tkgi', 'pks'] : ['pks', 'tkgi'];
    return order.find((b) => findOnPath(b, env) !== undefined);
  }

  /** The name the user types (`pks` for `/opt/bin/pks`), for messages and remedies. */
  private get tool(): string {
    return this.binary.split('/').at(-1) ?? this.binary;
  }

  private run(
    args: string[],
    call: PksCallOptions,
    timeoutMs: number,
    extraEnv?: Record<string, string>,
  ): Promise<CommandResult> {
    const env = extraEnv ? { ...this.env, ...extraEnv } : this.env;
    return runCommand([this.binary, ...args], {
      timeoutMs: call.timeoutMs ?? timeoutMs,
      ...this.stop,
      ...(env ? { env } : {}),
      ...(this.listener ? { listener: this.listener } : {}),
      missingRemedy: `install the ${this.tool === 'tkgi' ? 'TKGI' : 'PKS'} CLI (\`pks\` or \`tkgi\`) and put it on PATH`,
      // Said plainly: "not found" output must never read as "log in".
      ...(this.binary.includes('/')
        ? {}
        : { missingMessage: `pks/tkgi is not on PATH (looked for ${this.binary})` }),
    });
  }

  /** Runs and returns stdout; a non-zero exit becomes the classified error. */
  private async output(args: string[], call: PksCallOptions = {}, timeoutMs = READ_TIMEOUT_MS) {
    const result = await this.run(args, call, timeoutMs);
    if (result.exitCode !== 0) throw pksFailure(this.tool, args, result);
    return result.stdout;
  }

  /** Runs a read that may name something missing: `undefined` then, other failures throw. */
  private async outputUnlessNotFound(args: string[], call: PksCallOptions) {
    const result = await this.run(args, call, READ_TIMEOUT_MS);
    if (result.exitCode === 0) return result.stdout;
    if (classifyPksFailure(`${result.stderr}\n${result.stdout}`) === 'not-found') return undefined;
    throw pksFailure(this.tool, args, result);
  }

  /** `pks --version`: the version text, e.g. `1.7.0-build.26`. */
  async version(call: PksCallOptions = {}): Promise<string> {
    const out = await this.output(['--version'], call);
    const line = out.split('\n').find((l) => l.trim()) ?? '';
    return /(\d+\.\d+[\w.+-]*)/.exec(line)?.[1] ?? line.trim();
  }

  /**
   * Whether the CLI has a usable session: a cheap authenticated read (`plans`).
   * Only a not-logged-in answer says no; a missing CLI or an unreachable API throws.
   */
  async loggedIn(call: PksCallOptions = {}): Promise<LoginState> {
    try {
      await this.output(['plans', '--json'], call);
      return { ok: true };
    } catch (e) {
      if (e instanceof PksError && e.kind === 'not-logged-in')
        return { ok: false, message: e.message, remedy: e.remedy };
      throw e;
    }
  }

  async plans(call: PksCallOptions = {}): Promise<Plan[]> {
    return parsePlans(await this.output(['plans', '--json'], call));
  }

  async networkProfiles(call: PksCallOptions = {}): Promise<NetworkProfile[]> {
    return parseNetworkProfiles(await this.output(['network-profiles', '--json'], call));
  }

  async networkProfile(
    name: string,
    call: PksCallOptions = {},
  ): Promise<NetworkProfile | undefined> {
    const out = await this.outputUnlessNotFound(['network-profile', name, '--json'], call);
    return out === undefined ? undefined : parseNetworkProfile(out);
  }

  /**
   * `pks create-network-profile FILE` (the command takes no --json). The file goes to a
   * private temp dir and is removed afterwards. Needs the `pks.clusters.admin` scope.
   */
  async createNetworkProfile(input: CreateNetworkProfileInput, call: PksCallOptions = {}) {
    const body = {
      name: input.name,
      description: input.description,
      parameters: { lb_size: input.lbSize },
    };
    await withPrivateTempFile(
      `${safeFileName(input.name)}.json`,
      JSON.stringify(body, null, 2),
      (file) => this.output(['create-network-profile', file], call, WRITE_TIMEOUT_MS),
    );
  }

  async cluster(name: string, call: PksCallOptions = {}): Promise<PksCluster | undefined> {
    const out = await this.outputUnlessNotFound(['cluster', name, '--json'], call);
    return out === undefined ? undefined : parseCluster(out);
  }

  async clusters(call: PksCallOptions = {}): Promise<PksCluster[]> {
    return parseClusters(await this.output(['clusters', '--json'], call));
  }

  /**
   * Starts `pks create-cluster` and returns the cluster as PKS first reports it (the
   * build then runs for many minutes: watch it with `cluster()`).
   */
  async createCluster(input: CreateClusterInput, call: PksCallOptions = {}): Promise<PksCluster> {
    const out = await this.output([...createClusterArgs(input), '--json'], call, WRITE_TIMEOUT_MS);
    try {
      return parseCluster(out);
    } catch {
      // Older CLIs print text here even with --json: ask again.
      const cluster = await this.cluster(input.name, call);
      if (cluster) return cluster;
      throw new PermanentError(
        `${this.tool} create-cluster ${input.name} reported success, but the cluster is not listed`,
        `check \`${this.tool} clusters\``,
      );
    }
  }

  /**
   * `pks delete-cluster NAME --non-interactive`: starts the deletion (BOSH then runs it for
   * minutes: `cluster()` shows last_action DELETE `in progress` until the cluster is not
   * found, as TKGI's "Verify Cluster Deletion" describes). `--non-interactive` ("Don't ask for
   * user input") is in the TKGI CLI reference, so no version can stop and wait for a `y`.
   * A cluster already gone is not an error (a resume may repeat it): false then.
   */
  async deleteCluster(name: string, call: PksCallOptions = {}): Promise<boolean> {
    const args = ['delete-cluster', name, '--non-interactive'];
    const result = await this.run(args, call, WRITE_TIMEOUT_MS);
    if (result.exitCode === 0) return true;
    if (classifyPksFailure(`${result.stderr}\n${result.stdout}`) === 'not-found') return false;
    throw pksFailure(this.tool, args, result);
  }

  /**
   * `pks delete-network-profile NAME --non-interactive` (TKGI CLI reference: "The profile
   * cannot be deleted if it is in use"). Gone already: false.
   */
  async deleteNetworkProfile(name: string, call: PksCallOptions = {}): Promise<boolean> {
    const args = ['delete-network-profile', name, '--non-interactive'];
    const result = await this.run(args, call, WRITE_TIMEOUT_MS);
    if (result.exitCode === 0) return true;
    if (classifyPksFailure(`${result.stderr}\n${result.stdout}`) === 'not-found') return false;
    throw pksFailure(this.tool, args, result);
  }

  /**
   * `pks get-credentials NAME` (no --json): writes the context into $KUBECONFIG. With OIDC
   * it needs the user's password: given, it reaches the child through its environment only.
   * Without one, a CLI that asks for it fails with PasswordNeededError.
   */
  async getCredentials(
    name: string,
    call: PksCallOptions & { password?: string } = {},
  ): Promise<void> {
    const args = ['get-credentials', name];
    const secret = call.password === undefined ? undefined : passwordEnv(call.password);
    const result = await this.run(args, call, WRITE_TIMEOUT_MS, secret);
    if (result.exitCode !== 0) {
      throw credentialsFailure(this.tool, name, result, call.password !== undefined);
    }
    const out = result.stdout;
    if (!out.includes('Context set for cluster')) {
      throw new PermanentError(
        `${this.tool} get-credentials ${name} did not say "Context set for cluster"`,
        `run \`${this.tool} get-credentials ${name}\` by hand and check its output (and that KUBECONFIG is writable)`,
      );
    }
  }
}

/**
 * `create-cluster NAME -e HOST -p PLAN [--network-profile NP] [-n N] --non-interactive`:
 * `--non-interactive` ("Don't ask for user input") is in every CLI reference from PKS 1.4
 * to TKGI 1.20 (FACTS), so no version can stop and wait for a `y`.
 */
export function createClusterArgs(input: CreateClusterInput): string[] {
  const args = ['create-cluster', input.name, '-e', input.externalHostname, '-p', input.plan];
  if (input.networkProfile) args.push('--network-profile', input.networkProfile);
  if (input.workers !== undefined) args.push('-n', String(input.workers));
  return [...args, '--non-interactive'];
}

/** Profile names are validated by PKS, but the file name must never escape the temp dir. */
function safeFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9_.-]/g, '_').replace(/^\.+/, '_') || 'network-profile';
}
