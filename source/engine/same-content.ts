import { isDeepStrictEqual } from 'node:util';

/**
 * Deep equality of JSON content: key order, undefined fields and class instances
 * (client-node returns V1* objects) do not count.
 */
export function sameContent(a: unknown, b: unknown): boolean {
  const plain = (v: unknown) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));
  return isDeepStrictEqual(plain(a), plain(b));
}
