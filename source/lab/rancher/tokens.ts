import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { KubeObject } from '../kube/object.js';
import type { Store } from '../kube/store.js';
import { randomToken } from './random-token.js';

export const tokensKey = 'management.cattle.io/tokens';

// Label and annotation names: rancher/rancher pkg/auth/tokens/manager.go (v2.13.8).
const userIdLabel = 'authn.management.cattle.io/token-userId';
const kindLabel = 'authn.management.cattle.io/kind';
const hashedAnnotation = 'authn.management.cattle.io/token-hashed';

/** Who a request came from, once its token checked out. */
export interface Caller {
  tokenName: string;
  userId: string;
  /** An API key (POST /v3/tokens), not a login session. */
  isDerived: boolean;
}

export interface NewToken {
  userId: string;
  /** Milliseconds; 0 = never expires. */
  ttlMs: number;
  isDerived: boolean;
  description: string;
}

/**
 * The stored key is a hash (feature `token-hashing`, pkg/auth/tokens/token_util.go
 * ConvertTokenKeyToHash marks it with the token-hashed annotation). Rancher's own hash format
 * (pkg/auth/tokens/hashers) is not imitated: a plain sha256 here, never compared by anyone else.
 */
function hashOf(key: string): string {
  return `$sha256$${createHash('sha256').update(key).digest('hex')}`;
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * `Authorization: Bearer token-xxxxx:<key>`, or Basic with the access key as user and the
 * secret key as password, decoded with Go's base64.URLEncoding (so `+` and `/` fail), or the
 * `R_SESS` cookie when there is no header (pkg/auth/tokens/token_util.go GetTokenAuthFromRequest).
 */
export function tokenFromHeaders(headers: IncomingHttpHeaders): string {
  const header = (headers.authorization ?? '').trim();
  if (header) {
    const [scheme = '', rest = ''] = header.split(/ (.*)/s);
    if (scheme.toLowerCase() === 'bearer') return rest.trim();
    if (scheme.toLowerCase() === 'basic') {
      const value = rest.trim();
      if (!/^[A-Za-z0-9_-]*={0,2}$/.test(value)) return '';
      return Buffer.from(value, 'base64url').toString('utf8');
    }
    return '';
  }
  const cookie = (headers.cookie ?? '')
    .split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith('R_SESS='));
  return cookie ? decodeURIComponent(cookie.slice('R_SESS='.length)) : '';
}

/** tokens.management.cattle.io objects in the Rancher cluster's store. */
export class Tokens {
  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {}

  /** pkg/auth/tokens/manager.go createToken: generateName `token-`, the key hashed. */
  create(input: NewToken): { object: KubeObject; bearer: string } {
    const key = randomToken();
    const object = this.store.create(tokensKey, {
      apiVersion: 'management.cattle.io/v3',
      kind: 'Token',
      metadata: {
        name: '',
        generateName: 'token-',
        labels: {
          [userIdLabel]: input.userId,
          ...(input.isDerived ? {} : { [kindLabel]: 'session' }),
        },
        annotations: { [hashedAnnotation]: 'true' },
      },
      token: hashOf(key),
      userId: input.userId,
      authProvider: 'local',
      userPrincipal: `local://${input.userId}`,
      isDerived: input.isDerived,
      ttl: input.ttlMs,
      description: input.description,
      enabled: true,
    });
    return { object, bearer: `${object.metadata.name}:${key}` };
  }

  /** The caller, or undefined: unknown name, wrong key, disabled or expired. */
  authenticate(headers: IncomingHttpHeaders): Caller | undefined {
    const value = tokenFromHeaders(headers);
    const colon = value.indexOf(':');
    if (colon <= 0) return undefined;
    const name = value.slice(0, colon);
    const token = this.store.get(tokensKey, undefined, name);
    if (!token || token.enabled === false) return undefined;
    if (!sameHash(String(token.token ?? ''), hashOf(value.slice(colon + 1)))) return undefined;
    if (this.expired(token)) return undefined;
    return { tokenName: name, userId: String(token.userId), isDerived: token.isDerived === true };
  }

  expiresAt(token: KubeObject): string {
    const ttl = Number(token.ttl ?? 0);
    if (!ttl) return '';
    const created = Date.parse(token.metadata.creationTimestamp ?? '');
    return new Date(created + ttl).toISOString().replace(/\.\d+Z$/, 'Z');
  }

  private expired(token: KubeObject): boolean {
    const at = this.expiresAt(token);
    return at !== '' && Date.parse(at) <= this.now();
  }

  /** The user's tokens (the label the manager sets). */
  list(userId: string): KubeObject[] {
    return this.store.list(tokensKey, { labelSelector: `${userIdLabel}=${userId}` });
  }

  get(name: string): KubeObject | undefined {
    return this.store.get(tokensKey, undefined, name);
  }

  delete(name: string): void {
    this.store.delete(tokensKey, undefined, name);
  }
}
