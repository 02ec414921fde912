import { createHash } from 'node:crypto';

/** The alphabet Kubernetes uses for generated names and template hashes (no vowels). */
const safeAlphabet = 'bcdfghjklmnpqrstvwxz2456789';

/** 32-bit FNV-1a, the hash the deployment controller takes of a pod template. */
export function fnv32a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** apimachinery's `rand.SafeEncodeString`: each character mapped into the safe alphabet. */
export function safeEncode(text: string): string {
  let out = '';
  for (const ch of text) out += safeAlphabet[ch.charCodeAt(0) % safeAlphabet.length];
  return out;
}

/** JSON with sorted keys, so equal objects hash equally whatever their key order. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** `pod-template-hash` as real Deployments name their ReplicaSets (up to 10 characters). */
export function podTemplateHash(template: unknown): string {
  return safeEncode(String(fnv32a(stableJson(template))));
}

/** A stable UUID-shaped id derived from a seed (node names, BOSH ids, machine ids). */
export function seededUuid(seed: string): string {
  const hex = createHash('sha1').update(seed).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Hex digest of a seed, for container ids and image digests. */
export function seededHex(seed: string, length = 64): string {
  let hex = '';
  for (let i = 0; hex.length < length; i++) {
    hex += createHash('sha256').update(`${seed}#${i}`).digest('hex');
  }
  return hex.slice(0, length);
}
