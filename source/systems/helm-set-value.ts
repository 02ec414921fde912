/**
 * Escapes a value for `helm --set key=VALUE` per helm's strvals parser: a backslash
 * escapes the next character, a comma ends the value, and a value starting with `{`
 * is read as a list. Escaping those keeps the value a single literal string.
 * (`--set` still types `true`, `false`, `null` and integers; that is what chart values
 * like `replicas=3` and `privateCA=true` want.)
 */
export function escapeSetValue(value: string): string {
  const escaped = value.replace(/[\\,]/g, (c) => `\\${c}`);
  return escaped.startsWith('{') ? `\\${escaped}` : escaped;
}

/**
 * Escapes one key segment (dots, brackets, `=` and commas are syntax in keys), e.g.
 * an annotation name: `ingress.extraAnnotations.${escapeSetKeySegment('nginx.ingress.kubernetes.io/x')}`.
 */
export function escapeSetKeySegment(segment: string): string {
  return segment.replace(/[\\.,=[\]]/g, (c) => `\\${c}`);
}

/** `--set k=v ...` arguments, values escaped, keys as given (dotted paths). */
export function setArgs(set: Record<string, string>): string[] {
  return Object.entries(set).flatMap(([key, value]) => [
    '--set',
    `${key}=${escapeSetValue(value)}`,
  ]);
}
