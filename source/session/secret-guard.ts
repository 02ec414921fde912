/**
 * The last line of defence before session data reaches disk: answers and facts may
 * name *where* a secret is (a file path, a Secret's name) but never hold one.
 * Throwing (rather than silently dropping) makes a leak a bug someone sees.
 */

/** Thrown when secret material is about to be persisted. Never carries the value. */
export class SecretLeakError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`refusing to persist ${field}: ${reason} (sessions keep file paths, never secrets)`);
    this.name = 'SecretLeakError';
  }
}

const secretName =
  /pass(word|wd|phrase)|token|secret|api[-_]?key|private[-_]?key|credential|key[-_]?data|bearer/i;
/** Names that point at a secret rather than hold it: `tls.keyFile`, `secretName`, `tokenPath`. */
const referenceSuffix = /(name|names|path|paths|file|files|ref|namespace)$/i;

const valueRules: readonly { readonly test: RegExp; readonly reason: string }[] = [
  // A redacted block (`-----BEGIN X-----<redacted>-----END X-----`) is harmless.
  { test: /-----BEGIN [A-Z0-9 ]+-----(?!<redacted>-----END)/, reason: 'it contains a PEM block' },
  { test: /LS0tLS1CRUdJT/, reason: 'it contains a base64-encoded PEM block' },
  { test: /\beyJ[\w-]{5,}\.eyJ[\w-]{5,}\./, reason: 'it contains a JWT' },
  { test: /\bBearer\s+(?!<redacted>)[\w.~+/=-]{8,}/, reason: 'it contains a bearer token' },
  // Rancher's `token-xxxxx:<secret>` and registration URLs (see shared/redact.ts).
  {
    test: /\btoken-[a-z0-9]{5}:(?!<redacted>)[A-Za-z0-9]{8,}/,
    reason: 'it contains a Rancher API token',
  },
  {
    test: /\/v3\/import\/(?!<redacted>)[A-Za-z0-9]{8,}/,
    reason: 'it contains a Rancher registration URL (it holds the registration token)',
  },
  {
    test: /[\w.-]*(password|passwd|token|secret)[\w.-]*\s*=\s*(?!<redacted>)\S/i,
    reason: 'it contains a password/token assignment',
  },
];

/** True for keys named like a secret (`bootstrapPassword`, `token`), false for references. */
export function isSecretKeyName(key: string): boolean {
  return secretName.test(key) && !referenceSuffix.test(key);
}

/** Why this string must not be persisted, or undefined when it is harmless. */
export function secretValueReason(value: string): string | undefined {
  return valueRules.find((rule) => rule.test.test(value))?.reason;
}

/**
 * Throws SecretLeakError when `value` holds a PEM block, token or password anywhere,
 * or (with `checkKeyNames`) an object key named like a secret. `field` names the path
 * in the error (`answers.rancher.bootstrapPassword`).
 */
export function assertNoSecrets(value: unknown, field: string, checkKeyNames = true): void {
  if (typeof value === 'string') {
    const reason = secretValueReason(value);
    if (reason) throw new SecretLeakError(field, reason);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => assertNoSecrets(item, `${field}[${i}]`, checkKeyNames));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (checkKeyNames && isSecretKeyName(key))
        throw new SecretLeakError(`${field}.${key}`, 'the key names a secret');
      assertNoSecrets(child, `${field}.${key}`, checkKeyNames);
    }
  }
}

/**
 * A deep copy without the keys named like secrets, for callers holding a full config
 * (with the bootstrap password typed in the wizard) that want to save the rest.
 * Values are not inspected: assertNoSecrets still guards them at write time.
 */
export function omitSecretKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => omitSecretKeys(item)) as T;
  if (value === null || typeof value !== 'object') return value;
  const kept = Object.entries(value).filter(([key]) => !isSecretKeyName(key));
  return Object.fromEntries(kept.map(([key, child]) => [key, omitSecretKeys(child)])) as T;
}
