import { PksCliError, apiError } from './errors.js';

export const LB_SIZES = ['small', 'medium', 'large'] as const;
export type LbSize = (typeof LB_SIZES)[number];

/** A network profile as `pks network-profile NAME --json` shows it. */
export interface NetworkProfile {
  name: string;
  description: string;
  parameters: { lb_size: LbSize } & Record<string, unknown>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isLbSize(value: unknown): value is LbSize {
  return typeof value === 'string' && (LB_SIZES as readonly string[]).includes(value);
}

/** Parses the JSON text as the real CLI reads it (Go's encoding/json wording on failure). */
function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new PksCliError(`invalid network profile file: ${(e as Error).message}`);
  }
}

/**
 * Validates a profile file's content the way the PKS API does; `lb_size` defaults to
 * small (FACTS) and must be one of small|medium|large.
 */
export function parseNetworkProfile(text: string): NetworkProfile {
  const raw = parseJsonText(text);
  if (!isRecord(raw)) throw apiError(400, 'Network profile must be a JSON object');
  const { name, description, parameters } = raw;
  if (typeof name !== 'string' || name.trim() === '') {
    throw apiError(400, 'Network profile name is required');
  }
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(name)) {
    throw apiError(400, `Invalid network profile name: ${name}`);
  }
  if (parameters !== undefined && !isRecord(parameters)) {
    throw apiError(400, 'Network profile parameters must be a JSON object');
  }
  const params = parameters ?? {};
  const lbSize = params.lb_size ?? 'small';
  if (!isLbSize(lbSize)) {
    throw apiError(
      400,
      `Invalid value for lb_size: ${JSON.stringify(lbSize)}. Valid values are small, medium, large`,
    );
  }
  return {
    name,
    description: typeof description === 'string' ? description : '',
    parameters: { ...params, lb_size: lbSize },
  };
}
