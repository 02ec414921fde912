import { z } from 'zod';
import { PermanentError } from './errors.js';

/** One release as `helm list` shows it; status in Helm 3 spelling (`deployed`, `pending-install`). */
export interface HelmRelease {
  name: string;
  namespace: string;
  revision: number;
  status: string;
  chart: string;
  app_version: string;
}

const text = z.string().catch('');
const revision = z.union([z.number(), z.string()]).transform(Number).catch(0);

const releaseRow = z.looseObject({
  name: z.string(),
  namespace: text,
  revision,
  status: text,
  chart: text,
  app_version: text,
});

/** `deployed`, `pending-install`, … (trimmed, lower case). */
export function normalizeStatus(status: string): string {
  return status.trim().toLowerCase();
}

function parseJson(output: string, what: string): unknown {
  const trimmed = output.trim();
  // Helm prints `null` (get values) when there is nothing.
  if (trimmed === '' || trimmed === 'null') return null;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    throw new PermanentError(
      `could not read ${what}: helm did not print JSON (${trimmed.slice(0, 120)})`,
      'check that helm is Helm 3 or 4',
    );
  }
}

/** `helm list -o json`: an array of releases. */
export function parseReleaseList(output: string): HelmRelease[] {
  const value = parseJson(output, 'the helm release list');
  if (!Array.isArray(value)) return [];
  return value.flatMap((row) => {
    const r = releaseRow.safeParse(row);
    return r.success ? [{ ...pickRelease(r.data), status: normalizeStatus(r.data.status) }] : [];
  });
}

function pickRelease(r: z.output<typeof releaseRow>): HelmRelease {
  return {
    name: r.name,
    namespace: r.namespace,
    revision: r.revision,
    status: r.status,
    chart: r.chart,
    app_version: r.app_version,
  };
}

const statusJson = z.looseObject({ info: z.looseObject({ status: z.string() }) });

/** `helm status -o json`: `.info.status`. */
export function parseStatus(output: string): string | undefined {
  const parsed = statusJson.safeParse(parseJson(output, 'the helm release status'));
  return parsed.success ? normalizeStatus(parsed.data.info.status) : undefined;
}

/** One revision as `helm history -o json` shows it. */
export interface HelmRevision {
  revision: number;
  updated: string;
  status: string;
  chart: string;
  description: string;
}

const revisionRow = z.looseObject({
  revision,
  updated: text,
  status: text,
  chart: text,
  description: text,
});

/** `helm history NAME -o json`: the revisions, oldest first. */
export function parseHistory(output: string): HelmRevision[] {
  const value = parseJson(output, 'the helm release history');
  if (!Array.isArray(value)) return [];
  return value.flatMap((row) => {
    const r = revisionRow.safeParse(row);
    return r.success
      ? [
          {
            revision: r.data.revision,
            updated: r.data.updated,
            status: normalizeStatus(r.data.status),
            chart: r.data.chart,
            description: r.data.description,
          },
        ]
      : [];
  });
}
