import { getServers, promises as dnsPromises } from 'node:dns';
import type { Env } from '../shared/env.js';

export interface ResolveResult {
  /** IPv4 addresses, sorted; empty when there is no record. */
  answers: string[];
  /** Which resolvers were asked (`IP` or `IP:PORT`, comma-separated). */
  server: string;
  /** Why there is no answer: `NXDOMAIN`, `no A record`, `timed out`, ... (not thrown). */
  error?: string;
}

/** node:dns error codes as a person reads them. */
const reasons: Record<string, string> = {
  ENOTFOUND: 'NXDOMAIN (no such name)',
  ENODATA: 'no A record',
  ETIMEOUT: 'timed out',
  ECONNREFUSED: 'connection refused',
  EREFUSED: 'query refused',
  ESERVFAIL: 'server failure (SERVFAIL)',
  EBADRESP: 'bad response',
  ECANCELLED: 'timed out',
};

/** One try, then one retry, inside the caller's overall budget. */
const TRIES = 2;

function describe(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return reasons[code] ?? code;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Resolves `name`'s A records with the given resolvers (`IP` or `IP:PORT`; empty:
 * the system's). A missing name or record is a result with `error`, never an exception;
 * only a stop (`signal`) throws: the lookup is cancelled and the signal's reason thrown.
 */
export async function resolveA(
  name: string,
  servers: string[],
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<ResolveResult> {
  signal?.throwIfAborted();
  const resolver = new dnsPromises.Resolver({
    timeout: Math.max(1, Math.floor(timeoutMs / TRIES)),
    tries: TRIES,
  });
  if (servers.length > 0) resolver.setServers(servers);
  const server = (servers.length > 0 ? servers : resolver.getServers()).join(',');
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  // c-ares' own timeout grows per try; this bounds the whole lookup.
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      resolver.cancel();
      reject(Object.assign(new Error('timed out'), { code: 'ETIMEOUT' }));
    }, timeoutMs);
  });
  const stopped = new Promise<never>((_, reject) => {
    onAbort = () => {
      resolver.cancel();
      reject(new Stopped(signal?.reason));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    const answers = await Promise.race([resolver.resolve4(name), deadline, stopped]);
    return { answers: [...answers].sort(), server };
  } catch (e) {
    if (e instanceof Stopped) throw e.reason;
    return { answers: [], server, error: describe(e) };
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}

/** Tells a stop apart from a failed lookup, whatever the signal's reason is. */
class Stopped {
  constructor(readonly reason: unknown) {}
}

/** Asks each resolver on its own: shows which one lacks the record (split DNS, caches). */
export function resolveAEach(
  name: string,
  servers: string[],
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<ResolveResult[]> {
  const each = servers.length > 0 ? servers : getServers();
  return Promise.all(each.map((s) => resolveA(name, [s], timeoutMs, signal)));
}

/**
 * The resolvers to use: `RANCHER_PKS_TUI_DNS_SERVERS` (comma-separated; the lab sets it)
 * over the configured ones; neither → the system's (`dns.getServers()`).
 */
export function resolverServers(
  configServers: readonly string[] | undefined,
  env: Env = process.env,
): string[] {
  const fromEnv = splitList(env.RANCHER_PKS_TUI_DNS_SERVERS ?? '');
  if (fromEnv.length > 0) return fromEnv;
  const configured = (configServers ?? []).map((s) => s.trim()).filter(Boolean);
  return configured.length > 0 ? configured : getServers();
}

function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
