import semver from 'semver';

/**
 * Choosing chart versions that fit the cluster: Helm refuses a chart whose `kubeVersion`
 * does not admit the cluster (`chart requires kubeVersion: < X which is incompatible with
 * Kubernetes vY`), so we pick before it has to.
 */

/** `v1.31.4+vmware.1` → `1.31.4+vmware.1`: what semver can read. */
function clean(version: string): string {
  return version.trim().replace(/^v/, '');
}

/**
 * Helm's check (Masterminds constraints: `< 1.35.0-0`, `>=1.22.0-0`, a comma means "and").
 * Pre-releases count, as Helm's `-0` bounds intend (`1.31.4-gke.1` is a 1.31).
 */
export function kubeVersionAdmits(constraint: string | undefined, clusterVersion: string): boolean {
  if (!constraint?.trim()) return true;
  const version = semver.parse(clean(clusterVersion)) ?? semver.coerce(clusterVersion);
  if (!version) return true; // an odd server version: let Helm judge
  try {
    return semver.satisfies(version, constraint.replace(/,/g, ' '), { includePrerelease: true });
  } catch {
    return true; // a constraint we cannot read: let Helm judge
  }
}

/** Stable releases only (no `-rc`, `-alpha`), newest first. */
export function stableNewestFirst(versions: readonly string[]): string[] {
  return versions
    .filter((v) => semver.valid(clean(v)) && !semver.prerelease(clean(v)))
    .sort((a, b) => semver.rcompare(clean(a), clean(b)));
}

/** What a chart repository can tell about a chart. */
export interface ChartRepoReader {
  /** Every version the repository offers. */
  versions(): Promise<string[]>;
  /** The version's `kubeVersion` (from its Chart.yaml). */
  kubeVersion(version: string): Promise<string | undefined>;
}

export interface ChartChoice {
  version: string;
  kubeVersion?: string;
  /** False when no preferred version fitted and a less preferred one was taken. */
  preferred: boolean;
}

export interface ChoiceOptions {
  /** `2.13` for Rancher (bounds change per minor line), the major for others. */
  lineOf(version: string): string;
  /** Lines to try first (Rancher: validated on this Kubernetes minor). */
  prefer?(line: string): boolean;
}

/**
 * The newest version whose `kubeVersion` admits the cluster, preferring `prefer`ed lines.
 * Only each line's newest patch is read: bounds only rise within a line, so when the
 * newest patch does not fit, no older one does.
 */
export async function newestFitting(
  reader: ChartRepoReader,
  clusterVersion: string,
  options: ChoiceOptions,
): Promise<ChartChoice | undefined> {
  const newestPerLine = new Map<string, string>();
  for (const version of stableNewestFirst(await reader.versions())) {
    const line = options.lineOf(version);
    if (!newestPerLine.has(line)) newestPerLine.set(line, version);
  }
  const heads = [...newestPerLine];
  const preferred = heads.filter(([line]) => options.prefer?.(line) ?? true);
  const others = heads.filter(([line]) => !(options.prefer?.(line) ?? true));
  for (const [group, isPreferred] of [
    [preferred, true],
    [others, false],
  ] as const) {
    for (const [, version] of group) {
      const kubeVersion = await reader.kubeVersion(version);
      if (kubeVersionAdmits(kubeVersion, clusterVersion))
        return { version, ...(kubeVersion ? { kubeVersion } : {}), preferred: isPreferred };
    }
  }
  return undefined;
}

/** `2.13.1` → `2.13`. */
export function minorLine(version: string): string {
  const v = semver.parse(clean(version));
  return v ? `${v.major}.${v.minor}` : version;
}

/** `37.4.0` → `37`. */
export function majorLine(version: string): string {
  const v = semver.parse(clean(version));
  return v ? String(v.major) : version;
}
