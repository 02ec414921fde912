import { parse as parseYaml } from 'yaml';
import type { CommandListener } from './command.js';
import { PermanentError, TransientError } from './errors.js';
import { helmFailure, isReleaseNotFound } from './helm-errors.js';
import { parseReleaseList, parseStatus, type HelmRelease } from './helm-releases.js';
import { setArgs } from './helm-set-value.js';
import { withPrivateTempFile } from './private-temp-file.js';
import { runCommand, type CommandResult } from './run-command.js';

export { escapeSetKeySegment, escapeSetValue } from './helm-set-value.js';
export type { HelmRelease } from './helm-releases.js';

export type HelmMajor = 2 | 3 | 4;

export interface HelmOptions {
  binary?: string;
  listener?: CommandListener;
  env?: Record<string, string | undefined>;
}

export interface HelmCallOptions {
  signal?: AbortSignal;
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
  /** Helm 3/4 only; Helm 2's Tiller creates namespaces itself. */
  createNamespace?: boolean;
  /** `--wait` for the resources to be ready (default true); false: the caller watches them. */
  wait?: boolean;
  /** Go duration (`10m`, `90s`) for `--timeout`; default `10m`. */
  waitTimeout?: string;
  /** Where the user picks the chart version, named in the kubeVersion remedy. */
  versionSetting?: string;
}

export interface TillerInitInput {
  serviceAccount: string;
  stableRepoUrl: string;
  /** `--upgrade`: replace an existing Tiller with this client's version. */
  upgrade?: boolean;
}

const QUICK_TIMEOUT_MS = 15_000;
const READ_TIMEOUT_MS = 60_000;
const REPO_TIMEOUT_MS = 120_000;
/** Margin over helm's own `--timeout`, so helm reports its timeout before we kill it. */
const WAIT_MARGIN_MS = 60_000;
const DEFAULT_WAIT = '10m';

/** The Helm CLI, version-aware: Helm 2 (Tiller), 3 and 4 differ in flags and output. */
export class Helm {
  readonly binary: string;
  private readonly listener: CommandListener | undefined;
  private readonly env: Record<string, string | undefined> | undefined;
  private detected: Promise<HelmMajor> | undefined;
  /** The version the detection read, e.g. `v3.16.4+g7877b45`. */
  private detectedVersion = '';
  /** Runs before every helm call (the kubeconfig's OIDC token renewed first). */
  beforeRun?: () => Promise<void>;

  constructor(options: HelmOptions = {}) {
    this.binary = options.binary ?? 'helm';
    this.listener = options.listener;
    this.env = options.env;
  }

  private async run(
    args: string[],
    call: HelmCallOptions,
    timeoutMs: number,
  ): Promise<CommandResult> {
    await this.beforeRun?.();
    return runCommand([this.binary, ...args], {
      timeoutMs: call.timeoutMs ?? timeoutMs,
      ...(call.signal ? { signal: call.signal } : {}),
      ...(this.env ? { env: this.env } : {}),
      ...(this.listener ? { listener: this.listener } : {}),
      missingRemedy:
        'install Helm 3 (https://helm.sh/docs/intro/install/) and put `helm` on PATH, or configure its full path',
    });
  }

  private async output(
    args: string[],
    call: HelmCallOptions = {},
    timeoutMs = READ_TIMEOUT_MS,
    versionSetting?: string,
  ): Promise<string> {
    const result = await this.run(args, call, timeoutMs);
    if (result.exitCode !== 0) {
      throw helmFailure(result, { args, ...(versionSetting ? { versionSetting } : {}) });
    }
    return result.stdout;
  }

  /**
   * The major version, detected once: `helm version --short` (its first line is `v3.x`,
   * or `Client: v2.x` for Helm 2, which then tries Tiller and may fail or hang); if that
   * says nothing useful, `helm version -c --short` (client only; Helm 2 and 3 have -c).
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
      'install Helm 3 (or 2.16+, or 4) and put `helm` on PATH',
    );
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
    const major = await this.major(call);
    const args = major === 2 ? ['repo', 'list'] : ['repo', 'list', '-o', 'json'];
    const result = await this.run(args, call, READ_TIMEOUT_MS);
    if (/no repositories to show/i.test(result.stderr)) return [];
    if (result.exitCode !== 0) throw helmFailure(result, { args });
    return major === 2 ? parseRepoTable(result.stdout) : parseRepoJson(result.stdout);
  }

  /** Adds (or, on Helm 3/4, re-points with `--force-update`) a chart repository. */
  async repoAdd(name: string, url: string, call: HelmCallOptions = {}): Promise<void> {
    const major = await this.major(call);
    const args = ['repo', 'add', name, url, ...(major === 2 ? [] : ['--force-update'])];
    await this.output(args, call, REPO_TIMEOUT_MS);
  }

  /** `helm repo update [NAMES...]`; Helm 2 always updates every repository. */
  async repoUpdate(names: string[] = [], call: HelmCallOptions = {}): Promise<void> {
    const major = await this.major(call);
    const args = ['repo', 'update', ...(major === 2 ? [] : names)];
    const result = await this.run(args, call, REPO_TIMEOUT_MS);
    // Helm 2 exits 0 even when a repository failed; it says so on stdout.
    const v2Failure = major === 2 && /Unable to get an update/.test(result.stdout);
    if (result.exitCode !== 0 || v2Failure) throw helmFailure(result, { args });
  }

  /** The release as `helm list --all` shows it (any status), or undefined. */
  async release(
    name: string,
    namespace: string,
    call: HelmCallOptions = {},
  ): Promise<HelmRelease | undefined> {
    const major = await this.major(call);
    const filter = `^${escapeRegExp(name)}$`;
    const args =
      major === 2
        ? ['list', filter, '--namespace', namespace, '--all', '--output', 'json']
        : ['list', '-n', namespace, '--all', '--filter', filter, '-o', 'json'];
    const releases = parseReleaseList(await this.output(args, call));
    return releases.find((r) => r.name === name && (!r.namespace || r.namespace === namespace));
  }

  /** `.info.status` of the release (`deployed`, `failed`, `pending-install`, ...), or undefined. */
  async status(
    name: string,
    namespace: string,
    call: HelmCallOptions = {},
  ): Promise<string | undefined> {
    const major = await this.major(call);
    const args =
      major === 2
        ? ['status', name, '--output', 'json']
        : ['status', name, '-n', namespace, '-o', 'json'];
    const result = await this.run(args, call, READ_TIMEOUT_MS);
    if (result.exitCode !== 0) {
      if (isReleaseNotFound(result)) return undefined;
      throw helmFailure(result, { args });
    }
    return parseStatus(result.stdout);
  }

  /** The user-supplied values of the release (`{}` when none). */
  async values(
    name: string,
    namespace: string,
    call: HelmCallOptions = {},
  ): Promise<Record<string, unknown>> {
    const major = await this.major(call);
    const ns = major === 2 ? [] : ['-n', namespace];
    const asJson = await this.run(
      ['get', 'values', name, ...ns, '-o', 'json'],
      call,
      READ_TIMEOUT_MS,
    );
    if (asJson.exitCode === 0) return asRecord(parseYaml(asJson.stdout));
    // Helm 2 before 2.16 has no -o on `get values`: read its YAML instead.
    if (!/unknown shorthand flag|unknown flag/.test(asJson.stderr)) {
      throw helmFailure(asJson, { args: ['get', 'values', name] });
    }
    const yaml = await this.output(['get', 'values', name, ...ns], call);
    return asRecord(parseYaml(yaml.replace(/^USER-SUPPLIED VALUES:\n/, '')));
  }

  /**
   * The idempotent install: `helm upgrade --install ... --wait --timeout T`. Plain values
   * go as `--set`; secrets in a private values file (`-f`) that is deleted afterwards.
   */
  async upgradeInstall(input: UpgradeInstallInput, call: HelmCallOptions = {}): Promise<string> {
    const major = await this.major(call);
    const wait = input.waitTimeout ?? DEFAULT_WAIT;
    const waitMs = goDurationMs(wait);
    const base = upgradeArgs(major, input, wait);
    const timeoutMs = call.timeoutMs ?? waitMs + WAIT_MARGIN_MS;
    const runWith = (extra: string[]) =>
      this.output([...base, ...extra], { ...call, timeoutMs }, timeoutMs, input.versionSetting);
    if (!input.secretValues || Object.keys(input.secretValues).length === 0) return runWith([]);
    // JSON is YAML, and needs no YAML quoting rules to stay exact.
    const secret = JSON.stringify(input.secretValues);
    return withPrivateTempFile('secret-values.yaml', secret, (file) => runWith(['-f', file]));
  }

  /** Helm 2 only: installs Tiller with its service account and waits for it. */
  async init(input: TillerInitInput, call: HelmCallOptions = {}): Promise<void> {
    const args = [
      'init',
      '--service-account',
      input.serviceAccount,
      '--stable-repo-url',
      input.stableRepoUrl,
      ...(input.upgrade ? ['--upgrade'] : []),
      '--wait',
    ];
    await this.output(args, call, REPO_TIMEOUT_MS + 300_000);
  }
}

function upgradeArgs(major: HelmMajor, input: UpgradeInstallInput, wait: string): string[] {
  const args = ['upgrade', '--install', input.release, input.chart];
  args.push(...(major === 2 ? ['--namespace', input.namespace] : ['-n', input.namespace]));
  if (input.createNamespace && major !== 2) args.push('--create-namespace');
  if (input.version) args.push('--version', input.version);
  args.push(...setArgs(input.set));
  // Helm 2 takes whole seconds; 3 and 4 a Go duration. No --atomic: deprecated in 4.
  if (input.wait !== false) args.push('--wait');
  args.push('--timeout', major === 2 ? String(Math.ceil(goDurationMs(wait) / 1000)) : wait);
  return args;
}

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

/** Helm 2's `repo list` table: `NAME<tab>URL` header, then rows. */
function parseRepoTable(stdout: string): { name: string; url: string }[] {
  return stdout
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((cols) => cols.length >= 2 && cols[0] !== 'NAME')
    .map(([name, url]) => ({ name: name!, url: url! }));
}
