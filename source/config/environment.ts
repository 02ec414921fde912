import type { Env } from '../shared/env.js';
/**
 * The environment variables the tool reads besides the answers. A bad value is refused
 * like a bad flag (one line, exit 2), never silently ignored.
 */

export const waitScaleVar = 'RANCHER_PKS_TUI_WAIT_SCALE';
export const ingressPortVar = 'RANCHER_PKS_TUI_INGRESS_HTTPS_PORT';

function shown(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

/** One line per variable whose value cannot be used. */
export function environmentProblems(env: Env): string[] {
  const problems: string[] = [];
  const scale = env[waitScaleVar];
  if (scale !== undefined && scale.trim() !== '') {
    const n = Number(scale);
    if (!Number.isFinite(n) || n <= 0)
      problems.push(
        `${waitScaleVar}: ${shown(scale)} is not a positive number; use e.g. 0.1 to shorten every wait tenfold, or unset it`,
      );
  }
  const port = env[ingressPortVar];
  if (port !== undefined && port.trim() !== '') {
    const n = Number(port);
    if (!Number.isInteger(n) || n < 1 || n > 65535)
      problems.push(
        `${ingressPortVar}: ${shown(port)} is not a port from 1 to 65535; unset it to use 443`,
      );
  }
  return problems;
}
