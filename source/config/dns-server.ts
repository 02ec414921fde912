import { isIP } from 'node:net';
import type { Env } from '../shared/env.js';

/** Environment variable that replaces `dns.servers` from the answers file (comma-separated). */
export const dnsServersEnvVar = 'RANCHER_PKS_TUI_DNS_SERVERS';

const howToWrite = 'write IP or IP:PORT, e.g. 10.0.0.2 or 10.0.0.2:5353 ([::1]:53 for IPv6)';

/** Why `entry` is not `IP`, `IP:PORT` or `[IPv6]:PORT`, or undefined when it is. */
export function dnsServerProblem(entry: string): string | undefined {
  const shown = JSON.stringify(entry);
  const { host, port } = splitHostPort(entry);
  if (isIP(host) === 0) return `${shown} is not an IP address; ${howToWrite}`;
  if (port !== undefined && !isPort(port)) {
    return `${shown} has an invalid port; use a port from 1 to 65535`;
  }
  return undefined;
}

function splitHostPort(entry: string): { host: string; port?: string } {
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(entry);
  if (bracketed) return { host: bracketed[1] ?? '', port: bracketed[2] };
  // A bare IPv6 address has several colons and no port.
  if (isIP(entry) === 6) return { host: entry };
  const colon = entry.lastIndexOf(':');
  return colon < 0
    ? { host: entry }
    : { host: entry.slice(0, colon), port: entry.slice(colon + 1) };
}

function isPort(text: string): boolean {
  if (!/^\d{1,5}$/.test(text)) return false;
  const port = Number(text);
  return port >= 1 && port <= 65535;
}

/** The servers listed in the environment variable, or undefined when it is unset or blank. */
export function dnsServersFromEnv(env: Env): string[] | undefined {
  const raw = env[dnsServersEnvVar];
  if (raw === undefined || raw.trim() === '') return undefined;
  return raw
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}
