import { randomInt } from 'node:crypto';

/**
 * The alphabet of Kubernetes' generated name suffixes (apimachinery util/rand) and, as far as
 * we know, of rancher/wrangler pkg/randomtoken's 54-character tokens (unverified here: the
 * wrangler source is not mirrored): lowercase consonants and digits without vowels or 0/1/3.
 */
const alphabet = 'bcdfghjklmnpqrstvwxz2456789';

function pick(length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += alphabet[randomInt(alphabet.length)];
  return s;
}

/** randomtoken.Generate(): API token keys and registration tokens. */
export function randomToken(): string {
  return pick(54);
}

/** A generateName suffix (`c-` + 5 → `c-7xk2q`). */
export function nameSuffix(): string {
  return pick(5);
}
