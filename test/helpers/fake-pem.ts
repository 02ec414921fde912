/**
 * A PEM-shaped block that is not a key, for redaction and guard tests. Built at run
 * time so no file in the repository looks like it holds a private key.
 */
export function fakePem(label: string, body: string): string {
  return ['-----BEGIN', `${label}-----\n${body}\n-----END`, `${label}-----`].join(' ');
}
