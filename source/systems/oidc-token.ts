/**
 * When an OIDC ID token runs out, read from its JWT payload. No signature check: the
 * client only decides when to refresh; the API server judges the token.
 */

export interface TokenTimes {
  /** Seconds since the epoch. */
  exp: number;
  iat?: number;
}

export function tokenTimes(jwt: string): TokenTimes | undefined {
  const payload = jwt.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
      exp?: unknown;
      iat?: unknown;
    };
    if (typeof claims.exp !== 'number') return undefined;
    return { exp: claims.exp, ...(typeof claims.iat === 'number' ? { iat: claims.iat } : {}) };
  } catch {
    return undefined;
  }
}

/** client-go treats a token as expired 10 s early (plugin/pkg/client/auth/oidc: expiryDelta). */
export const clientGoMarginSeconds = 10;

/**
 * How early to renew: client-go's 10 s, but at most a third of the token's life, so a
 * short-lived token is still used for something before it is renewed again.
 */
function marginSeconds(times: TokenTimes): number {
  const life = times.iat === undefined ? Infinity : times.exp - times.iat;
  return Math.min(clientGoMarginSeconds, life / 3);
}

export type TokenState = 'fresh' | 'expiring' | 'expired';

/**
 * A token we cannot read counts as expired: renewing is the only way forward.
 * `needSeconds`: how long the caller needs it to stay valid (helm: client-go's own margin
 * plus the call), beyond the usual margin.
 */
export function tokenState(jwt: string | undefined, needSeconds = 0, now = Date.now()): TokenState {
  const times = jwt ? tokenTimes(jwt) : undefined;
  if (!times) return 'expired';
  const left = times.exp - now / 1000;
  if (left <= 0) return 'expired';
  return left <= Math.max(marginSeconds(times), needSeconds) ? 'expiring' : 'fresh';
}
