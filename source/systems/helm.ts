import { parse as parseYaml, parseAllDocuments } from 'yaml';
import type { CommandListener } from './command.js';
import { PermanentError, TransientError } from './errors.js';
import { helmFailure, isReleaseNotFound } from './helm-errors.js';
import {
  parseHistory,
  parseReleaseList,
  parseStatus,
  type HelmRelease,
  type HelmRevision,
} from './helm-releases.js';
import { setArgs } from './helm-set-value.js';
import { runCommand, type CommandResult, type StopSignals } from './run-command.js';
import type { Env } from '../shared/env.js';

export { escapeSetKeySegment, escapeSetValue } from './helm-set-value.js';
export type { HelmRelease, HelmRevision } from './helm-releases.js';

/** 2 is detected only to be refused: see helm2Refused. */
export type HelmMajor = 2 | 3 | 4;
export type SupportedHelmMajor = 3 | 4;

export interface HelmOptions extends StopSignals {
  binary?: string;
  listener?: CommandListener;
  env?: Env;
}

/** Per call: an override of the default timeout (stopping is the run's, given once). */
export interface HelmCallOptions {
  timeoutMs?: number;
}

export interface UpgradeInstallInput {
  release: string;
  chart: string;
  namespace: string;
  version?: string;
  /** Plain values for `--set` (escaped here); never secrets: they show on the command line. */
  set: Record<string, string>;
  /** Secrets (passwords...), passed in a 0600 values file that is removed afterwards. */
  secretValues?: Record<string, unknown>;
  createNamespace?: boolean;
  /** `--wait` for the resources to be ready (default true); false: the caller watches them. */
  wait?: boolean;
  /** Go duration (`10m`, `90s`) for `--timeout`; default `10m`. */
  waitTimeout?: string;
  /** Where the user picks the chart version, named in the kubeVersion remedy. */
  versionSetting?: string;
}

/** What `helm show chart` tells about one chart version. */
export interface ChartMetadata {
  name: string;
  version: string;
  appVersion: string;
  /** The Kubernetes versions the chart installs on (`< 1.35.0-0`), when it says. */
  kubeVersion?: string;
}

const QUICK_TIMEOUT_MS = 15_000;
const READ_TIMEOUT_MS = 60_000;
const REPO_TIMEOUT_MS = 120_000;
/** Margin over helm's own `--timeout`, so helm reports its timeout before we kill it. */
const WAIT_MARGIN_MS = 60_000;
const DEFAULT_WAIT = '10m';
const INSTALL_HELM =
  'install Helm 3 (3.2 or later) or Helm 4 and put `helm` on PATH (https://helm.sh/docs/intro/install/)';

/**
 * Helm 2 cannot install what the installer needs on any supported TKGI: Rancher's chart is
 * `apiVersion: v2` since Rancher 2.7.2 and Helm 2 refuses it (helm v2.17.0
 * pkg/chartutil/load.go: `apiVersion '%s' is not valid. The value must be "v1"`); the
 * walkthrough's stable/nginx-ingress needs the v1beta1 Ingress API, gone since Kubernetes
 * 1.22; and Helm 2 before 2.17 pulls Tiller from a registry that no longer serves it.
 */
export function helm2Refused(version: string): PermanentError {
  return new PermanentError(
    `helm ${version || 'v2'} is Helm 2, which cannot install today's charts: Rancher's chart is apiVersion v2 since Rancher 2.7.2 and Helm 2 refuses it (apiVersion 'v2' is not valid)`,
    `${INSTALL_HELM}; Tiller is not needed`,
  );
}

/** The Helm CLI, version-aware: Helm 3 and 4 differ in flags; Helm 2 is detected and refused. */
export class Helm {
  readonly binary: string;
  private readonly listener: CommandListener | undefined;
  private readonly env: Env | undefined;
  private readonly stop: StopSignals;
  private detected: Promise<HelmMajor> | undefined;
  /** The version the detection read, e.g. `v3.16.4+g7877b45`. */
  private detectedVersion = '';
  /** Runs before every helm call (the kubeconfig's OIDC token renewed first). */
  beforeRun?: () => Promise<void>;

  constructor(options: HelmOptions = {}) {
    this.binary = options.binary ?? 'helm';
    this.listener = options.listener;
    this.env = options.env;
    this.stop = { signal: options.signal, killSignal: options.killSignal };
  }

  private async run(
    args: string[],
    call: HelmCallOptions,
    timeoutMs: number,
    input?: string,
  ): Promise<CommandResult> {
    await this.beforeRun?.();
    return runCommand([this.binary, ...args], {
      timeoutMs: call.timeoutMs ?? timeoutMs,
      ...(input !== undefined ? { input } : {}),
      ...this.stop,
      ...(this.env ? { env: this.env } : {}),
      ...(this.listener ? { listener: this.listener } : {}),
      missingRemedy: `${INSTALL_HELM}, or configure its full path`,
    });
  }

  private async output(
    args: string[],
    call: HelmCallOptions = {},
    timeoutMs = READ_TIMEOUT_MS,
    versionSetting?: string,
    input?: string,
  ): Promise<string> {
    const result = await this.run(args, call, timeoutMs, input);
    if (result.exitCode !== 0) {
      throw helmFailure(result, { args, ...(versionSetting ? { versionSetting } : {}) });
    }
    return result.stdout;
  }

  /**
   * The major version, detected once: `helm version --short` (its first line is `v3.x`,
   * or `Client: v2.x` for Helm 2, which then tries Tiller and may fail or hang); if that
   * says nothing useful, `helm version -c --short` (client only; Helm 2 and 3 have -c,
   * Helm 4 has not, but Helm 4 always answers the first call).
   */
  major(call: HelmCallOptions = {}): Promise<HelmMajor> {
    this.detected ??= this.detectMajor(call).catch((e: unknown) => {
      this.detected = undefined;
      throw e;
    });
    return this.detected;
  }

  private async detectMajor(call: HelmCallOptions): Promise<HelmMajor> {
    const first = await this.tryVersion(['version', '--short'], call);
    const major = first === undefined ? undefined : majorOf(first);
    if (major !== undefined) {
      this.detectedVersion = versionOf(first!);
      return major;
    }
    const clientOnly = await this.tryVersion(['version', '-c', '--short'], call);
    const fallback = clientOnly === undefined ? undefined : majorOf(clientOnly);
    if (fallback !== undefined) {
      this.detectedVersion = versionOf(clientOnly!);
      return fallback;
    }
    throw new PermanentError(
      `could not tell which Helm this is: \`${this.binary} version --short\` printed ${JSON.stringify((first ?? clientOnly ?? '').slice(0, 120))}`,
      INSTALL_HELM,
    );
  }

  /** The major, refusing Helm 2 with the reason and the fix. */
  private async supportedMajor(call: HelmCallOptions): Promise<SupportedHelmMajor> {
    const major = await this.major(call);
    if (major === 2) throw helm2Refused(this.detectedVersion);
    return major;
  }

  /** The major and the full client version (`v3.16.4+g7877b45`), detected once. */
  async version(call: HelmCallOptions = {}): Promise<{ major: HelmMajor; version: string }> {
    const major = await this.major(call);
    return { major, version: this.detectedVersion };
  }

  /** stdout+stderr of a version call; a hang (Helm 2 looking for Tiller) counts as no answer. */
  private async tryVersion(args: string[], call: HelmCallOptions): Promise<string | undefined> {
    try {
      const r = await this.run(args, call, QUICK_TIMEOUT_MS);
      return `${r.stdout}\n${r.stderr}`;
    } catch (e) {
      if (e instanceof TransientError) return undefined;
      throw e;
    }
  }

  async repoList(call: HelmCallOptions = {}): Promise<{ name: string; url: string }[]> {
    await this.supportedMajor(call);
    const args = ['repo', 'list', '-o', 'json'];
    const result = await this.run(args, call, READ_TIMEOUT_MS);
    // Older Helm 3 releases said this on stderr; 3.18 and 4 print `[]`.
    if (/no repositories to show/i.test(result.stderr)) return [];
    if (result.exitCode !== 0) throw helmFailure(result, { args });
    return parseRepoJson(result.stdout);
  }

  /** Adds or re-points (`--force-update`) a chart repository. */
  async repoAdd(name: string, url: string, call: HelmCallOptions = {}): Promise<void> {
    await this.supportedMajor(call);
    await this.output(['repo', 'add', name, url, '--force-update'], call, REPO_TIMEOUT_MS);
  }

  /** `helm repo update [NAMES...]`. */
  async repoUpdate(names: string[] = [], call: HelmCallOptions = {}): Promise<void> {
    await this.supportedMajor(call);
    await this.output(['repo', 'update', ...names], call, REPO_TIMEOUT_MS);
  }

  /**
   * `helm list` in any status. Without --all Helm 3 lists only deployed and failed releases;
   * Helm 4 lists every status by default and has no --all (`Error: unknown flag: --all`;
   * pkg/cmd/list.go and pkg/action/list.go SetStateMask at v4.1.4).
   */
  private async list(namespace: string, filter: string[], call: HelmCallOptions) {
    const major = await this.supportedMajor(call);
    const all = major === 3 ? ['--all'] : [];
    const args = ['list', '-n', namespace, ...all, ...filter, '-o', 'json'];
    const releases = parseReleaseList(await this.output(args, call));
    return releases.filter((r) => !r.namespace || r.namespace === namespace);
  }

  /** Every release in the namespace, in any status (deployed, failed, pending-…). */
  releases(namespace: string, call: HelmCallOptions = {}): Promise<HelmRelease[]> {
    return this.list(namespace, [], call);
  }

  /** The release in any status (deployed, failed, pending-…), or undefined. */
  async release(
    name: string,
    namespace: string,
    call: HelmCallOptions = {},
  ): Promise<HelmRelease | undefined> {
    const filter = ['--filter', `^${escapeRegExp(name)}$`];
    return (await this.list(namespace, filter, call)).find((r) => r.name === name);
  }

  /**
   * `helm uninstall NAME -n NS --wait --timeout T`: removes the release and waits for its
   * resources to go. A release already gone is not an error (a resume may repeat it).
   */
  async uninstall(
    name: string,
    namespace: string,
    waitTimeout = DEFAULT_WAIT,
    call: HelmCallOptions = {},
  ): Promise<boolean> {
    await this.supportedMajor(call);
    const args = ['uninstall', name, '-n', namespace, '--wait', '--timeout', waitTimeout];
    const timeoutMs = goDurationMs(waitTimeout) + WAIT_MARGIN_MS;
    const result = await this.run(args, call, timeoutMs);
    if (result.exitCode === 0) return true;
    if (isReleaseNotFound(result)) return false;
    throw helmFailure(result, { args });
  }

  /** `.info.status` of the release (`deployed`, `failed`, `pending-install`, ...), or undefined. */
  async status(
    name: string,
    namespace: string,
    call: HelmCallOptions = {},
  ): Promise<string | undefined> {
    await this.supportedMajor(call);
    const args = ['status', name, '-n', namespace, '-o', 'json'];
    const result = await this.run(args, call, READ_TIMEOUT_MS);
    if (result.exitCode !== 0) {
      if (isReleaseNotFound(result)) return undefined;
      throw helmFailure(result, { args });
    }
    return parseStatus(result.stdout);
  }

  /** The release's last `max` revisions, oldest first; `[]` when there is no such release. */
  async history(
    name: string,
    namespace: string,
    max = 10,
    call: HelmCallOptions = {},
  ): Promise<HelmRevision[]> {
    await this.supportedMajor(call);
    const args = ['history', name, '-n', namespace, '--max', String(max), '-o', 'json'];
    const result = await this.run(args, call, READ_TIMEOUT_MS);
    if (result.exitCode !== 0) {
      if (isReleaseNotFound(result)) return [];
      throw helmFailure(result, { args });
    }
    return parseHistory(result.stdout);
  }

  /** The user-supplied values of the release (`{}` when none). */
  async values(
    name: string,
    namespace: string,
    call: HelmCallOptions = {},
  ): Promise<Record<string, unknown>> {
    await this.supportedMajor(call);
    const json = await this.output(['get', 'values', name, '-n', namespace, '-o', 'json'], call);
    return asRecord(parseYaml(json));
  }

  /**
   * The idempotent install: `helm upgrade --install ... --wait --timeout T`. Plain values
   * go as `--set`; secrets through stdin (`-f -`, helm 3 and 4 read it): no file holds them
   * even for a moment, so a crash cannot leave one behind.
   */
  async upgradeInstall(input: UpgradeInstallInput, call: HelmCallOptions = {}): Promise<string> {
    const major = await this.supportedMajor(call);
    const wait = input.waitTimeout ?? DEFAULT_WAIT;
    const waitMs = goDurationMs(wait);
    const base = upgradeArgs(major, input, wait);
    const timeoutMs = call.timeoutMs ?? waitMs + WAIT_MARGIN_MS;
    const secrets = input.secretValues && Object.keys(input.secretValues).length > 0;
    // JSON is YAML, and needs no YAML quoting rules to stay exact.
    return this.output(
      secrets ? [...base, '-f', '-'] : base,
      { ...call, timeoutMs },
      timeoutMs,
      input.versionSetting,
      secrets ? JSON.stringify(input.secretValues) : undefined,
    );
  }

  /**
   * Every version a repository offers for `REPO/CHART`, as `helm search repo` lists them
   * (stable ones only, as helm does without `--devel`). The repository must be added.
   */
  async chartVersions(chartRef: string, call: HelmCallOptions = {}): Promise<string[]> {
    const out = await this.output(
      ['search', 'repo', chartRef, '--versions', '-o', 'json'],
      call,
      REPO_TIMEOUT_MS,
    );
    const rows: unknown = out.trim() ? JSON.parse(out) : [];
    if (!Array.isArray(rows)) return [];
    // `search repo` matches by keyword: keep the chart itself, not `REPO/CHART-something`.
    return rows
      .map(asRecord)
      .filter((r) => r.name === chartRef && typeof r.version === 'string')
      .map((r) => r.version as string);
  }

  /**
   * A chart's Chart.yaml: `helm show chart CHART [--version V]`, where CHART is `REPO/NAME`
   * of an added repository, or a bare name with `repoUrl` (`--repo`: nothing is added).
   */
  async showChart(
    chart: string,
    options: { version?: string; repoUrl?: string } = {},
    call: HelmCallOptions = {},
  ): Promise<ChartMetadata> {
    const args = ['show', 'chart', chart];
    if (options.repoUrl) args.push('--repo', options.repoUrl);
    if (options.version) args.push('--version', options.version);
    const meta = asRecord(parseYaml(await this.output(args, call, REPO_TIMEOUT_MS)));
    const text = (key: string) => (typeof meta[key] === 'string' ? (meta[key] as string) : '');
    return {
      name: text('name'),
      version: text('version'),
      appVersion: text('appVersion'),
      ...(text('kubeVersion') ? { kubeVersion: text('kubeVersion') } : {}),
    };
  }

  /**
   * The chart's crds/ files (`helm show crds CHART --version V`): Helm creates them on install
   * only and never upgrades them (helm docs, "Custom Resource Definitions": "There is no
   * support at this time for upgrading or deleting CRDs using Helm"), so an upgrade applies them.
   */
  async showCrds(
    chart: string,
    options: { version?: string } = {},
    call: HelmCallOptions = {},
  ): Promise<Record<string, unknown>[]> {
    const args = ['show', 'crds', chart];
    if (options.version) args.push('--version', options.version);
    const text = await this.output(args, call, REPO_TIMEOUT_MS);
    return parseAllDocuments(text)
      .map((d) => d.toJS() as unknown)
      .filter((d): d is Record<string, unknown> => typeof d === 'object' && d !== null)
      .filter((d) => d.kind === 'CustomResourceDefinition');
  }
}

function upgradeArgs(
  major: SupportedHelmMajor,
  input: UpgradeInstallInput,
  wait: string,
): string[] {
  const args = ['upgrade', '--install', input.release, input.chart, '-n', input.namespace];
  if (input.createNamespace) args.push('--create-namespace');
  if (input.version) args.push('--version', input.version);
  args.push(...setArgs(input.set));
  // No --atomic: deprecated in Helm 4. A bare --wait is Helm 4's `watcher` strategy.
  if (input.wait !== false) args.push('--wait');
  args.push('--timeout', wait);
  if (major === 4) args.push(...helm4ApplyArgs);
  return args;
}

/**
 * Helm 4 applies server-side, and an upgrade fails with `Apply failed with N conflict(s)`
 * when another field manager owns a field the chart sets with another value (a cert job
 * patching a webhook's caBundle, `kubectl scale`). `--force-conflicts` takes those fields
 * back, but Helm 4.1.4 refuses it when server-side apply resolves to false (pkg/kube/client.go
 * ClientUpdateOptionServerSideApply: "forceConflicts enabled when serverSideApply disabled"),
 * and the default `--server-side=auto` means "as the previous revision did"
 * (pkg/action/upgrade.go getUpgradeServerSideValue): false for a release Helm 3 installed.
 * Hence both flags (pkg/cmd/upgrade.go:279-280 at v4.1.4).
 */
const helm4ApplyArgs = ['--server-side=true', '--force-conflicts'];

/** The major from `v3.16.4+g...` or `Client: v2.16.10+g...` (first matching line). */
export function majorOf(versionOutput: string): HelmMajor | undefined {
  for (const line of versionOutput.split('\n')) {
    const m = /(?:^|\s|:)v(\d+)\./.exec(line.trim());
    if (!m) continue;
    const n = Number(m[1]);
    if (n === 2 || n === 3) return n;
    if (n >= 4) return 4;
    return undefined;
  }
  return undefined;
}

/** The first `vX.Y.Z...` in a version output (`Client: v2.16.10+g...` gives `v2.16.10+g...`). */
export function versionOf(versionOutput: string): string {
  return /\bv\d+\.\d+[\w.+-]*/.exec(versionOutput)?.[0] ?? '';
}

const durationUnits: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A Go duration (`10m`, `1h30m`, `90s`) in ms; a bare number is seconds. */
export function goDurationMs(text: string): number {
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) {
    throw new PermanentError(`invalid helm timeout "${text}"`, 'use a duration like 10m or 600s');
  }
  return parts.reduce((ms, p) => ms + Number(p[1]) * (durationUnits[p[2]!] ?? 0), 0);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function parseRepoJson(stdout: string): { name: string; url: string }[] {
  const value: unknown = stdout.trim() ? JSON.parse(stdout) : [];
  if (!Array.isArray(value)) return [];
  return value.flatMap((r: unknown) => {
    const row = asRecord(r);
    return typeof row.name === 'string' && typeof row.url === 'string'
      ? [{ name: row.name, url: row.url }]
      : [];
  });
}
