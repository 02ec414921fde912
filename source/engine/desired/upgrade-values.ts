/**
 * The values an upgrade sets, against the release's user-supplied values (`helm get values`).
 * We never pass `--reuse-values`: with it Helm merges the old release's values over the new
 * chart's and silently keeps whatever someone `--set` by hand (helm docs, `helm upgrade`:
 * "--reuse-values ... reuse the last release's values and merge in any overrides"), so the
 * diff is shown first and the user sees what a hand-made value will lose.
 */

export type ValueChange =
  | { kind: 'same'; path: string; value: string }
  | { kind: 'added'; path: string; value: string }
  | { kind: 'changed'; path: string; from: string; value: string }
  /** Set on the release now, not by us: the upgrade drops it. */
  | { kind: 'dropped'; path: string; from: string };

/** Values never shown: Rancher reads the bootstrap password only at first start. */
const secretPaths = /password|token|secret(?!Name)|key$/i;

function shown(path: string, value: string): string {
  return secretPaths.test(path) ? '(hidden)' : value;
}

/** `{ingress: {tls: {source: 'secret'}}}` → `ingress.tls.source=secret`, as `--set` reads. */
export function flattenValues(values: Record<string, unknown>, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(values)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [p, v] of flattenValues(value as Record<string, unknown>, path)) out.set(p, v);
    } else out.set(path, typeof value === 'string' ? value : JSON.stringify(value));
  }
  return out;
}

/** Every path either side, ours first in our order, then the ones the upgrade drops. */
export function valuesDiff(
  current: Record<string, unknown>,
  wanted: Record<string, string>,
): ValueChange[] {
  const now = flattenValues(current);
  const changes: ValueChange[] = Object.entries(wanted).map(([path, value]) => {
    const from = now.get(path);
    if (from === undefined) return { kind: 'added', path, value: shown(path, value) };
    if (from === value) return { kind: 'same', path, value: shown(path, value) };
    return { kind: 'changed', path, from: shown(path, from), value: shown(path, value) };
  });
  for (const [path, from] of now) {
    if (!(path in wanted)) changes.push({ kind: 'dropped', path, from: shown(path, from) });
  }
  return changes;
}

/**
 * One line each, marked like a diff: `  same`, `+ added`, `~ changed`, `- dropped`. Against
 * the release a dropped value was set by hand, unless it is one of ours that the next chart
 * major reads at another path (`options.dropped` names those).
 */
export function valuesDiffLines(
  changes: readonly ValueChange[],
  options: { dropped?: (path: string) => string | undefined } = {},
): string[] {
  const droppedNote = (path: string) =>
    options.dropped?.(path) ?? 'set by hand; the upgrade does not keep it';
  return changes.map((c) => {
    switch (c.kind) {
      case 'same':
        return `  ${c.path}=${c.value}`;
      case 'added':
        return `+ ${c.path}=${c.value}`;
      case 'changed':
        return `~ ${c.path}: ${c.from} → ${c.value}`;
      case 'dropped':
        return `- ${c.path}=${c.from} (${droppedNote(c.path)})`;
    }
  });
}
