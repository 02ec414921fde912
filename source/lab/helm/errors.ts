/** A failure helm reports as `Error: MESSAGE` on stderr, exit status 1. */
export class HelmError extends Error {
  constructor(
    message: string,
    /** Extra lines cobra prints after the error (usage hints). */
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** Helm prefixes install and upgrade failures with the operation that failed. */
export function wrapError(prefix: string, e: unknown): HelmError {
  const message = e instanceof Error ? e.message : String(e);
  return new HelmError(`${prefix}: ${message}`);
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
