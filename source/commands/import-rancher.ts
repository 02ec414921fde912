import type { Config } from '../config/config.js';
import { UsageError } from '../exit-codes.js';
import type { Env } from '../shared/env.js';
import { resolveA, resolverServers } from '../systems/dns.js';
import { ingressHttpsPort } from '../systems/https.js';
import { rancherAccess, type RancherAccess } from '../systems/rancher-access.js';
import { RancherApiError } from '../systems/rancher-api-types.js';

export interface RancherTarget {
  /** `https://host[:port]`. */
  url: string;
  caPem?: string;
}

/** `--rancher-url`, else the install's hostname (on the ingress HTTPS port the tool uses). */
export function rancherUrlOf(config: Config, given: string | undefined): string {
  if (given === undefined) return `https://${config.rancher.hostname}`;
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw new UsageError(
      `--rancher-url: "${given}" is not a URL; use e.g. https://rancher.example.com`,
    );
  }
  if (url.protocol !== 'https:')
    throw new UsageError(
      `--rancher-url: "${given}" must be https:// (agents trust Rancher by its CA)`,
    );
  return `${url.protocol}//${url.host}`;
}

/**
 * Rancher's API for the run, with a token from RANCHER_TOKEN or a login (RANCHER_PASSWORD,
 * or asked in a terminal) that close() logs out. Never stored: a resume reads them again.
 * The hostname is resolved with the install's DNS servers and reached on the ingress HTTPS
 * port (as status and the install's probes do).
 */
export async function openRancher(
  target: RancherTarget,
  config: Config,
  env: Env,
  askPassword?: () => Promise<string>,
): Promise<RancherAccess> {
  if (!target.caPem)
    throw new UsageError(
      "--rancher-ca: the install names no CA (tls.caCerts); give Rancher's CA bundle (PEM) with --rancher-ca FILE",
    );
  const url = new URL(target.url);
  const resolved = await resolveA(url.hostname, resolverServers(config.dns.servers, env), 5_000);
  const port = url.port || String(ingressHttpsPort(env));
  try {
    return await rancherAccess({
      url: `https://${url.hostname}:${port}`,
      caPem: target.caPem,
      ...(resolved.answers[0] ? { address: resolved.answers[0] } : {}),
      env,
      ...(askPassword ? { askPassword } : {}),
    });
  } catch (e) {
    if (e instanceof RancherApiError && !e.transient) throw new UsageError(e.message);
    throw e;
  }
}
