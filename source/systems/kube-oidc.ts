import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { KubeConfig, type User } from '@kubernetes/client-node';
import { PermanentError, TransientError } from './errors.js';
import { readOidcUser, updateOidcUser, type OidcUser } from './kubeconfig-file.js';
import { OidcRefreshError, refreshIdToken } from './oidc-refresh.js';
import { clientGoMarginSeconds, tokenState } from './oidc-token.js';

/**
 * TKGI's `auth-provider: oidc` kubeconfig user, kept usable for a whole install:
 * client-node only ever sees the ID token as a plain bearer token (its own OIDC refresh
 * fails on client-node 1.4), and this class renews it — before it runs out, and after a
 * 401 — by, in order:
 * 1. taking a newer token another process (helm, kubectl, the UI) already wrote;
 * 2. the refresh_token grant against the issuer, trusting the PKS API's CA;
 * 3. `pks get-credentials` again (with the password), when the caller can run it.
 * New tokens are written to the kubeconfig file the CLI owns, nowhere else.
 */

export interface OidcRenewalOptions {
  /** PEM of the CA(s) that sign the PKS API's certificate (pks.caCert, NODE_EXTRA_CA_CERTS). */
  caPem?: () => string | undefined;
  /** Runs `pks get-credentials` again; throws (one clear line) when it cannot. */
  reauthenticate?: () => Promise<void>;
  /** Adds the CA to the kubeconfig user (the install does; preflight only reads). */
  shareCa?: boolean;
}

/** A KubeConfig whose credentials are good now, and how to get new ones after a 401. */
export interface KubeAuth {
  /** `needSeconds`: how long the token must stay valid for what comes next. */
  current(needSeconds?: number): Promise<KubeConfig>;
  renew(): Promise<KubeConfig>;
}

/** One renewal at a time per kubeconfig file in this process (like client-go's per-issuer lock). */
const renewing = new Map<string, Promise<unknown>>();

function serialized<T>(file: string, work: () => Promise<T>): Promise<T> {
  const previous = renewing.get(file) ?? Promise.resolve();
  const next = previous.then(work, work);
  const settled = next.catch(() => undefined);
  renewing.set(file, settled);
  void settled.then(() => {
    if (renewing.get(file) === settled) renewing.delete(file);
  });
  return next;
}

/** The same config with the OIDC user replaced by its ID token as a static bearer token. */
function withBearer(kc: KubeConfig, user: string, token: string): KubeConfig {
  const out = new KubeConfig();
  out.loadFromOptions({
    clusters: kc.clusters,
    contexts: kc.contexts,
    currentContext: kc.currentContext,
    users: kc.users.map((u): User => (u.name === user ? { name: u.name, token } : u)),
  });
  return out;
}

function caFrom(config: Record<string, string>): string | undefined {
  const data = config['idp-certificate-authority-data'];
  if (data) return Buffer.from(data, 'base64').toString('utf8');
  const file = config['idp-certificate-authority'];
  if (!file) return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function refreshRemedy(kind: OidcRefreshError['kind']): string {
  if (kind === 'untrusted') {
    return "set pks.caCert in the answers to the PKS API's CA certificate (or NODE_EXTRA_CA_CERTS), or set TKGI_USER_PASSWORD (or PKS_USER_PASSWORD) so the tool can run get-credentials again; then resume";
  }
  return 'set TKGI_USER_PASSWORD (or PKS_USER_PASSWORD), or run in a terminal to be asked, so the tool can run get-credentials again; then resume';
}

export class OidcKubeAuth implements KubeAuth {
  private kc: KubeConfig;
  private user: OidcUser;

  private constructor(
    private readonly file: string,
    private readonly load: () => KubeConfig,
    private readonly options: OidcRenewalOptions,
    loaded: KubeConfig,
    user: OidcUser,
  ) {
    this.user = user;
    this.kc = withBearer(loaded, user.name, user.config['id-token'] ?? '');
  }

  /** The renewer for `file`'s current context when its user is OIDC; undefined otherwise. */
  static detect(
    file: string,
    loaded: KubeConfig,
    load: () => KubeConfig,
    options: OidcRenewalOptions,
  ): OidcKubeAuth | undefined {
    const user = readOidcUser(file, loaded.getCurrentContext());
    if (!user) return undefined;
    const auth = new OidcKubeAuth(file, load, options, loaded, user);
    auth.trustPksApiForOthers();
    return auth;
  }

  /**
   * With the PKS API's CA known, the helm and kubectl we run (client-go) can refresh too:
   * it goes into the user's `idp-certificate-authority-data`, unless the user set a CA there.
   */
  private trustPksApiForOthers(): void {
    const config = this.user.config;
    if (!this.options.shareCa) return;
    if (config['idp-certificate-authority-data'] || config['idp-certificate-authority']) return;
    const ca = this.options.caPem?.();
    if (!ca) return;
    const data = Buffer.from(ca).toString('base64');
    updateOidcUser(this.file, this.user.name, { 'idp-certificate-authority-data': data });
    this.user = { ...this.user, config: { ...config, 'idp-certificate-authority-data': data } };
  }

  get kubeConfig(): KubeConfig {
    return this.kc;
  }

  /** The config to use now: a token about to run out is renewed first. */
  async current(needSeconds = 0): Promise<KubeConfig> {
    const token = this.user.config['id-token'];
    const state = tokenState(token, needSeconds);
    if (state === 'fresh') return this.kc;
    // Unusable for the caller: expired, or (helm, kubectl) inside client-go's own refresh
    // margin, where they would refresh it themselves. Then get-credentials may run too.
    const unusable =
      state === 'expired' ||
      (needSeconds > 0 && tokenState(token, clientGoMarginSeconds + 1) !== 'fresh');
    const good = (t: string | undefined) => tokenState(t, needSeconds) === 'fresh';
    try {
      await serialized(this.file, () => this.renewTokens({ mayReauthenticate: unusable, good }));
    } catch (e) {
      // Still usable: go on with it; the 401 path tries again (with get-credentials).
      if (unusable) throw e;
    }
    return this.kc;
  }

  /** After a 401: the token was refused even if it looks valid. */
  async renew(): Promise<KubeConfig> {
    const refused = this.user.config['id-token'];
    const good = (t: string | undefined) => t !== refused && tokenState(t) === 'fresh';
    await serialized(this.file, () => this.renewTokens({ mayReauthenticate: true, good }));
    return this.kc;
  }

  private adopt(user: OidcUser): void {
    this.user = user;
    this.kc = withBearer(this.load(), user.name, user.config['id-token'] ?? '');
  }

  /** Someone else's newer token in the file (a refresh by helm or kubectl, or get-credentials). */
  private adoptGoodFromFile(good: (token: string | undefined) => boolean): boolean {
    const onDisk = readOidcUser(this.file, this.kc.getCurrentContext());
    if (!onDisk || !good(onDisk.config['id-token'])) return false;
    this.adopt(onDisk);
    return true;
  }

  private caList(): string[] | undefined {
    const extra = [caFrom(this.user.config), this.options.caPem?.()].filter((pem): pem is string =>
      Boolean(pem),
    );
    // With a CA of our own, keep the public roots (and NODE_EXTRA_CA_CERTS) trusted too.
    const nodeExtra = process.env.NODE_EXTRA_CA_CERTS;
    const fromEnv = nodeExtra ? [safeRead(nodeExtra)].filter((p): p is string => !!p) : [];
    return extra.length ? [...rootCertificates, ...fromEnv, ...extra] : undefined;
  }

  private async refresh(): Promise<void> {
    const config = this.user.config;
    const issuer = config['idp-issuer-url'];
    const refreshToken = config['refresh-token'];
    if (!issuer || !refreshToken) {
      throw new OidcRefreshError(
        'invalid',
        'the kubeconfig user has no idp-issuer-url or refresh-token',
      );
    }
    const ca = this.caList();
    const tokens = await refreshIdToken({
      issuer,
      clientId: config['client-id'] ?? 'pks_cluster_client',
      // client-go reads `client-secret`; TKGI writes `cluster_client_secret` (both empty).
      clientSecret: config['client-secret'] ?? config.cluster_client_secret ?? '',
      refreshToken,
      ...(ca ? { ca } : {}),
    });
    const changes: Record<string, string> = { 'id-token': tokens.idToken };
    if (tokens.refreshToken) changes['refresh-token'] = tokens.refreshToken;
    updateOidcUser(this.file, this.user.name, changes);
    this.adopt({ ...this.user, config: { ...config, ...changes } });
  }

  /** `good`: whether a token will do (a renewal that ran just before this one may have got one). */
  private async renewTokens(renewal: {
    mayReauthenticate: boolean;
    good: (token: string | undefined) => boolean;
  }): Promise<void> {
    if (renewal.good(this.user.config['id-token']) || this.adoptGoodFromFile(renewal.good)) return;
    const mayReauthenticate = renewal.mayReauthenticate;
    let failure: OidcRefreshError;
    try {
      return await this.refresh();
    } catch (e) {
      if (!(e instanceof OidcRefreshError)) throw e;
      failure = e;
    }
    const message = `the cluster's OIDC token ran out (or was refused) and could not be refreshed: ${failure.message}`;
    // The PKS API is down: get-credentials would talk to it too. Try again later.
    if (failure.kind === 'unreachable') throw new TransientError(message);
    if (!mayReauthenticate || !this.options.reauthenticate) {
      throw new PermanentError(message, refreshRemedy(failure.kind));
    }
    try {
      await this.options.reauthenticate();
    } catch (e) {
      if (!(e instanceof PermanentError)) throw e;
      throw new PermanentError(`${message}; ${e.message}`, e.remedy || refreshRemedy(failure.kind));
    }
    const fresh = readOidcUser(this.file, this.kc.getCurrentContext());
    if (fresh) this.adopt(fresh);
    this.trustPksApiForOthers();
  }
}

function safeRead(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
