import type { Config } from '../config/config.js';
import { UsageError } from '../exit-codes.js';
import type { Env } from '../shared/env.js';
import type { RancherApi } from '../systems/rancher-api-types.js';

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
 * or asked in a terminal). Never stored: a resume reads them again.
 */
export async function openRancher(
  _target: RancherTarget,
  _config: Config,
  _env: Env,
  _signal: AbortSignal,
): Promise<RancherApi> {
  throw new UsageError('import: the Rancher API client is not merged yet (branch fleet-inputs)');
}
