import { randomUUID, type webcrypto } from 'node:crypto';
import { exportJWK, generateKeyPair, jwtVerify, SignJWT, type JWK } from 'jose';
import type { Clock } from '../clock.js';

/**
 * The PKS API's UAA when the tile sets "UAA as the OIDC provider": it signs the ID tokens
 * the clusters' API servers accept and refreshes them for `pks_cluster_client`.
 * jose signs and verifies the JWTs (RS256, as UAA's `id_token_signing_alg_values_supported`).
 */

/** The public client TKGI writes into kubeconfigs (docs-pks@1.19 manage-cluster-permissions). */
export const clusterClientId = 'pks_cluster_client';

/** Tile defaults, docs-pks@1.19 `_uaa.html.md.erb`: cluster access token 600 s, refresh token 21600 s. */
export const defaultIdTokenSeconds = 600;
export const defaultRefreshTokenSeconds = 21_600;
/** A lab token lives at least this long (real seconds), so a tiny timescale still leaves it usable. */
const minimumRealSeconds = 2;

export interface UaaOptions {
  /** `https://PKS-API:8443/oauth/token`: UAA's issuer is its token endpoint. */
  issuer: string;
  clock: Clock;
  /** The password every lab user has (never logged). */
  password: string;
  idTokenSeconds?: number;
  refreshTokenSeconds?: number;
}

export interface IssuedTokens {
  idToken: string;
  refreshToken: string;
  /** Real seconds the ID token lives. */
  expiresIn: number;
}

export type RefreshResult =
  | { ok: true; tokens: IssuedTokens }
  | { ok: false; status: number; error: string; description: string };

interface Claims {
  jti?: string;
  exp?: number;
  user_name?: string;
}

type KeyPair = webcrypto.CryptoKeyPair;

export class Uaa {
  readonly issuer: string;
  private readonly idTokenSeconds: number;
  private readonly refreshTokenSeconds: number;
  /** jtis of tokens a lab fault declared expired ("hours later"). */
  private readonly expired = new Set<string>();
  private readonly issued = new Set<string>();

  private constructor(
    private readonly options: UaaOptions,
    private readonly keys: KeyPair,
    readonly jwk: JWK,
  ) {
    this.issuer = options.issuer;
    this.idTokenSeconds = options.idTokenSeconds ?? defaultIdTokenSeconds;
    this.refreshTokenSeconds = options.refreshTokenSeconds ?? defaultRefreshTokenSeconds;
  }

  static async create(options: UaaOptions): Promise<Uaa> {
    const keys = (await generateKeyPair('RS256', { extractable: true })) as KeyPair;
    const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
    return new Uaa(options, keys, jwk);
  }

  /** Simulated seconds as real ones: lifetimes follow the lab's timescale. */
  private realSeconds(simulated: number): number {
    return Math.max(minimumRealSeconds, this.options.clock.scaled(simulated * 1000) / 1000);
  }

  checkPassword(password: string): boolean {
    return password === this.options.password;
  }

  /** The password grant `get-credentials` makes for the logged-in user. */
  issueFor(user: string): Promise<IssuedTokens> {
    return this.tokens(user, this.refreshTokenFor(user));
  }

  private async refreshTokenFor(user: string): Promise<string> {
    const jti = `${randomUUID().replace(/-/g, '')}-r`;
    return this.sign({ user_name: user, cid: clusterClientId, grant_type: 'password' }, jti, {
      seconds: this.realSeconds(this.refreshTokenSeconds),
      audience: [clusterClientId],
    });
  }

  private async tokens(
    user: string,
    refreshToken: Promise<string> | string,
  ): Promise<IssuedTokens> {
    const expiresIn = this.realSeconds(this.idTokenSeconds);
    const idToken = await this.sign(
      {
        user_name: user,
        user_id: userId(user),
        origin: 'uaa',
        azp: clusterClientId,
        cid: clusterClientId,
        zid: 'uaa',
        scope: ['openid', 'roles'],
        roles: [],
      },
      randomUUID().replace(/-/g, ''),
      { seconds: expiresIn, audience: [clusterClientId] },
    );
    return { idToken, refreshToken: await refreshToken, expiresIn: Math.ceil(expiresIn) };
  }

  private async sign(
    claims: Record<string, unknown>,
    jti: string,
    lifetime: { seconds: number; audience: string[] },
  ): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    this.issued.add(jti);
    const sub =
      typeof claims.user_id === 'string' ? claims.user_id : userId(String(claims.user_name));
    return new SignJWT({ ...claims, sub })
      .setProtectedHeader({ alg: 'RS256', kid: this.jwk.kid!, typ: 'JWT' })
      .setJti(jti)
      .setIssuer(this.issuer)
      .setAudience(lifetime.audience)
      .setIssuedAt(now)
      .setExpirationTime(now + Math.ceil(lifetime.seconds))
      .sign(this.keys.privateKey);
  }

  /** Signature, issuer, audience, expiry, and not expired by the lab fault. */
  private async check(token: string): Promise<Claims | undefined> {
    try {
      const { payload } = await jwtVerify<Claims>(token, this.keys.publicKey, {
        issuer: this.issuer,
        audience: clusterClientId,
        algorithms: ['RS256'],
      });
      if (!payload.jti || this.expired.has(payload.jti)) return undefined;
      return payload;
    } catch {
      return undefined;
    }
  }

  /**
   * An ID token, as kube-apiserver's OIDC authenticator checks it (a refresh token, whose
   * jti ends in `-r` as UAA's do, is no bearer token).
   */
  async verify(token: string): Promise<Claims | undefined> {
    const claims = await this.check(token);
    return claims && !claims.jti!.endsWith('-r') ? claims : undefined;
  }

  /**
   * The refresh_token grant. UAA hands the same refresh token back (it does not rotate it;
   * cloudfoundry/uaa UaaTokenServices.refreshAccessToken), and answers 401 `invalid_token`
   * once it has expired ("Invalid refresh token expired at DATE").
   */
  async refresh(refreshToken: string, clientId: string): Promise<RefreshResult> {
    if (clientId !== clusterClientId) {
      return { ok: false, status: 401, error: 'unauthorized', description: 'Bad credentials' };
    }
    const checked = await this.check(refreshToken);
    const claims = checked?.jti?.endsWith('-r') ? checked : undefined;
    if (!claims?.user_name) {
      const exp = decodedExp(refreshToken);
      const description =
        exp === undefined
          ? 'Invalid refresh token (malformed)'
          : `Invalid refresh token expired at ${javaDate(Math.min(exp * 1000, Date.now()))}`;
      return { ok: false, status: 401, error: 'invalid_token', description };
    }
    return { ok: true, tokens: await this.tokens(claims.user_name, refreshToken) };
  }

  /** A lab fault: every token issued so far counts as expired (the install resumes hours later). */
  expireAll(): void {
    for (const jti of this.issued) this.expired.add(jti);
  }

  /** The signing key, as `/token_keys` serves it. */
  jwks(): { keys: JWK[] } {
    return { keys: [this.jwk] };
  }
}

/** A stable, UUID-shaped user id per user name (UAA's `user_id`/`sub`). */
function userId(user: string): string {
  const hex = Buffer.from(user.padEnd(16, '\0').slice(0, 16)).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Java's `Date.toString()` in UTC, as UAA's message prints it: `Tue Dec 01 15:26:49 UTC 2026`. */
function javaDate(ms: number): string {
  const [day, month, date, year, time] = new Date(ms).toUTCString().replace(',', '').split(' ');
  return `${day} ${month} ${date} ${time} UTC ${year}`;
}

function decodedExp(token: string): number | undefined {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as {
      exp?: unknown;
    };
    return typeof payload.exp === 'number' ? payload.exp : undefined;
  } catch {
    return undefined;
  }
}
