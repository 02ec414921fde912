/**
 * Passwords never come from the answers file: it is often committed or shared, and the
 * session stores its path. Any password-like key, at any depth, is refused outright.
 */

const passwordKey = /pass(word|wd|phrase)/i;

export const passwordRemedy =
  'passwords are never read from the answers file; set RANCHER_BOOTSTRAP_PASSWORD or type it at the prompt';

/** True for keys such as `password`, `bootstrapPassword`, `passwd` or `keyPassphrase`. */
export function isPasswordKey(key: string): boolean {
  return passwordKey.test(key);
}

/** Paths (e.g. `rancher.bootstrapPassword`) of every password-like key in `data`. */
export function findPasswordKeys(data: unknown, path = ''): string[] {
  if (Array.isArray(data)) {
    return data.flatMap((item, index) => findPasswordKeys(item, `${path}[${index}]`));
  }
  if (data === null || typeof data !== 'object') return [];
  return Object.entries(data).flatMap(([key, value]) => {
    const keyPath = path ? `${path}.${key}` : key;
    return isPasswordKey(key) ? [keyPath] : findPasswordKeys(value, keyPath);
  });
}

/** One problem line per password-like key. */
export function passwordProblems(data: unknown): string[] {
  return findPasswordKeys(data).map((path) => `${path}: ${passwordRemedy}`);
}
