/** Just enough of Masterminds/semver for chart versions and `kubeVersion` constraints. */
export interface Version {
  major: number;
  minor: number;
  patch: number;
  prerelease: string;
}

export function parseVersion(text: string): Version | undefined {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(
    text.trim(),
  );
  if (!m) return undefined;
  return {
    major: Number(m[1]),
    minor: Number(m[2] ?? 0),
    patch: Number(m[3] ?? 0),
    prerelease: m[4] ?? '',
  };
}

export function compareVersions(a: Version, b: Version): number {
  for (const k of ['major', 'minor', 'patch'] as const) {
    if (a[k] !== b[k]) return a[k] - b[k];
  }
  if (a.prerelease === b.prerelease) return 0;
  if (!a.prerelease) return 1;
  if (!b.prerelease) return -1;
  return a.prerelease < b.prerelease ? -1 : 1;
}

const comparison = /(>=|<=|!=|=|>|<|\^|~)?\s*(v?\d+(?:\.\d+){0,2}(?:-[0-9A-Za-z.-]+)?)/g;

function satisfiesTerm(v: Version, op: string, bound: Version): boolean {
  const c = compareVersions(v, bound);
  switch (op) {
    case '>':
      return c > 0;
    case '>=':
      return c >= 0;
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '!=':
      return c !== 0;
    case '^':
      return c >= 0 && v.major === bound.major;
    case '~':
      return c >= 0 && v.major === bound.major && v.minor === bound.minor;
    default:
      return c === 0;
  }
}

/**
 * `>= 1.21.0-0 < 1.32.0-0`, `<1.32.0-0 || >2`: AND within a group, OR between groups.
 * The `-0` suffix in kubeVersion bounds exists to admit pre-release and vendor builds,
 * so the cluster version is compared without its pre-release part.
 */
export function satisfies(versionText: string, constraint: string): boolean {
  const parsed = parseVersion(versionText.replace(/^v/, '').replace(/[-+].*$/, ''));
  if (!parsed) return false;
  return constraint.split('||').some((group) => {
    const terms = [...group.matchAll(comparison)];
    return terms.every((t) => {
      const bound = parseVersion(t[2]!);
      return bound !== undefined && satisfiesTerm(parsed, t[1] ?? '=', bound);
    });
  });
}
