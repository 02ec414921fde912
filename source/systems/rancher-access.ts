import { RancherApiError, type RancherApi } from './rancher-api-types.js';
import { RancherHttpApi, type RancherHttpApiOptions } from './rancher-api.js';
import { RancherHttp, type RancherHttpOptions } from './rancher-http.js';
import type { Env } from '../shared/env.js';

export const rancherTokenEnvVar = 'RANCHER_TOKEN';
export const rancherPasswordEnvVar = 'RANCHER_PASSWORD';

/** The login token lives this long: an import of hundreds of clusters fits, a leak expires. */
export const loginTokenTtlMs = 2 * 60 * 60 * 1000;

export interface RancherAccessOptions
  extends Omit<RancherHttpOptions, 'refusedTokenFix'>, RancherHttpApiOptions {
  env?: Env;
  /** Asks the user for the admin password (a terminal UI); absent in headless runs. */
  askPassword?: () => Promise<string>;
  /** The local user to log in as. */
  username?: string;
  ttlMs?: number;
}

export interface RancherAccess {
  api: RancherApi;
  /** `token`: RANCHER_TOKEN; `login`: a short-lived token made from the password. */
  how: 'token' | 'login';
  /** Logs the login token out (deleting it) and closes the connections. Never throws. */
  close(): Promise<void>;
}

/**
 * Access to Rancher's API: RANCHER_TOKEN when set; else the admin password (RANCHER_PASSWORD,
 * or asked through `askPassword`) logs in for a token of `ttlMs` that close() logs out.
 * Neither the token nor the password is kept anywhere else, logged, or put in a message.
 */
export async function rancherAccess(options: RancherAccessOptions): Promise<RancherAccess> {
  const env = options.env ?? process.env;
  const token = env[rancherTokenEnvVar]?.trim();
  if (token) {
    const http = new RancherHttp(options);
    http.authorize(token);
    return {
      api: new RancherHttpApi(http, options),
      how: 'token',
      close: () => Promise.resolve(http.close()),
    };
  }
  const password = await passwordFrom(env, options.askPassword);
  const http = new RancherHttp({
    ...options,
    refusedTokenFix:
      'the login token may have expired; run again to log in anew, or set RANCHER_TOKEN',
  });
  try {
    http.authorize(await login(http, options.username ?? 'admin', password, options.ttlMs));
  } catch (error) {
    http.close();
    throw error;
  }
  return {
    api: new RancherHttpApi(http, options),
    how: 'login',
    close: async () => {
      try {
        // Rancher refuses DELETE /v3/tokens/<id> for the token of the calling session ("Use
        // logout instead", pkg/auth/tokens/manager.go removeToken); logout deletes it
        // (pkg/auth/logout/handler.go).
        await http.request('POST', '/v3/tokens?action=logout', {
          what: 'logging out',
          repeatable: true,
          allow: [401],
        });
      } catch {
        // The token expires on its own (ttl); closing must not fail the run.
      } finally {
        http.close();
      }
    },
  };
}

async function passwordFrom(
  env: Env,
  askPassword: (() => Promise<string>) | undefined,
): Promise<string> {
  const fromEnv = env[rancherPasswordEnvVar];
  if (fromEnv) return fromEnv;
  if (askPassword) {
    const typed = await askPassword();
    if (typed) return typed;
    throw new RancherApiError(
      'no Rancher admin password given; type it, or set RANCHER_TOKEN to an API token',
      0,
      false,
    );
  }
  throw new RancherApiError(
    `no Rancher credentials; set ${rancherTokenEnvVar} to an API token, or ${rancherPasswordEnvVar} to the admin password (or run in a terminal to be asked)`,
    0,
    false,
  );
}

/**
 * `POST /v3-public/localProviders/local?action=login` → 201 `{"token":"token-xxxxx:<secret>",…}`
 * (rancher/rancher pkg/auth/providers/publicapi/login.go; `ttl` in milliseconds,
 * pkg/apis/management.cattle.io/v3/authn_types.go GenericLogin).
 */
async function login(
  http: RancherHttp,
  username: string,
  password: string,
  ttlMs = loginTokenTtlMs,
): Promise<string> {
  let body: string;
  try {
    ({ body } = await http.request('POST', '/v3-public/localProviders/local?action=login', {
      what: `logging in as ${username}`,
      auth: false,
      // A second login only makes a second short-lived token.
      repeatable: true,
      body: {
        username,
        password,
        responseType: 'json',
        ttl: ttlMs,
        description: 'rancher-pks-tui import (short-lived)',
      },
    }));
  } catch (error) {
    if (error instanceof RancherApiError && (error.status === 401 || error.status === 403))
      throw new RancherApiError(
        `Rancher refused the login of ${username} (${error.status}); check the admin password (${rancherPasswordEnvVar}, or type it again), or set ${rancherTokenEnvVar}`,
        error.status,
        false,
      );
    throw error;
  }
  let token: unknown;
  try {
    token = (JSON.parse(body) as { token?: unknown }).token;
  } catch {
    token = undefined;
  }
  if (typeof token !== 'string' || token === '')
    throw new RancherApiError(
      `Rancher's login answer holds no token; check that ${http.origin} is the Rancher server`,
      0,
      false,
    );
  return token;
}
