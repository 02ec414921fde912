import semver from 'semver';
import { kubeVersionAdmits, majorLine, minorLine } from './chart-version.js';
import { minorOf, supports } from './rancher-support.js';

/**
 * Planning an upgrade as hops. Rancher must not skip a minor line: 2.12 → 2.14 goes through
 * 2.13 (SUSE KB 360051866152, "Rancher upgrade path"; the upgrade docs say the same), and each
 * hop lands on the newest patch of its line that the cluster's Kubernetes admits, so the
 * next hop starts from the release the next line was tested against.
 */

/** A chart version as the repository lists it (`helm search repo --versions`, `helm show chart`). */
export interface ChartRelease {
  version: string;
  /** The chart's `kubeVersion` constraint, if any. */
  kubeVersion?: string;
}

export interface HopRules {
  /** The line a version belongs to: `2.13` for Rancher, the major for Traefik. */
  lineOf(version: string): string;
  /**
   * Whether the vendor validates `line` on the cluster's Kubernetes minor: false takes the
   * line out of the default target; undefined means no data (allowed).
   */
  supported?(line: string, kubeMinor: string): boolean | undefined;
}

export interface HopInput {
  /** The chart version installed now (`2.12.3` or `v2.12.3`). */
  installed: string;
  /** What the repository offers, in any order. */
  available: readonly ChartRelease[];
  /** The cluster's Kubernetes (`v1.33.2+vmware.1`). */
  kubeVersion: string;
  /** `--rancher-version` / `--ingress-version`: the version to end on. */
  target?: string;
}

export interface Hop {
  from: string;
  to: string;
  kubeVersion?: string;
  /** Validated on this Kubernetes (undefined: no data); the UI warns on false. */
  supported: boolean | undefined;
}

export type HopPlan =
  | { kind: 'hops'; target: string; hops: Hop[] }
  /** Installed is already the newest that fits (or the asked-for version). */
  | { kind: 'current'; installed: string; newest: string | undefined }
  | { kind: 'refused'; reason: string };

/** Rancher's rules: minor lines, SUSE's support window. */
export const rancherHopRules: HopRules = {
  lineOf: minorLine,
  supported: (line, kubeMinor) => supports(line, kubeMinor),
};

/**
 * The ingress controller's rules: a chart major is a line, since Traefik's chart puts its
 * breaking changes (moved value paths, CRD updates helm does not apply) in majors and its
 * upgrade notes are read one major at a time (traefik-helm-chart README, "Upgrading";
 * that skipping one breaks an install is unverified). No support window.
 */
export const ingressHopRules: HopRules = { lineOf: majorLine };

function clean(version: string): string {
  return version.trim().replace(/^v/, '');
}

function stable(available: readonly ChartRelease[]): ChartRelease[] {
  return available
    .filter((r) => semver.valid(clean(r.version)) && !semver.prerelease(clean(r.version)))
    .map((r) => ({ ...r, version: clean(r.version) }))
    .sort((a, b) => semver.rcompare(a.version, b.version));
}

/** The newest release of each line that the cluster admits, newest line first. */
function newestFittingPerLine(
  releases: ChartRelease[],
  kubeVersion: string,
  rules: HopRules,
): Map<string, ChartRelease> {
  const heads = new Map<string, ChartRelease>();
  for (const r of releases) {
    const line = rules.lineOf(r.version);
    if (!heads.has(line) && kubeVersionAdmits(r.kubeVersion, kubeVersion)) heads.set(line, r);
  }
  return heads;
}

/** The lines a same-major walk must cross, from after `from` up to `to` (`2.12`, `2.14` → 2.13, 2.14). */
function missingLines(from: string, to: string, present: Set<string>): string[] {
  const [fromMajor, fromMinor] = from.split('.').map(Number);
  const [toMajor, toMinor] = to.split('.').map(Number);
  if (fromMajor !== toMajor || toMinor === undefined || fromMinor === undefined) return [];
  const missing: string[] = [];
  for (let m = fromMinor + 1; m <= toMinor; m++) {
    if (!present.has(`${fromMajor}.${m}`)) missing.push(`${fromMajor}.${m}`);
  }
  return missing;
}

function chooseTarget(
  input: HopInput,
  releases: ChartRelease[],
  rules: HopRules,
  kubeMinor: string,
): ChartRelease | string {
  if (input.target) {
    const wanted = clean(input.target);
    const found = releases.find((r) => r.version === wanted);
    if (!found) return `version ${wanted} is not in the chart repository`;
    if (!kubeVersionAdmits(found.kubeVersion, input.kubeVersion))
      return `chart ${wanted} requires kubeVersion ${found.kubeVersion}, which is incompatible with Kubernetes ${input.kubeVersion}`;
    return found;
  }
  const fits = releases.filter((r) => kubeVersionAdmits(r.kubeVersion, input.kubeVersion));
  const inWindow = fits.find(
    (r) => rules.supported?.(rules.lineOf(r.version), kubeMinor) !== false,
  );
  return inWindow ?? fits[0] ?? `no chart version fits Kubernetes ${input.kubeVersion}`;
}

/**
 * From the installed version to the target (asked for, or the newest that fits the cluster
 * and its support window), one hop per line, never skipping one. Downgrades are refused:
 * Rancher goes back by `helm rollback` and a backup restore, not by an older chart.
 */
export function planHops(input: HopInput, rules: HopRules): HopPlan {
  const installed = clean(input.installed);
  if (!semver.valid(installed))
    return { kind: 'refused', reason: `installed version ${input.installed} is not a version` };
  const releases = stable(input.available);
  const kubeMinor = minorOf(input.kubeVersion) ?? input.kubeVersion;
  const target = chooseTarget(input, releases, rules, kubeMinor);
  if (typeof target === 'string') return { kind: 'refused', reason: target };
  if (semver.lt(target.version, installed)) {
    if (!input.target) return { kind: 'current', installed, newest: target.version };
    return {
      kind: 'refused',
      reason: `${target.version} is older than the installed ${installed}: go back with helm rollback (and a backup restore for Rancher), not an older chart`,
    };
  }
  if (semver.eq(target.version, installed))
    return { kind: 'current', installed, newest: target.version };

  const fromLine = rules.lineOf(installed);
  const toLine = rules.lineOf(target.version);
  const heads = newestFittingPerLine(
    releases.filter((r) => semver.lte(r.version, target.version)),
    input.kubeVersion,
    rules,
  );
  const gaps = missingLines(
    fromLine,
    toLine,
    new Set(releases.map((r) => rules.lineOf(r.version))),
  );
  if (gaps.length > 0)
    return {
      kind: 'refused',
      reason: `the chart repository has no ${gaps.join(', ')} release, and an upgrade must not skip a line`,
    };
  // Every line after the installed one up to the target's, oldest first.
  const crossed = releases
    .filter((r) => semver.gt(r.version, installed) && semver.lte(r.version, target.version))
    .map((r) => rules.lineOf(r.version))
    .filter((line, i, all) => line !== fromLine && all.indexOf(line) === i)
    .reverse();
  if (fromLine === toLine) crossed.push(toLine);
  const hops: Hop[] = [];
  let from = installed;
  for (const line of crossed) {
    const to = line === toLine ? target : heads.get(line);
    if (!to)
      return {
        kind: 'refused',
        reason: `no ${line} chart fits Kubernetes ${input.kubeVersion}, and an upgrade must not skip a line`,
      };
    hops.push({
      from,
      to: to.version,
      ...(to.kubeVersion ? { kubeVersion: to.kubeVersion } : {}),
      supported: rules.supported?.(line, kubeMinor),
    });
    from = to.version;
  }
  return { kind: 'hops', target: target.version, hops };
}
